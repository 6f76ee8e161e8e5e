package io.github.coexist.adapters.jira;

import io.github.coexist.core.kernel.IdempotencyKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The JQL the adapter sends, with values quoted and escaped: inside double quotes JQL takes
 * {@code \"} and {@code \\}, and control characters as {@code \n}, {@code \t}, ... Every query is
 * bounded by the project, as {@code /search/jql} requires.
 */
final class Jql {
  private Jql() {}

  /** {@code value} as a quoted JQL string. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Issues of {@code project} carrying {@code label}. */
  static String byLabel(String project, String label) {
    return "project = " + quote(project) + " AND labels = " + quote(label);
  }

  /**
   * Issues of {@code project} whose property {@code property} holds {@code key} at its path {@code
   * key}; {@code property} is a checked setting of letters, digits, dots, dashes and underscores.
   */
  static String byProperty(String project, String property, IdempotencyKey key) {
    return "project = " + quote(project) + " AND issue.property[" + property + "].key = "
        + quote(key.value());
  }

  /**
   * The label that marks the change of one idempotency key: {@code <label>-} and the first 32 hex
   * digits of the key's SHA-256. Labels cannot hold spaces and keys can; a digest also keeps the
   * label short and free of characters JQL would need escaped.
   */
  static String keyLabel(String label, IdempotencyKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.value().getBytes(StandardCharsets.UTF_8));
      return label + "-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
