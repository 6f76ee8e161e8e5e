package io.github.coexist.app.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as the app's handlers see it: method, path, the path's named parts, query
 * parameters, headers (names lower-cased) and the raw body bytes (webhook signatures are computed
 * over exactly these bytes).
 *
 * @param method the HTTP method, upper case
 * @param path the decoded path
 * @param pathParams the values of the route's {@code {name}} parts
 * @param query the query parameters (first value of each)
 * @param headers the request headers, names lower-cased, first value of each
 * @param body the raw body
 * @param remoteAddress the address of the peer that sent the request (an IP literal; {@code ""} when
 *     unknown), for trusting a proxy by its address. Never from a header.
 */
public record HttpExchangeData(
    String method,
    String path,
    Map<String, String> pathParams,
    Map<String, String> query,
    Map<String, String> headers,
    byte[] body,
    String remoteAddress) {

  /** A request whose peer's address is not known. */
  public HttpExchangeData(String method, String path, Map<String, String> pathParams, Map<String, String> query,
      Map<String, String> headers, byte[] body) {
    this(method, path, pathParams, query, headers, body, "");
  }

  public HttpExchangeData {
    pathParams = Map.copyOf(pathParams);
    query = Map.copyOf(query);
    Map<String, String> lower = new TreeMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    headers = java.util.Collections.unmodifiableMap(lower);
    body = body.clone();
    java.util.Objects.requireNonNull(remoteAddress, "remoteAddress");
  }

  /** The header's value, looked up case-insensitively. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The query parameter's value, if given and not blank. */
  public Optional<String> queryParam(String name) {
    return Optional.ofNullable(query.get(name)).filter(v -> !v.isBlank());
  }

  /** A copy of the raw body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** Parses a raw query string into its first values. */
  static Map<String, String> parseQuery(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq >= 0 ? pair.substring(0, eq) : pair, StandardCharsets.UTF_8);
      String value = eq >= 0 ? URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8) : "";
      params.putIfAbsent(name, value);
    }
    return params;
  }
}
