package io.github.coexist.app.events;

/**
 * A short, printable excerpt of bad input for an error message: an error quotes what it refuses
 * so that it can be found, but never the whole of it (a log line may be a megabyte, and a
 * terminal must not receive its control characters).
 *
 * <p>At most {@link #MAX_CHARS} characters are quoted; a longer text is cut there, followed by an
 * ellipsis and its length. Control characters (C0, DEL and C1) are written as {@code \}{@code
 * uXXXX}. A cut never splits a surrogate pair.
 */
public final class Excerpt {
  /** The most characters of the input an excerpt quotes. */
  public static final int MAX_CHARS = 80;

  private Excerpt() {}

  /**
   * {@code text} in single quotes, cut to {@link #MAX_CHARS} characters with an ellipsis and its
   * length when longer: {@code 'abc'}, {@code 'abcd…' (1048576 characters)}.
   */
  public static String quote(CharSequence text) {
    return "'" + excerpt(text) + "'" + (text.length() > MAX_CHARS ? " (" + text.length() + " characters)" : "");
  }

  /**
   * {@code value} as {@link String#valueOf} gives it, without quotes, cut as {@link #quote} cuts:
   * {@code 2024-99}, {@code abcd… (1048576 characters)}.
   */
  public static String of(Object value) {
    String text = String.valueOf(value);
    return excerpt(text) + (text.length() > MAX_CHARS ? " (" + text.length() + " characters)" : "");
  }

  /**
   * {@code message} cut to {@code max} characters with an ellipsis and its length when longer,
   * control characters escaped: a last bound on a message built from several parts.
   */
  public static String cap(String message, int max) {
    if (message.length() <= max && printable(message)) {
      return message;
    }
    return cut(message, max) + (message.length() > max ? " (" + message.length() + " characters)" : "");
  }

  private static String excerpt(CharSequence text) {
    return cut(text, MAX_CHARS);
  }

  private static String cut(CharSequence text, int max) {
    int end = Math.min(text.length(), max);
    if (end < text.length() && end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    StringBuilder out = new StringBuilder(end + 8);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (control(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (end < text.length()) {
      out.append('\u2026');
    }
    return out.toString();
  }

  private static boolean printable(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (control(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean control(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
  }
}
