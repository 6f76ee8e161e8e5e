package io.github.coexist.core.problem;

import java.time.Duration;
import java.util.Objects;

/**
 * When recurring incidents raise a problem: {@code threshold} incidents with one signature on one
 * service opened within {@code window} of each other.
 *
 * @param threshold how many incidents make a pattern; at least 2
 * @param window how close together they must be
 */
public record RecurrencePolicy(int threshold, Duration window) {
  public RecurrencePolicy {
    Objects.requireNonNull(window, "window");
    if (threshold < 2) {
      throw new IllegalArgumentException("a recurrence needs at least 2 incidents, was " + threshold);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the recurrence window must be positive, was " + window);
    }
  }

  /** Three incidents within seven days. */
  public static RecurrencePolicy defaults() {
    return new RecurrencePolicy(3, Duration.ofDays(7));
  }
}
