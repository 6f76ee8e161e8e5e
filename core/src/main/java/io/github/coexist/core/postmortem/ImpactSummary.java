package io.github.coexist.core.postmortem;

import io.github.coexist.core.incident.Priority;
import io.github.coexist.core.service.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How much an incident hurt.
 *
 * @param service the service that failed
 * @param dependents the services that depend on it, directly or transitively (its blast radius)
 * @param priority its priority
 * @param major whether it was a major incident
 * @param detectedAt when the failure was first seen
 * @param resolvedAt when service was restored, once it was
 * @param duration from detection to resolution, or to the draft while still open
 * @param timeToAcknowledge from opening to the first response, once someone responded
 * @param alertCount how many firing alerts it folded
 * @param reopenCount how often it was reopened
 * @param slaBreached whether a response or resolution target was missed
 */
public record ImpactSummary(
    ServiceId service,
    SortedSet<ServiceId> dependents,
    Priority priority,
    boolean major,
    Instant detectedAt,
    Optional<Instant> resolvedAt,
    Duration duration,
    Optional<Duration> timeToAcknowledge,
    int alertCount,
    int reopenCount,
    boolean slaBreached) {

  public ImpactSummary {
    Objects.requireNonNull(service, "service");
    dependents = Collections.unmodifiableSortedSet(new TreeSet<>(dependents));
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(detectedAt, "detectedAt");
    Objects.requireNonNull(resolvedAt, "resolvedAt");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(timeToAcknowledge, "timeToAcknowledge");
  }

  /** Whether service is still not restored. */
  public boolean ongoing() {
    return resolvedAt.isEmpty();
  }
}
