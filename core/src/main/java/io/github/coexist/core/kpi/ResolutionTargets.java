package io.github.coexist.core.kpi;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How long an incident of each priority may take from opening to resolution and still meet its
 * SLA, for incidents whose fact does not say whether it met it ({@link IncidentFact#withinSla()}).
 *
 * <p>The defaults are the usual resolution targets of an ITSM tool's out-of-the-box SLAs: priority
 * 1 four hours, 2 eight hours, 3 one day, 4 three days, 5 one week. An incident whose priority has
 * no target and whose fact does not say is left out of SLA compliance.
 *
 * @param byPriority the target per priority (1 is the highest)
 */
public record ResolutionTargets(Map<Integer, Duration> byPriority) {
  public ResolutionTargets {
    byPriority = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(byPriority));
    byPriority.forEach((priority, target) -> {
      if (target.isNegative()) {
        throw new IllegalArgumentException("the target of priority " + priority + " is negative");
      }
    });
  }

  /** Priority 1: 4 h, 2: 8 h, 3: 24 h, 4: 72 h, 5: 168 h. */
  public static ResolutionTargets defaults() {
    return new ResolutionTargets(Map.of(
        1, Duration.ofHours(4),
        2, Duration.ofHours(8),
        3, Duration.ofHours(24),
        4, Duration.ofHours(72),
        5, Duration.ofHours(168)));
  }

  /** The target of {@code priority}, when there is one. */
  public Optional<Duration> target(int priority) {
    return Optional.ofNullable(byPriority.get(priority));
  }
}
