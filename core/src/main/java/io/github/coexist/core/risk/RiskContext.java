package io.github.coexist.core.risk;

import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Everything a risk factor may read, gathered by the change gate before assessing: the request,
 * the service and its blast radius, its recent history and the changes it would overlap.
 * Assessing the same context always gives the same result.
 *
 * @param request the deployment asking to go ahead
 * @param service the service as the directory knows it; empty when the directory does not
 * @param blastRadius the services that depend on it, directly or transitively
 * @param dependencies the services it depends on, directly or transitively
 * @param recentChanges how the service's recent changes went
 * @param openIncidents open incidents on the service
 * @param openProblems open problems on the service
 * @param overlapping other changes scheduled on the service or its dependencies in the same window
 * @param plannedStart when the change is planned to start
 * @param assessedAt when the assessment is made
 */
public record RiskContext(
    DeploymentRequest request,
    Optional<Service> service,
    SortedSet<ServiceId> blastRadius,
    SortedSet<ServiceId> dependencies,
    RecentChanges recentChanges,
    int openIncidents,
    int openProblems,
    List<Overlap> overlapping,
    Instant plannedStart,
    Instant assessedAt) {

  public RiskContext {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(service, "service");
    blastRadius = copy(blastRadius);
    dependencies = copy(dependencies);
    Objects.requireNonNull(recentChanges, "recentChanges");
    overlapping = List.copyOf(overlapping);
    Objects.requireNonNull(plannedStart, "plannedStart");
    Objects.requireNonNull(assessedAt, "assessedAt");
    if (openIncidents < 0 || openProblems < 0) {
      throw new IllegalArgumentException("open incident and problem counts cannot be negative");
    }
  }

  /** An unmodifiable copy in natural order; an empty set (most services have no dependents) needs none. */
  private static SortedSet<ServiceId> copy(SortedSet<ServiceId> services) {
    return services.isEmpty() ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(new TreeSet<>(services));
  }

  /**
   * How a service's recent changes went.
   *
   * @param window how far back they were counted
   * @param total changes closed in the window
   * @param failed of those, how many were unsuccessful or caused an incident
   */
  public record RecentChanges(Duration window, int total, int failed) {
    public RecentChanges {
      Objects.requireNonNull(window, "window");
      if (total < 0 || failed < 0 || failed > total) {
        throw new IllegalArgumentException("need 0 <= failed <= total, got " + failed + " of " + total);
      }
    }

    /** No history: nothing counted. */
    public static RecentChanges none(Duration window) {
      return new RecentChanges(window, 0, 0);
    }

    /** The failure rate, or empty when there were no changes. */
    public Optional<Double> failureRate() {
      return total == 0 ? Optional.empty() : Optional.of((double) failed / total);
    }
  }

  /**
   * Another change whose planned window overlaps this one, on the same service or one it
   * depends on.
   *
   * @param changeId the other change's id
   * @param service the service it changes
   * @param start its planned start
   * @param end its planned end
   */
  public record Overlap(String changeId, ServiceId service, Instant start, Instant end) {
    public Overlap {
      Objects.requireNonNull(changeId, "changeId");
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
    }
  }
}
