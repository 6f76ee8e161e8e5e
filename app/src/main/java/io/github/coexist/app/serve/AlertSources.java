package io.github.coexist.app.serve;

import io.github.coexist.adapters.http.Secret;
import io.github.coexist.adapters.http.WebhookSignature;
import io.github.coexist.adapters.http.ConfigReader;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How {@code serve} takes the alerts of monitoring tools in their own formats: the label that
 * names the service in an Alertmanager or Grafana alert, and the secrets PagerDuty signs its v3
 * webhooks with (several while one is rotated). Secrets are never printed.
 *
 * @param serviceLabel {@code COEXIST_ALERT_SERVICE_LABEL}: the label naming the service ({@code service})
 * @param pagerDuty {@code COEXIST_PAGERDUTY_WEBHOOK_SECRETS}: the PagerDuty webhook subscription's
 *     signing secrets, comma-separated; without them PagerDuty webhooks are refused
 */
record AlertSources(String serviceLabel, Optional<WebhookSignature> pagerDuty) {
  private static final String V1 = "v1=";

  /** The settings {@code read} holds, its defaults where none is set; problems go to {@code read}. */
  static AlertSources read(ConfigReader read) {
    String label = read.optional("alert.service-label").orElse("service");
    Optional<WebhookSignature> pagerDuty = read.secret("pagerduty.webhook.secrets").map(secrets ->
        Arrays.stream(secrets.reveal().split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Secret::of).toList())
        .filter(secrets -> !secrets.isEmpty()).map(secrets -> new WebhookSignature(secrets, V1));
    return new AlertSources(label, pagerDuty);
  }

  /** Takes no PagerDuty webhooks and reads the {@code service} label. */
  static AlertSources defaults() {
    return new AlertSources("service", Optional.empty());
  }

  /**
   * Whether {@code header} ({@code X-PagerDuty-Signature}: {@code v1=<hex>}, comma-separated while
   * PagerDuty rotates its secret) signs {@code body} with one of the secrets; {@code Unauthorized}
   * otherwise, and {@code Forbidden} when no secret is configured.
   */
  Either<CoexistError, Done> verifyPagerDuty(byte[] body, Optional<String> header) {
    if (pagerDuty.isEmpty()) {
      return Either.left(new CoexistError.Forbidden("PagerDuty webhooks are not taken: set"
          + " COEXIST_PAGERDUTY_WEBHOOK_SECRETS to the webhook subscription's signing secret"));
    }
    List<String> signatures = header.stream().flatMap(h -> Arrays.stream(h.split(",")))
        .map(String::strip).filter(s -> s.startsWith(V1)).toList();
    if (signatures.isEmpty()) {
      return Either.left(new CoexistError.Unauthorized(header.isEmpty()
          ? "the delivery carries no X-PagerDuty-Signature" : "the signature is not of the form v1=<hex>"));
    }
    Either<CoexistError, Done> last = Either.left(new CoexistError.Unauthorized("the signature does not match the body"));
    for (String signature : signatures) {
      Either<CoexistError, Done> checked = pagerDuty.get().verify(body, Optional.of(signature));
      if (checked.isRight()) {
        return checked;
      }
      last = checked;
    }
    return last;
  }
}
