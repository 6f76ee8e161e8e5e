package io.github.coexist.adapters.github;

import io.github.coexist.adapters.http.Secret;
import io.vavr.control.Either;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a GitHub App's RSA private key from PEM with the JDK alone: PKCS#8 ({@code BEGIN PRIVATE
 * KEY}) directly, and PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what GitHub hands out) by wrapping it
 * in the PKCS#8 structure the JDK reads. Problems never quote the key.
 */
final class PrivateKeys {
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN (RSA )?PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END (RSA )?PRIVATE KEY-----");
  /** DER of AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
  private static final byte[] RSA_ALGORITHM = {
      0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

  private PrivateKeys() {}

  /** The RSA private key in {@code pem}, or why it cannot be read. */
  static Either<String, PrivateKey> parse(Secret pem) {
    Matcher m = PEM.matcher(pem.reveal());
    if (!m.find()) {
      return Either.left("not a PEM RSA private key (expected BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY)");
    }
    boolean pkcs1 = m.group(1) != null;
    if (pkcs1 != (m.group(3) != null)) {
      return Either.left("the PEM's BEGIN and END lines do not match");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      return Either.left("the PEM body is not base64");
    }
    try {
      byte[] pkcs8 = pkcs1 ? wrapPkcs1(der) : der;
      return Either.right(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Either.left("the PEM does not hold a readable RSA private key");
    }
  }

  /** The PEM text of the file at {@code path}, or why it cannot be read. */
  static Either<String, Secret> readFile(String path) {
    try {
      String text = Files.readString(Path.of(path), StandardCharsets.US_ASCII);
      return text.isBlank() ? Either.left("the key file " + path + " is empty") : Either.right(Secret.of(text));
    } catch (IOException | java.nio.file.InvalidPathException e) {
      return Either.left("cannot read the key file " + path + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING pkcs1 }. */
  static byte[] wrapPkcs1(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(RSA_ALGORITHM);
    body.write(0x04);
    body.writeBytes(length(pkcs1.length));
    body.writeBytes(pkcs1);
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    info.write(0x30);
    info.writeBytes(length(body.size()));
    info.writeBytes(body.toByteArray());
    return info.toByteArray();
  }

  /** A DER length: short form below 128, else long form with the fewest bytes. */
  private static byte[] length(int length) {
    if (length < 0x80) {
      return new byte[] {(byte) length};
    }
    int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
    byte[] out = new byte[bytes + 1];
    out[0] = (byte) (0x80 | bytes);
    for (int i = bytes; i > 0; i--) {
      out[i] = (byte) (length & 0xff);
      length >>>= 8;
    }
    return out;
  }
}
