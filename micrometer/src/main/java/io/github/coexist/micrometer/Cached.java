package io.github.coexist.micrometer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A value computed at most once per {@code maxAge} of {@code clock} (every time for a zero age):
 * gauges read it on every scrape, and the state behind it (a database, the KPI engine) should not
 * be asked as often. Thread-safe.
 */
final class Cached<T> implements Supplier<T> {
  private final Supplier<T> compute;
  private final Clock clock;
  private final Duration maxAge;
  private T value;
  private Instant at;

  Cached(Supplier<T> compute, Clock clock, Duration maxAge) {
    this.compute = compute;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  @Override
  public synchronized T get() {
    Instant now = clock.instant();
    if (value == null || !now.isBefore(at.plus(maxAge))) {
      value = compute.get();
      at = now;
    }
    return value;
  }
}
