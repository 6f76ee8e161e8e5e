package io.github.coexist.app.serve;

import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The opaque cursor of a list page: which list it belongs to ({@code changes}), a fingerprint of
 * the filters it was given for ({@code service=shop&state=}) and the position to go on from (a record's id or
 * a sequence), with a checksum, in URL-safe base64. It holds no secret, so it works on every
 * instance and after a restart; the checksum and the names only tell a cursor that was changed,
 * cut, or taken from another list or other filters, from one this server gave, so such a cursor
 * is refused plainly rather than read as another position.
 */
final class Cursor {
  /** The longest cursor read: far above any this server writes. */
  static final int MAX_LENGTH = 512;
  private static final String VERSION = "c1";
  private static final int CHECKSUM = 8;
  private static final char SEPARATOR = '\n';

  private Cursor() {}

  /** The cursor of {@code position} in the list {@code list} filtered as {@code filters}. */
  static String encode(String list, String filters, String position) {
    byte[] payload = String.join(String.valueOf(SEPARATOR), VERSION, list, fingerprint(filters), position)
        .getBytes(StandardCharsets.UTF_8);
    byte[] token = Arrays.copyOf(payload, payload.length + CHECKSUM);
    System.arraycopy(checksum(payload), 0, token, payload.length, CHECKSUM);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  /**
   * The position {@code cursor} holds, when it is one this server gave for the list {@code list}
   * filtered as {@code filters}; otherwise a problem naming what is wrong, without quoting it.
   */
  static Either<String, String> decode(String cursor, String list, String filters) {
    byte[] token;
    try {
      token = cursor.length() > MAX_LENGTH ? new byte[0] : Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException notBase64) {
      token = new byte[0];
    }
    if (token.length <= CHECKSUM) {
      return Either.left("cursor is not one this server gave: pass the 'next' of the page before, unchanged");
    }
    byte[] payload = Arrays.copyOf(token, token.length - CHECKSUM);
    byte[] sum = Arrays.copyOfRange(token, payload.length, token.length);
    if (!MessageDigest.isEqual(sum, Arrays.copyOf(checksum(payload), CHECKSUM))) {
      return Either.left("cursor was changed or cut: pass the 'next' of the page before, unchanged");
    }
    String[] parts = new String(payload, StandardCharsets.UTF_8).split(String.valueOf(SEPARATOR), -1);
    if (parts.length != 4 || !parts[0].equals(VERSION) || !parts[1].equals(list)) {
      return Either.left("cursor belongs to another list than /api/" + list);
    }
    if (!parts[2].equals(fingerprint(filters))) {
      return Either.left("cursor was given for other filters: ask with the filters of the first page");
    }
    return Either.right(parts[3]);
  }

  /** The filters, short: a cursor stays small whatever the filters' length. */
  private static String fingerprint(String filters) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(Arrays.copyOf(checksum(filters.getBytes(StandardCharsets.UTF_8)), CHECKSUM));
  }

  private static byte[] checksum(byte[] payload) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(payload);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
