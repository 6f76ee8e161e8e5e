package io.github.coexist.adapters.http;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How an adapter talks HTTP to one tool: where, how long it waits, and how it retries.
 *
 * @param baseUri the tool's API root; every request goes to this host and nowhere else
 * @param connectTimeout the longest wait to open a connection
 * @param requestTimeout the longest wait for one response
 * @param maxAttempts attempts per call, the first included (1 means no retry)
 * @param initialBackoff the first retry's backoff ceiling; it doubles each attempt (full jitter)
 * @param maxBackoff the ceiling of any one backoff
 * @param maxRetryAfter the longest {@code Retry-After} honoured by waiting; a longer one is
 *     returned to the caller as {@code RateLimited} so that it can retry later without blocking
 * @param userAgent the {@code User-Agent} header sent
 */
public record HttpSettings(
    URI baseUri,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    String userAgent) {

  /** The defaults: 5 s to connect, 10 s per request, 4 attempts, 200 ms doubling to 5 s, Retry-After up to 30 s. */
  public static HttpSettings defaults(URI baseUri) {
    return new HttpSettings(baseUri, Duration.ofSeconds(5), Duration.ofSeconds(10), 4,
        Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30), "coexist");
  }

  public HttpSettings {
    Objects.requireNonNull(baseUri, "baseUri");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    Objects.requireNonNull(userAgent, "userAgent");
    if (baseUri.getScheme() == null || baseUri.getHost() == null) {
      throw new IllegalArgumentException("base URI needs a scheme and a host: " + baseUri);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()
        || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  /** These settings with another base URI. */
  public HttpSettings withBaseUri(URI uri) {
    return new HttpSettings(uri, connectTimeout, requestTimeout, maxAttempts, initialBackoff,
        maxBackoff, maxRetryAfter, userAgent);
  }

  /** These settings with another number of attempts. */
  public HttpSettings withMaxAttempts(int attempts) {
    return new HttpSettings(baseUri, connectTimeout, requestTimeout, attempts, initialBackoff,
        maxBackoff, maxRetryAfter, userAgent);
  }

  /** These settings with other backoff bounds (tests use tiny ones). */
  public HttpSettings withBackoff(Duration initial, Duration max) {
    return new HttpSettings(baseUri, connectTimeout, requestTimeout, maxAttempts, initial, max,
        maxRetryAfter, userAgent);
  }

  /** These settings with another request timeout. */
  public HttpSettings withRequestTimeout(Duration timeout) {
    return new HttpSettings(baseUri, connectTimeout, timeout, maxAttempts, initialBackoff,
        maxBackoff, maxRetryAfter, userAgent);
  }
}
