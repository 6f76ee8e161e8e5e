package io.github.coexist.core.incident;

import java.time.Duration;
import java.util.Objects;

/**
 * The targets of one priority: how soon someone must respond, and how soon service must be
 * restored, in working time (time on hold does not count).
 *
 * @param response from opening to acknowledgement
 * @param resolution from opening to resolution
 */
public record SlaTarget(Duration response, Duration resolution) {
  public SlaTarget {
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(resolution, "resolution");
    if (response.isNegative() || response.isZero() || resolution.isNegative() || resolution.isZero()) {
      throw new IllegalArgumentException("SLA targets must be positive");
    }
  }
}
