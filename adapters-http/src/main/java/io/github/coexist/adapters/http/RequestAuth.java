package io.github.coexist.adapters.http;

import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.Map;

/**
 * Adds credentials to a request: a static header (Basic, bearer token, API key) or a token that
 * is fetched and refreshed (OAuth, GitHub App installation token). Thread-safe.
 */
public interface RequestAuth {

  /** The headers to add to the next request, or why credentials could not be had. */
  Either<CoexistError, Map<String, String>> headers();

  /**
   * Called when the tool answered 401 to a request carrying {@link #headers()}: a refreshing
   * implementation drops its cached token so the next call fetches a new one.
   */
  default void invalidate() {}

  /**
   * Whether {@link #invalidate()} can bring credentials other than those just refused (a token
   * fetched again, an OAuth token renewed). When it cannot, a 401 is final: repeating the request
   * with unchanged credentials would only be refused again (and may lock the account). True
   * unless overridden, so that implementations that refresh keep their one retry; the fixed
   * credentials of {@link #none()}, {@link #header}, {@link #basic} and {@link #bearer} say false.
   */
  default boolean refreshes() {
    return true;
  }

  /** No credentials. */
  static RequestAuth none() {
    return new FixedAuth(Map.of());
  }

  /** The same header on every request; its value is never logged. */
  static RequestAuth header(String name, Secret value) {
    return new FixedAuth(Map.of(name, value));
  }

  /** HTTP Basic with a user and a password or API token. */
  static RequestAuth basic(String user, Secret password) {
    String token = java.util.Base64.getEncoder().encodeToString(
        (user + ":" + password.reveal()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return header("Authorization", Secret.of("Basic " + token));
  }

  /** A bearer token. */
  static RequestAuth bearer(Secret token) {
    return header("Authorization", Secret.of("Bearer " + token.reveal()));
  }
}
