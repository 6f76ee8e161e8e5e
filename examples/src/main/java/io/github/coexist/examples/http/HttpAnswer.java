package io.github.coexist.examples.http;

import java.nio.charset.StandardCharsets;
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

  /** An HTML answer. */
  public static HttpAnswer html(String html) {
    return new HttpAnswer(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** A copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }
}
