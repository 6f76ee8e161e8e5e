package io.github.coexist.adapters.http;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.vavr.control.Either;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads an adapter's settings below one prefix and collects every problem, so a bad
 * configuration is refused once with all of its mistakes listed.
 *
 * <pre>{@code
 * ConfigReader read = new ConfigReader(source, "coexist.servicenow");
 * Optional<URI> url = read.requiredUri("url");
 * Duration timeout = read.duration("request-timeout", Duration.ofSeconds(10));
 * return read.result(() -> new ServiceNowSettings(url.get(), timeout));
 * }</pre>
 */
public final class ConfigReader {
  private final ConfigSource source;
  private final String prefix;
  private final Problems problems = new Problems();

  /** Reads keys {@code prefix.key} from {@code source}. */
  public ConfigReader(ConfigSource source, String prefix) {
    this.source = Objects.requireNonNull(source, "source");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  /** The full key for {@code key}. */
  public String key(String key) {
    return prefix + "." + key;
  }

  /** The raw value of {@code key}, if set. */
  public Optional<String> optional(String key) {
    return source.get(key(key)).map(String::strip);
  }

  /** The value of {@code key}; a problem when it is not set. */
  public Optional<String> required(String key) {
    Optional<String> value = optional(key);
    if (value.isEmpty()) {
      problems.add(describe(key) + " is required");
    }
    return value;
  }

  /** A secret setting; a problem when it is not set. Its value never appears in a problem. */
  public Optional<Secret> requiredSecret(String key) {
    return required(key).map(Secret::of);
  }

  /** An optional secret setting. */
  public Optional<Secret> secret(String key) {
    return optional(key).map(Secret::of);
  }

  /** An absolute http(s) URI; a problem when missing or malformed. */
  public Optional<URI> requiredUri(String key) {
    return required(key).flatMap(v -> toUri(key, v));
  }

  /** An optional absolute http(s) URI; a problem when malformed. */
  public Optional<URI> uri(String key) {
    return optional(key).flatMap(v -> toUri(key, v));
  }

  private Optional<URI> toUri(String key, String value) {
    try {
      URI uri = new URI(value);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        problems.add(describe(key) + " must be an http(s) URL with a host, was '" + value + "'");
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (java.net.URISyntaxException e) {
      problems.add(describe(key) + " is not a URL: '" + value + "'");
      return Optional.empty();
    }
  }

  /** A duration as ISO-8601 ({@code PT10S}) or a number with ms, s, m or h ({@code 10s}). */
  public Duration duration(String key, Duration fallback) {
    Optional<String> value = optional(key);
    if (value.isEmpty()) {
      return fallback;
    }
    Optional<Duration> parsed = parseDuration(value.get());
    if (parsed.isEmpty() || parsed.get().isNegative() || parsed.get().isZero()) {
      problems.add(describe(key) + " must be a positive duration such as 10s or PT10S, was '" + value.get() + "'");
      return fallback;
    }
    return parsed.get();
  }

  /** An integer within [min, max]. */
  public int integer(String key, int fallback, int min, int max) {
    Optional<String> value = optional(key);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed < min || parsed > max) {
        problems.add(describe(key) + " must lie in [" + min + ", " + max + "], was " + parsed);
        return fallback;
      }
      return parsed;
    } catch (NumberFormatException e) {
      problems.add(describe(key) + " must be a whole number, was '" + value.get() + "'");
      return fallback;
    }
  }

  /** A boolean ({@code true} or {@code false}). */
  public boolean bool(String key, boolean fallback) {
    Optional<String> value = optional(key);
    if (value.isEmpty()) {
      return fallback;
    }
    if (!value.get().equalsIgnoreCase("true") && !value.get().equalsIgnoreCase("false")) {
      problems.add(describe(key) + " must be true or false, was '" + value.get() + "'");
      return fallback;
    }
    return Boolean.parseBoolean(value.get());
  }

  /** Records a problem found by the adapter's own checks. */
  public ConfigReader problem(String problem) {
    problems.add(problem);
    return this;
  }

  /** The common HTTP settings ({@code connect-timeout}, {@code request-timeout}, {@code max-attempts}). */
  public HttpSettings http(URI baseUri) {
    HttpSettings defaults = HttpSettings.defaults(baseUri);
    return new HttpSettings(baseUri,
        duration("connect-timeout", defaults.connectTimeout()),
        duration("request-timeout", defaults.requestTimeout()),
        integer("max-attempts", defaults.maxAttempts(), 1, 10),
        defaults.initialBackoff(),
        defaults.maxBackoff(),
        duration("max-retry-after", defaults.maxRetryAfter()),
        defaults.userAgent());
  }

  /** The value built by {@code build} when no problem was found, else every problem. */
  public <T> Either<CoexistError, T> result(Supplier<T> build) {
    return problems.toEither(build);
  }

  private String describe(String key) {
    return key(key) + " (" + ConfigSource.envName(key(key)) + ")";
  }

  static Optional<Duration> parseDuration(String text) {
    String v = text.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      if (v.startsWith("p")) {
        return Optional.of(Duration.parse(v.toUpperCase(java.util.Locale.ROOT)));
      }
      if (v.endsWith("ms")) {
        return Optional.of(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).strip())));
      }
      long amount = Long.parseLong(v.substring(0, v.length() - 1).strip());
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Optional.of(Duration.ofSeconds(amount));
        case 'm' -> Optional.of(Duration.ofMinutes(amount));
        case 'h' -> Optional.of(Duration.ofHours(amount));
        default -> Optional.empty();
      };
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }
}
