package io.github.coexist.app.http;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes {@link HttpAnswer}s to Jetty, and the app's error answers for statuses Jetty and the server decide. */
final class Responses {
  /** The {@code error} word of each status the server itself answers; the routes name their own. */
  private static final Map<Integer, String> KINDS = Map.ofEntries(
      Map.entry(400, "invalid_input"), Map.entry(401, "unauthorized"), Map.entry(403, "forbidden"),
      Map.entry(404, "not_found"), Map.entry(405, "method_not_allowed"), Map.entry(408, "request_timeout"),
      Map.entry(409, "conflict"), Map.entry(411, "length_required"), Map.entry(413, "payload_too_large"),
      Map.entry(414, "uri_too_long"), Map.entry(415, "unsupported_media_type"), Map.entry(417, "expectation_failed"),
      Map.entry(429, "rate_limited"), Map.entry(431, "headers_too_large"), Map.entry(500, "internal"),
      Map.entry(501, "not_implemented"), Map.entry(503, "unavailable"), Map.entry(505, "http_version_not_supported"));

  private Responses() {}

  /** The {@code error} word for {@code status}: {@code invalid_input} for another 4xx, {@code internal} for another 5xx. */
  static String kind(int status) {
    return KINDS.getOrDefault(status, status < 500 ? "invalid_input" : "internal");
  }

  /** An error answer in the app's shape, with the kind of its status. */
  static HttpAnswer error(int status, String message) {
    return HttpAnswer.error(status, kind(status), message, List.of());
  }

  /** {@code answer} with {@code name: value} added to its headers. */
  static HttpAnswer withHeader(HttpAnswer answer, String name, String value) {
    Map<String, String> headers = new java.util.HashMap<>(answer.headers());
    headers.put(name, value);
    return new HttpAnswer(answer.status(), answer.contentType(), answer.body(), headers);
  }

  /**
   * Writes {@code answer} and completes {@code callback}; closes the connection after it when
   * {@code close} (the rest of a refused body is not read). A HEAD request gets the headers
   * a GET would, {@code Content-Length} included, and no body.
   */
  static void send(Request request, Response response, Callback callback, HttpAnswer answer, boolean close) {
    response.setStatus(answer.status());
    HttpFields.Mutable headers = response.getHeaders();
    answer.headers().forEach(headers::put);
    headers.put(HttpHeader.CONTENT_TYPE, answer.contentType());
    headers.put("X-Content-Type-Options", "nosniff");
    byte[] body = answer.body();
    headers.put(HttpHeader.CONTENT_LENGTH, body.length);
    if (close) {
      headers.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }
    boolean head = HttpMethod.HEAD.is(request.getMethod());
    response.write(true, head ? null : ByteBuffer.wrap(body), callback);
  }
}
