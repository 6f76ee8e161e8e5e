package io.github.coexist.app.serve;

import io.github.coexist.adapters.http.Secret;
import io.github.coexist.app.http.HttpAnswer;
import io.github.coexist.app.http.HttpExchangeData;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Guards the API's writes (decisions, alerts) with {@code Authorization: Bearer <COEXIST_API_TOKEN>}
 * when a token is set; without one, writes are open (the service listens on loopback by default).
 * Compared in constant time. Thread-safe.
 */
final class ApiToken {
  private static final String PREFIX = "Bearer ";
  private final Optional<Secret> token;

  ApiToken(Optional<Secret> token) {
    this.token = token;
  }

  /** Whether a token is required. */
  boolean required() {
    return token.isPresent();
  }

  /**
   * {@code write} as a handler of requests that must carry the token (when one is set) and one
   * JSON object: a request without the token is answered 401, one without a JSON object 400.
   */
  Function<HttpExchangeData, HttpAnswer> write(BiFunction<HttpExchangeData, JsonFields, HttpAnswer> write) {
    return request -> refuse(request).orElseGet(() -> Bodies.object(request)
        .fold(Answers::invalid, body -> write.apply(request, body)));
  }

  /** The 401 to answer {@code request} with, unless it may write. */
  Optional<HttpAnswer> refuse(HttpExchangeData request) {
    if (token.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> given = request.header("Authorization")
        .filter(h -> h.regionMatches(true, 0, PREFIX, 0, PREFIX.length()))
        .map(h -> h.substring(PREFIX.length()).strip());
    boolean matches = given.isPresent() && MessageDigest.isEqual(given.get().getBytes(StandardCharsets.UTF_8),
        token.get().reveal().getBytes(StandardCharsets.UTF_8));
    if (matches) {
      return Optional.empty();
    }
    HttpAnswer refused = HttpAnswer.error(401, "unauthorized", given.isEmpty()
        ? "unauthorized: this call needs Authorization: Bearer <COEXIST_API_TOKEN>"
        : "unauthorized: the bearer token is not the API token", List.of());
    return Optional.of(new HttpAnswer(401, refused.contentType(), refused.body(),
        Map.of("WWW-Authenticate", "Bearer realm=\"coexist\"")));
  }
}
