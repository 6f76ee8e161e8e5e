package io.github.coexist.app.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a handler answers: a status, a content type and a body.
 *
 * @param status the HTTP status
 * @param contentType the body's media type
 * @param body the body bytes
 * @param headers extra response headers
 */
public record HttpAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {
  public HttpAnswer {
    body = body.clone();
    headers = Map.copyOf(headers);
  }

  /** A JSON answer. */
  public static HttpAnswer json(int status, String json) {
    return new HttpAnswer(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /**
   * An error as the app's API answers it: {@code {"error": kind, "message": ..., "problems": [...]}},
   * {@code kind} a short snake_case word ({@code not_found}), {@code problems} every problem found
   * in the request (empty when there is only the message).
   */
  public static HttpAnswer error(int status, String kind, String message, List<String> problems) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("error", kind);
    node.put("message", message);
    ArrayNode list = node.putArray("problems");
    problems.forEach(list::add);
    return json(status, node.toString());
  }

  /** The policy of an HTML answer that names none: nothing may load or run, not even inline. */
  public static final String STRICT_POLICY =
      "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /** An HTML answer under {@link #STRICT_POLICY}. */
  public static HttpAnswer html(String html) {
    return html(html, STRICT_POLICY);
  }

  /**
   * An HTML answer under the Content-Security-Policy {@code policy}, sent with {@code
   * Referrer-Policy: no-referrer} (every answer also carries {@code X-Content-Type-Options: nosniff}).
   */
  public static HttpAnswer html(String html, String policy) {
    return new HttpAnswer(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Security-Policy", policy, "Referrer-Policy", "no-referrer"));
  }

  /** A copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }
}
