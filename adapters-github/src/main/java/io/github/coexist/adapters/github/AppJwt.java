package io.github.coexist.adapters.github;

import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.RequestAuth;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Authenticates as the GitHub App itself (only {@code /app/...} calls): a JSON Web Token signed
 * RS256 with the App's private key, {@code iat} 60 s in the past against clock drift and {@code
 * exp} 9 minutes ahead (GitHub allows at most 10). A token is reused until a minute before it
 * expires. Thread-safe.
 */
final class AppJwt implements RequestAuth {
  static final Duration BACKDATE = Duration.ofSeconds(60);
  static final Duration LIFETIME = Duration.ofMinutes(9);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final String appId;
  private final PrivateKey key;
  private final Clock clock;
  private String cached;
  private Instant cachedUntil = Instant.MIN;

  AppJwt(String appId, PrivateKey key, Clock clock) {
    this.appId = Objects.requireNonNull(appId, "appId");
    this.key = Objects.requireNonNull(key, "key");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized Either<CoexistError, Map<String, String>> headers() {
    Instant now = clock.instant();
    if (cached == null || !now.isBefore(cachedUntil)) {
      cached = mint(now);
      cachedUntil = now.plus(LIFETIME).minusSeconds(60);
    }
    return Either.right(Map.of("Authorization", "Bearer " + cached));
  }

  @Override
  public synchronized void invalidate() {
    cached = null;
  }

  /** A fresh token issued at {@code now}. */
  String mint(Instant now) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iat", now.minus(BACKDATE).getEpochSecond());
    claims.put("exp", now.plus(LIFETIME).getEpochSecond());
    claims.put("iss", appId);
    String signingInput = encode(Json.write(Map.of("alg", "RS256", "typ", "JWT"))) + "." + encode(Json.write(claims));
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key);
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA256withRSA is part of every Java runtime; the key was checked at start-up", e);
    }
  }

  private static String encode(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "AppJwt[app " + appId + "]";
  }
}
