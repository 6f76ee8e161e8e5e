package io.github.coexist.adapters.http;

import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Credentials that never change (Basic, a static bearer token, an API key header): a 401 to them
 * is final, so {@link #refreshes()} is false. Values are revealed only into request headers;
 * {@link #toString()} names the headers, never their values.
 */
final class FixedAuth implements RequestAuth {
  private final Map<String, Secret> headers;

  FixedAuth(Map<String, Secret> headers) {
    this.headers = Map.copyOf(headers);
  }

  @Override
  public Either<CoexistError, Map<String, String>> headers() {
    Map<String, String> out = new LinkedHashMap<>();
    headers.forEach((name, value) -> out.put(name, value.reveal()));
    return Either.right(out);
  }

  @Override
  public boolean refreshes() {
    return false;
  }

  @Override
  public String toString() {
    return "FixedAuth" + headers.keySet();
  }
}
