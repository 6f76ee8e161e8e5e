package io.github.coexist.adapters.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads how long a tool asks us to wait from its response headers. */
public final class RetryAfter {
  private RetryAfter() {}

  /**
   * The wait that {@code Retry-After} asks for, as delay-seconds or an HTTP-date (RFC 9110),
   * never negative. Empty when the header is absent or unreadable.
   */
  public static Optional<Duration> from(RemoteResponse response, Clock clock) {
    return response.header("retry-after").flatMap(value -> parse(value, clock));
  }

  /** As {@link #from}, for a raw header value. */
  public static Optional<Duration> parse(String value, Clock clock) {
    String v = value.strip();
    try {
      long seconds = Long.parseLong(v);
      return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(clock.instant(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException unreadable) {
        return Optional.empty();
      }
    }
  }

  /** The wait until an epoch-seconds reset time ({@code x-ratelimit-reset}), never negative. */
  public static Optional<Duration> untilEpochSecond(String value, Clock clock) {
    try {
      Instant at = Instant.ofEpochSecond(Long.parseLong(value.strip()));
      Duration wait = Duration.between(clock.instant(), at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
