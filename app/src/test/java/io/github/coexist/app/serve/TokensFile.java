package io.github.coexist.app.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** Writes a COEXIST_API_TOKENS_FILE as an operator would: SHA-256 hashes, owner-only permissions. */
final class TokensFile {
  private TokensFile() {}

  /** A file in {@code dir} giving each person of {@code tokens} (person to token) read and write. */
  static Path write(Path dir, Map<String, String> tokens) {
    StringBuilder text = new StringBuilder("# sha256 of the token   person   roles\n");
    tokens.forEach((person, token) -> text.append(sha256(token)).append("  ").append(person).append("  read,write\n"));
    return write(dir, text.toString());
  }

  /** {@code text} as a token file in {@code dir}, readable by its owner only. */
  static Path write(Path dir, String text) {
    try {
      Path file = dir.resolve("tokens-" + System.nanoTime());
      Files.writeString(file, text);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The SHA-256 of {@code token} in hex, as {@code printf %s TOKEN | sha256sum} prints it. */
  static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The headers of a JSON post with {@code token}. */
  static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
  }
}
