package io.github.coexist.adapters.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.RemoteClient;
import io.github.coexist.adapters.http.RemoteRequest;
import io.github.coexist.adapters.http.RemoteResponse;
import io.github.coexist.adapters.http.RequestAuth;
import io.github.coexist.adapters.http.Secret;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth 2.0 bearer tokens from the instance's {@code /oauth_token.do}, form-encoded as ServiceNow
 * requires (a JSON body fails there). The first token comes from the configured grant (password,
 * client credentials or a given refresh token); later ones from the refresh token when the
 * instance issued one, falling back to the configured grant when the refresh token is refused.
 * A token is renewed shortly before {@code expires_in} runs out (a tenth of its life, at most a
 * minute, early) and at once after a 401 ({@link #invalidate()}). Thread-safe; tokens never
 * appear in logs or errors.
 */
final class OAuthTokens implements RequestAuth {
  private static final Logger LOG = LoggerFactory.getLogger(OAuthTokens.class);
  static final String TOKEN_PATH = "/oauth_token.do";

  private final RemoteClient tokenClient;
  private final ServiceNowConfig.OAuthGrant grant;
  private final String clientId;
  private final Secret clientSecret;
  private final Optional<String> user;
  private final Optional<Secret> password;
  private final Optional<Secret> configuredRefreshToken;
  private final Clock clock;

  private Secret accessToken;
  private Instant renewAt = Instant.MIN;
  private Secret refreshToken;

  OAuthTokens(RemoteClient tokenClient, ServiceNowConfig.OAuthGrant grant, String clientId, Secret clientSecret,
      Optional<String> user, Optional<Secret> password, Optional<Secret> refreshToken, Clock clock) {
    this.tokenClient = tokenClient;
    this.grant = grant;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.user = user;
    this.password = password;
    this.configuredRefreshToken = refreshToken;
    this.refreshToken = refreshToken.orElse(null);
    this.clock = clock;
  }

  @Override
  public synchronized Either<CoexistError, Map<String, String>> headers() {
    if (accessToken == null || !clock.instant().isBefore(renewAt)) {
      Either<CoexistError, Secret> fresh = fetch();
      if (fresh.isLeft()) {
        return Either.left(fresh.getLeft());
      }
    }
    return Either.right(Map.of("Authorization", "Bearer " + accessToken.reveal()));
  }

  @Override
  public synchronized void invalidate() {
    accessToken = null;
  }

  private Either<CoexistError, Secret> fetch() {
    if (refreshToken != null) {
      Either<CoexistError, Secret> refreshed = request(refreshForm(refreshToken));
      if (refreshed.isRight() || refreshed.getLeft().isTransient() || grant == ServiceNowConfig.OAuthGrant.REFRESH_TOKEN) {
        return refreshed;
      }
      LOG.debug("ServiceNow refused the refresh token; asking again with the {} grant", grant);
      refreshToken = null;
    }
    return request(primaryForm());
  }

  private Map<String, String> refreshForm(Secret token) {
    Map<String, String> form = client();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", token.reveal());
    return form;
  }

  private Map<String, String> primaryForm() {
    return switch (grant) {
      case PASSWORD -> {
        Map<String, String> form = client();
        form.put("grant_type", "password");
        form.put("username", user.orElse(""));
        form.put("password", password.map(Secret::reveal).orElse(""));
        yield form;
      }
      case CLIENT_CREDENTIALS -> {
        Map<String, String> form = client();
        form.put("grant_type", "client_credentials");
        yield form;
      }
      case REFRESH_TOKEN -> refreshForm(configuredRefreshToken.orElseThrow(
          () -> new IllegalStateException("the refresh-token grant needs coexist.servicenow.oauth.refresh-token")));
    };
  }

  private Map<String, String> client() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", clientId);
    form.put("client_secret", clientSecret.reveal());
    return form;
  }

  private Either<CoexistError, Secret> request(Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
    Instant asked = clock.instant();
    RemoteRequest request = RemoteRequest.post(TOKEN_PATH, body)
        .contentType("application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .idempotent(true) // asking for a token twice does no harm
        .build();
    Either<CoexistError, RemoteResponse> response = tokenClient.send(request);
    if (response.isLeft()) {
      CoexistError error = response.getLeft();
      return Either.left(error.isTransient() ? error
          : new CoexistError.Unauthorized("ServiceNow refused the OAuth " + form.get("grant_type")
              + " grant: " + error.message()));
    }
    return Json.parseResponse(response.get(), ServiceNowPolicy.TOOL).flatMap(json -> accept(json, asked));
  }

  private Either<CoexistError, Secret> accept(JsonNode json, Instant asked) {
    String token = json.path("access_token").asText("");
    if (token.isBlank()) {
      return Either.left(new CoexistError.Unauthorized("ServiceNow's OAuth answer has no access_token"));
    }
    long lifetime = json.path("expires_in").asLong(0);
    if (lifetime <= 0) {
      lifetime = 1800; // ServiceNow's default access token lifespan
    }
    Duration early = Duration.ofSeconds(Math.min(60, Math.max(1, lifetime / 10)));
    accessToken = Secret.of(token);
    renewAt = asked.plusSeconds(lifetime).minus(early);
    String refresh = json.path("refresh_token").asText("");
    if (!refresh.isBlank()) {
      refreshToken = Secret.of(refresh);
    }
    LOG.debug("ServiceNow OAuth token obtained, valid for {} s", lifetime);
    return Either.right(accessToken);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "OAuthTokens[" + grant + ", client " + clientId + "]";
  }
}
