package io.github.coexist.core.incident;

import java.time.Duration;
import java.util.Objects;

/**
 * How far incident correlation looks for suspects.
 *
 * @param window how long before the incident was detected a deployment or change stays suspect
 * @param dependencyDepth how many dependency steps away a service may be and still have its
 *     deployments suspected; 0 looks at the incident's own service only
 */
public record CorrelationPolicy(Duration window, int dependencyDepth) {
  public CorrelationPolicy {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the correlation window must be positive, was " + window);
    }
    if (dependencyDepth < 0) {
      throw new IllegalArgumentException("the dependency depth must not be negative, was " + dependencyDepth);
    }
  }

  /** 24 hours back, through every dependency however deep. */
  public static CorrelationPolicy defaults() {
    return new CorrelationPolicy(Duration.ofHours(24), Integer.MAX_VALUE);
  }
}
