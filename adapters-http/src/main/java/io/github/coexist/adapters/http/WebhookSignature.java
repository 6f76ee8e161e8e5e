package io.github.coexist.adapters.http;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies {@code sha256=<hex>} webhook signatures (GitHub's {@code X-Hub-Signature-256}, Jira's
 * {@code X-Hub-Signature}), or the same under another scheme prefix (PagerDuty's {@code
 * v1=<hex>}): HMAC-SHA256 over the raw body bytes, compared in constant time. Several secrets may
 * be active at once, so a secret can be rotated without dropping deliveries.
 */
public final class WebhookSignature {
  private static final String PREFIX = "sha256=";
  private final List<Secret> secrets;
  private final String prefix;

  /** A verifier accepting a {@code sha256=<hex>} signature made with any of {@code secrets} (at least one). */
  public WebhookSignature(List<Secret> secrets) {
    this(secrets, PREFIX);
  }

  /** A verifier accepting a {@code <prefix><hex>} signature made with any of {@code secrets} (at least one). */
  public WebhookSignature(List<Secret> secrets, String prefix) {
    this.secrets = List.copyOf(secrets);
    this.prefix = prefix.toLowerCase(Locale.ROOT);
    if (this.secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one webhook secret is needed");
    }
  }

  /**
   * Whether {@code header} is a valid signature of {@code body}; a missing, malformed or wrong
   * signature is {@code Unauthorized} with a reason that reveals nothing about the secret.
   */
  public Either<CoexistError, Done> verify(byte[] body, Optional<String> header) {
    Objects.requireNonNull(body, "body");
    if (header.isEmpty() || header.get().isBlank()) {
      return Either.left(new CoexistError.Unauthorized("the delivery carries no signature"));
    }
    String value = header.get().strip();
    if (!value.toLowerCase(Locale.ROOT).startsWith(prefix)) {
      return Either.left(new CoexistError.Unauthorized("the signature is not of the form " + prefix + "<hex>"));
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(value.substring(prefix.length()).toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Either.left(new CoexistError.Unauthorized("the signature is not hexadecimal"));
    }
    boolean matched = false;
    for (Secret secret : secrets) {
      // No early exit: every secret is tried, so timing does not tell which one matched.
      matched |= MessageDigest.isEqual(hmac(secret, body), given);
    }
    return matched ? Either.right(Done.DONE)
        : Either.left(new CoexistError.Unauthorized("the signature does not match the body"));
  }

  /** The {@code sha256=<hex>} signature of {@code body} with {@code secret} (for senders and tests). */
  public static String sign(Secret secret, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
  }

  private static byte[] hmac(Secret secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSignature[" + secrets.size() + " secret(s)]";
  }
}
