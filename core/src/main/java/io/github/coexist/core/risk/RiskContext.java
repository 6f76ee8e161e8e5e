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
 * @param overlapping other changes scheduled on the service or its dependencies in the same window:
 *     how many, and the few nearest
 * @param plannedStart when the change is planned to start
 * @param assessedAt when the assessment is made
 * @param sameCommitElsewhere how the same commit ({@link DeploymentRequest#headSha()}) fared in the
 *     service's other environments (staging, canary) recently: evidence for this decision, never
 *     counted in {@code recentChanges}; empty without a head sha or earlier runs
 * @param overdueActions postmortem action items of the service still open after their due date:
 *     the lessons of its last incidents not yet applied
 */
public record RiskContext(
    DeploymentRequest request,
    Optional<Service> service,
    SortedSet<ServiceId> blastRadius,
    SortedSet<ServiceId> dependencies,
    RecentChanges recentChanges,
    int openIncidents,
    int openProblems,
    Overlaps overlapping,
    Instant plannedStart,
    Instant assessedAt,
    List<CommitRuns> sameCommitElsewhere,
    int overdueActions) {

  public RiskContext {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(service, "service");
    blastRadius = copy(blastRadius);
    dependencies = copy(dependencies);
    Objects.requireNonNull(recentChanges, "recentChanges");
    Objects.requireNonNull(overlapping, "overlapping");
    Objects.requireNonNull(plannedStart, "plannedStart");
    Objects.requireNonNull(assessedAt, "assessedAt");
    sameCommitElsewhere = List.copyOf(sameCommitElsewhere);
    if (openIncidents < 0 || openProblems < 0 || overdueActions < 0) {
      throw new IllegalArgumentException("open incident, problem and overdue action counts cannot be negative");
    }
  }

  /** A context without overdue postmortem actions. */
  public RiskContext(DeploymentRequest request, Optional<Service> service, SortedSet<ServiceId> blastRadius,
      SortedSet<ServiceId> dependencies, RecentChanges recentChanges, int openIncidents, int openProblems,
      Overlaps overlapping, Instant plannedStart, Instant assessedAt, List<CommitRuns> sameCommitElsewhere) {
    this(request, service, blastRadius, dependencies, recentChanges, openIncidents, openProblems, overlapping,
        plannedStart, assessedAt, sameCommitElsewhere, 0);
  }

  /** A context in which the commit ran nowhere else. */
  public RiskContext(DeploymentRequest request, Optional<Service> service, SortedSet<ServiceId> blastRadius,
      SortedSet<ServiceId> dependencies, RecentChanges recentChanges, int openIncidents, int openProblems,
      Overlaps overlapping, Instant plannedStart, Instant assessedAt) {
    this(request, service, blastRadius, dependencies, recentChanges, openIncidents, openProblems, overlapping,
        plannedStart, assessedAt, List.of());
  }

  /**
   * How changes of one commit went in one other environment of the service.
   *
   * @param environment the environment, lower-case ({@code staging})
   * @param succeeded how many of its changes there closed successfully
   * @param failed how many failed (closed unsuccessful or caused an incident)
   */
  public record CommitRuns(String environment, int succeeded, int failed) {
    public CommitRuns {
      Objects.requireNonNull(environment, "environment");
      if (succeeded < 0 || failed < 0) {
        throw new IllegalArgumentException("run counts cannot be negative");
      }
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

  /**
   * The other changes a change overlaps, bounded whatever the backlog: how many there are in all,
   * how many of those are on the change's own service, and the {@value #NEAREST} at most whose
   * planned start is nearest the change's. A busy service can have thousands of changes waiting in
   * the same window; keeping each of them on every change made memory grow with the square of the
   * backlog, so only the count and the nearest few are kept.
   *
   * @param count every overlapping change, on the service and on its dependencies
   * @param onService of those, how many are on the service itself
   * @param nearest the {@code min(count, NEAREST)} nearest, on the service first, oldest change first
   */
  public record Overlaps(int count, int onService, List<Overlap> nearest) {
    /** How many overlapping changes are kept by name: the nearest five. */
    public static final int NEAREST = 5;

    private static final Overlaps NONE = new Overlaps(0, 0, List.of());

    public Overlaps {
      nearest = List.copyOf(nearest);
      if (onService < 0 || onService > count) {
        throw new IllegalArgumentException("need 0 <= onService <= count, got " + onService + " of " + count);
      }
      if (nearest.size() != Math.min(count, NEAREST)) {
        throw new IllegalArgumentException("need the " + Math.min(count, NEAREST) + " nearest of " + count
            + " overlaps, got " + nearest.size());
      }
    }

    /** No overlapping change. */
    public static Overlaps none() {
      return NONE;
    }

    /**
     * Every change in {@code all}, in that order, counted: the first {@value #NEAREST} are kept by
     * name, and those on {@code service} count as on the service.
     */
    public static Overlaps of(ServiceId service, List<Overlap> all) {
      Objects.requireNonNull(service, "service");
      int onService = (int) all.stream().filter(o -> o.service().equals(service)).count();
      return new Overlaps(all.size(), onService, all.subList(0, Math.min(all.size(), NEAREST)));
    }

    /** Whether no other change overlaps. */
    public boolean isEmpty() {
      return count == 0;
    }

    /** How many overlapping changes are on the service's dependencies. */
    public int onDependencies() {
      return count - onService;
    }

    /** How many overlapping changes are counted but not kept by name. */
    public int more() {
      return count - nearest.size();
    }
  }
}
