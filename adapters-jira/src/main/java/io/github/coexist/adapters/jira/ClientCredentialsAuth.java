package io.github.coexist.adapters.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.RemoteClient;
import io.github.coexist.adapters.http.RemoteRequest;
import io.github.coexist.adapters.http.RequestAuth;
import io.github.coexist.adapters.http.Secret;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bearer token from Atlassian's OAuth 2.0 client-credentials grant (service accounts, and the
 * "OAuth credentials" a site admin creates for on-premises tools), fetched on first use, reused
 * until a minute before it expires, and dropped when Jira answers 401. Thread-safe.
 */
final class ClientCredentialsAuth implements RequestAuth {
  private static final Duration EARLY = Duration.ofMinutes(1);
  private final RemoteClient tokens;
  private final String tokenPath;
  private final String clientId;
  private final Secret clientSecret;
  private final Clock clock;
  private Optional<Secret> token = Optional.empty();
  private Instant expires = Instant.MIN;

  /** Fetches tokens with {@code tokens}, a client of the token host that adds no credentials. */
  ClientCredentialsAuth(RemoteClient tokens, String tokenPath, String clientId, Secret clientSecret, Clock clock) {
    this.tokens = tokens;
    this.tokenPath = tokenPath;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.clock = clock;
  }

  @Override
  public synchronized Either<CoexistError, Map<String, String>> headers() {
    if (token.isEmpty() || !clock.instant().isBefore(expires)) {
      Either<CoexistError, Secret> fresh = fetch();
      if (fresh.isLeft()) {
        return Either.left(fresh.getLeft());
      }
      token = Optional.of(fresh.get());
    }
    return Either.right(Map.of("Authorization", "Bearer " + token.get().reveal()));
  }

  @Override
  public synchronized void invalidate() {
    token = Optional.empty();
  }

  private Either<CoexistError, Secret> fetch() {
    Map<String, String> grant = new LinkedHashMap<>();
    grant.put("audience", "api.atlassian.com");
    grant.put("grant_type", "client_credentials");
    grant.put("client_id", clientId);
    grant.put("client_secret", clientSecret.reveal());
    // Asking for a token twice does no harm, so a lost answer is retried.
    Either<CoexistError, JsonNode> answer = tokens.send(
            RemoteRequest.post(tokenPath, Json.write(grant)).idempotent(true).build())
        .mapLeft(ClientCredentialsAuth::explain)
        .flatMap(response -> Json.parseResponse(response, "atlassian oauth"));
    return answer.flatMap(body -> {
      JsonNode access = body.path("access_token");
      if (!access.isTextual() || access.asText().isBlank()) {
        return Either.left(new CoexistError.Unauthorized("the OAuth token answer holds no access_token"));
      }
      long seconds = body.path("expires_in").asLong(3600);
      expires = clock.instant().plusSeconds(Math.max(0, seconds)).minus(EARLY);
      return Either.right(Secret.of(access.asText()));
    });
  }

  private static CoexistError explain(CoexistError error) {
    if (error instanceof CoexistError.Unauthorized || error instanceof CoexistError.Forbidden
        || error instanceof CoexistError.InvalidInput) {
      return new CoexistError.Unauthorized("Atlassian refused the OAuth client credentials ("
          + error.message() + "); check client-id and client-secret");
    }
    return error;
  }

  @Override
  public String toString() {
    return "ClientCredentialsAuth[" + clientId + ", secret ****]";
  }
}
