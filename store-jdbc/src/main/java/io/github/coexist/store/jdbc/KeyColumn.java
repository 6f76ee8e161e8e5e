package io.github.coexist.store.jdbc;

/**
 * A record's key as its column holds it: printable ASCII as itself, every other char (and the
 * backslash) as a {@code \}{@code uXXXX} escape. Any key, one holding NUL or an unpaired surrogate
 * included, so fits every database's text type and index; the ids coexist makes are unchanged.
 */
final class KeyColumn {
  private static final int ESCAPED = 6;

  private KeyColumn() {}

  static String escape(String key) {
    if (key.chars().allMatch(KeyColumn::plain)) {
      return key;
    }
    StringBuilder column = new StringBuilder(key.length() + 16);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (plain(c)) {
        column.append(c);
      } else {
        column.append(String.format("\\u%04X", (int) c));
      }
    }
    return column.toString();
  }

  static String unescape(String column) {
    if (column.indexOf('\\') < 0) {
      return column;
    }
    StringBuilder key = new StringBuilder(column.length());
    for (int i = 0; i < column.length(); i++) {
      int escaped = escapedAt(column, i);
      if (escaped >= 0) {
        key.append((char) escaped);
        i += ESCAPED - 1;
      } else {
        key.append(column.charAt(i));
      }
    }
    return key.toString();
  }

  /** The char escaped at {@code at}, or -1 when there is no escape there (a column edited by hand). */
  private static int escapedAt(String column, int at) {
    if (column.charAt(at) != '\\' || at + ESCAPED > column.length() || column.charAt(at + 1) != 'u') {
      return -1;
    }
    int value = 0;
    for (int i = at + 2; i < at + ESCAPED; i++) {
      int digit = Character.digit(column.charAt(i), 16);
      if (digit < 0) {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }

  private static boolean plain(int c) {
    return c >= 0x20 && c < 0x7F && c != '\\';
  }
}
