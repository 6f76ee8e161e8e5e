package io.github.coexist.standins.jira;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One webhook delivery as a Jira Cloud site sends it: the raw JSON body and the headers, among
 * them {@code X-Hub-Signature: sha256=<hex>} when the webhook has a secret and {@code
 * X-Atlassian-Webhook-Identifier}, which stays the same when Jira retries the delivery.
 *
 * @param headers the delivery's headers
 * @param body the raw body bytes the signature covers
 */
public record WebhookDelivery(Map<String, String> headers, byte[] body) {
  public WebhookDelivery {
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body as text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The delivery's identifier. */
  public String identifier() {
    return headers.get("X-Atlassian-Webhook-Identifier");
  }

  /** This delivery with another header value (to tamper with it in a test). */
  public WebhookDelivery withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new WebhookDelivery(h, body);
  }

  /** This delivery with another body and the same headers (so its signature no longer matches). */
  public WebhookDelivery withBody(byte[] other) {
    return new WebhookDelivery(headers, Objects.requireNonNull(other, "other"));
  }

  /** POSTs the delivery to {@code target} and returns the HTTP status it answered. */
  public int post(URI target) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WebhookDelivery d && headers.equals(d.headers) && java.util.Arrays.equals(body, d.body);
  }

  @Override
  public int hashCode() {
    return 31 * headers.hashCode() + java.util.Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "WebhookDelivery[" + identifier() + ", " + body.length + " bytes]";
  }
}
