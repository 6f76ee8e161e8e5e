package io.github.coexist.app.http;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The largest request body each path takes, in bytes: the longest matching path prefix wins,
 * else the default. A body over its limit is refused with 413 while it is read: a declared
 * {@code Content-Length} over it before a byte is read, a chunked body as soon as it passes it.
 *
 * @param otherwise the limit of every path no prefix matches
 * @param byPrefix limits by path prefix ({@code /webhooks/})
 */
public record BodyLimits(long otherwise, Map<String, Long> byPrefix) {
  /** One megabyte. */
  public static final long MB = 1024L * 1024L;
  /** GitHub's largest webhook payload: 25 MB. */
  public static final long WEBHOOK_LIMIT = 25 * MB;
  /** Everything else (the API, alerts): 1 MB. */
  public static final long DEFAULT_LIMIT = MB;

  /** Copies the prefixes; every limit must be positive. */
  public BodyLimits {
    byPrefix = Map.copyOf(byPrefix);
    if (otherwise <= 0 || byPrefix.values().stream().anyMatch(limit -> limit <= 0)) {
      throw new IllegalArgumentException("body limits must be positive: " + otherwise + ", " + byPrefix);
    }
  }

  /** coexist's limits: {@link #WEBHOOK_LIMIT} under {@code /webhooks/}, {@link #DEFAULT_LIMIT} elsewhere. */
  public static BodyLimits standard() {
    return new BodyLimits(DEFAULT_LIMIT, Map.of("/webhooks/", WEBHOOK_LIMIT));
  }

  /** These limits, with {@code limit} for paths starting with {@code prefix}. */
  public BodyLimits with(String prefix, long limit) {
    Map<String, Long> more = new LinkedHashMap<>(byPrefix);
    more.put(prefix, limit);
    return new BodyLimits(otherwise, more);
  }

  /** The limit for {@code path}. */
  public long limitFor(String path) {
    return byPrefix.entrySet().stream()
        .filter(entry -> path.startsWith(entry.getKey()))
        .max(Comparator.comparingInt(entry -> entry.getKey().length()))
        .map(Map.Entry::getValue)
        .orElse(otherwise);
  }

  /** {@code bytes} for people: {@code 25 MB}, {@code 512 KB} or {@code 100 bytes}. */
  static String describe(long bytes) {
    if (bytes >= MB && bytes % MB == 0) {
      return bytes / MB + " MB";
    }
    return bytes >= 1024 && bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
  }
}
