package io.github.coexist.adapters.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: before retry {@code n} (from 1) the wait is uniform in
 * [0, min(max, initial * 2^(n-1))]. A {@code Retry-After} from the tool replaces the jittered wait,
 * because the tool knows better when it will take requests again.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private final DoubleSupplier random;

  /** Backoff between {@code initial} and {@code max}, jittered by {@code random} in [0, 1). */
  public Backoff(Duration initial, Duration max, DoubleSupplier random) {
    this.initial = Objects.requireNonNull(initial, "initial");
    this.max = Objects.requireNonNull(max, "max");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The wait before retry {@code retry} (1 for the first retry). */
  public Duration delay(int retry, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent()) {
      return retryAfter.get();
    }
    long ceiling = initial.toMillis();
    for (int i = 1; i < retry && ceiling < max.toMillis(); i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, max.toMillis());
    return Duration.ofMillis((long) (random.getAsDouble() * (ceiling + 1)));
  }
}
