package io.github.coexist.app.app;

import io.github.coexist.adapters.http.Secret;
import io.github.coexist.adapters.http.WebhookSignature;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * For a set-up that takes GitHub deliveries without checking their signatures ({@code serve} with
 * no webhook secret, {@code replay} without {@code --secret}). The GitHub adapter always checks
 * them, so deliveries are signed on arrival with a random secret of this object's own, which the
 * adapter is given; the adapter also requires credentials, so it gets {@link #PLACEHOLDER_TOKEN},
 * which such a set-up never sends (it makes no GitHub call).
 */
public final class UncheckedSignatures {
  /** The token a set-up without GitHub credentials gives the adapter; never sent. */
  public static final String PLACEHOLDER_TOKEN = "coexist-receive-only-never-sent";

  private static final String SIGNATURE = "X-Hub-Signature-256";

  private final Secret secret;

  private UncheckedSignatures(Secret secret) {
    this.secret = secret;
  }

  /** Signatures made with a fresh random secret. */
  public static UncheckedSignatures random() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return new UncheckedSignatures(Secret.of(HexFormat.of().formatHex(bytes)));
  }

  /** The secret to give the adapter as its webhook secret. */
  public Secret secret() {
    return secret;
  }

  /** {@code headers} with the signature of {@code body} in place of any the delivery carried. */
  public Map<String, String> signed(byte[] body, Map<String, String> headers) {
    Map<String, String> signed = new HashMap<>();
    headers.forEach((name, value) -> {
      if (!name.equalsIgnoreCase(SIGNATURE)) {
        signed.put(name, value);
      }
    });
    signed.put(SIGNATURE, WebhookSignature.sign(secret, body));
    return signed;
  }

  @Override
  public String toString() {
    return "UncheckedSignatures[secret=****]";
  }
}
