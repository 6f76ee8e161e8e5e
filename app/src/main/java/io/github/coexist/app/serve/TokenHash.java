package io.github.coexist.app.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The SHA-256 of a bearer token or shared secret: what {@code serve} keeps instead of the secret
 * itself, so that no plaintext token stays in memory after start-up and none can reach a log.
 * Compared in constant time. {@link #toString()} never shows the digest.
 */
final class TokenHash {
  private static final int BYTES = 32;
  private final byte[] digest;

  private TokenHash(byte[] digest) {
    this.digest = digest;
  }

  /** The hash of {@code token}, a secret as given (in a header or a setting). */
  static TokenHash of(String token) {
    try {
      return new TokenHash(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (java.security.MessageDigest's Javadoc).
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  /** The hash written as 64 hex digits, optionally after {@code sha256:}; empty when it is not one. */
  static Optional<TokenHash> parse(String text) {
    String hex = text.strip().toLowerCase(Locale.ROOT);
    hex = hex.startsWith("sha256:") ? hex.substring("sha256:".length()) : hex;
    // ASCII hex only: Character.digit would also take other scripts' digits, which parseHex refuses.
    if (hex.length() != 2 * BYTES || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return Optional.empty();
    }
    return Optional.of(new TokenHash(HexFormat.of().parseHex(hex)));
  }

  /** Whether {@code other} is the hash of the same secret; constant time. */
  boolean matches(TokenHash other) {
    return MessageDigest.isEqual(digest, other.digest);
  }

  /** The digest in hex, as a key of the token table (a hash, never the token). */
  String hex() {
    return HexFormat.of().formatHex(digest);
  }

  @Override
  public String toString() {
    return "TokenHash[redacted]";
  }
}
