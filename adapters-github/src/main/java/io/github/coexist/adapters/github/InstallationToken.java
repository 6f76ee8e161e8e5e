package io.github.coexist.adapters.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.RemoteClient;
import io.github.coexist.adapters.http.RemoteRequest;
import io.github.coexist.adapters.http.RequestAuth;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates as one installation of the GitHub App: exchanges the App's JWT for an
 * installation access token ({@code POST /app/installations/{id}/access_tokens}, valid one hour)
 * and reuses it until {@link #REFRESH_MARGIN} before its {@code expires_at}. A 401 drops it, so the
 * next call fetches a new one. Thread-safe; the token is never logged.
 */
final class InstallationToken implements RequestAuth {
  static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
  private static final Logger LOG = LoggerFactory.getLogger(InstallationToken.class);

  private final long installationId;
  private final RemoteClient appClient;
  private final Clock clock;
  private String token;
  private Instant refreshAt = Instant.MIN;

  InstallationToken(long installationId, RemoteClient appClient, Clock clock) {
    this.installationId = installationId;
    this.appClient = Objects.requireNonNull(appClient, "appClient");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized Either<CoexistError, Map<String, String>> headers() {
    if (token == null || !clock.instant().isBefore(refreshAt)) {
      Either<CoexistError, Fresh> fresh = fetch();
      if (fresh.isLeft()) {
        return Either.left(fresh.getLeft());
      }
      token = fresh.get().token();
      refreshAt = fresh.get().expiresAt().minus(REFRESH_MARGIN);
      LOG.debug("installation {}: new access token, refreshed after {}", installationId, refreshAt);
    }
    return Either.right(Map.of("Authorization", "Bearer " + token));
  }

  @Override
  public synchronized void invalidate() {
    token = null;
  }

  private Either<CoexistError, Fresh> fetch() {
    RemoteRequest request = RemoteRequest.post("/app/installations/" + installationId + "/access_tokens", "{}")
        .header("Accept", GitHubApi.ACCEPT)
        .header("X-GitHub-Api-Version", GitHubApi.API_VERSION)
        .idempotent(true) // a second token does no harm
        .build();
    return appClient.send(request)
        .flatMap(response -> Json.parseResponse(response, "github"))
        .flatMap(InstallationToken::read);
  }

  private static Either<CoexistError, Fresh> read(JsonNode body) {
    Optional<String> token = Json.text(body, "/token").filter(t -> !t.isBlank());
    Optional<String> expires = Json.text(body, "/expires_at");
    if (token.isEmpty() || expires.isEmpty()) {
      return Either.left(new CoexistError.Unavailable("github answered the installation token request without token and expires_at"));
    }
    try {
      return Either.right(new Fresh(token.get(), Instant.parse(expires.get())));
    } catch (DateTimeParseException e) {
      return Either.left(new CoexistError.Unavailable("github answered an unreadable expires_at for the installation token"));
    }
  }

  private record Fresh(String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "Fresh[token=****, expiresAt=" + expiresAt + "]";
    }
  }

  @Override
  public String toString() {
    return "InstallationToken[" + installationId + "]";
  }
}
