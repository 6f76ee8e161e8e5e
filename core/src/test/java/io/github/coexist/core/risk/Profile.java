package io.github.coexist.core.risk;

import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.risk.RiskContext.Overlap;
import io.github.coexist.core.risk.RiskContext.RecentChanges;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.service.Tier;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dimensions of a {@link RiskContext} as plain numbers and flags, so tests can state a
 * context briefly and property tests can worsen one dimension at a time.
 */
record Profile(
    Optional<Tier> tier,
    ZoneId zone,
    int dependents,
    int files,
    int lines,
    int total,
    int failed,
    int incidents,
    int problems,
    int sameServiceOverlaps,
    int dependencyOverlaps,
    Instant start,
    EvidenceStatus tests,
    EvidenceStatus review,
    EvidenceStatus scan,
    Map<String, EvidenceStatus> otherChecks,
    boolean rollback,
    int stagingFailures) {

  static final ServiceId SERVICE = ServiceId.of("payments");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  /** Tuesday 10:30 in Berlin: business hours. */
  static final Instant TUESDAY_MORNING = Instant.parse("2025-06-10T08:30:00Z");
  static final Duration WINDOW = Duration.ofDays(30);

  /** A safe change: tier 4, nothing depends on it, small, good history, everything passed. */
  static Profile calm() {
    return new Profile(Optional.of(Tier.TIER_4), BERLIN, 0, 1, 10, 20, 0, 0, 0, 0, 0, TUESDAY_MORNING,
        EvidenceStatus.PASSED, EvidenceStatus.PASSED, EvidenceStatus.PASSED, Map.of(), true, 0);
  }

  Profile withTier(Optional<Tier> tier) {
    return new Profile(tier, zone, dependents, files, lines, total, failed, incidents, problems,
        sameServiceOverlaps, dependencyOverlaps, start, tests, review, scan, otherChecks, rollback, stagingFailures);
  }

  Profile withDependents(int dependents) {
    return new Profile(tier, zone, dependents, files, lines, total, failed, incidents, problems,
        sameServiceOverlaps, dependencyOverlaps, start, tests, review, scan, otherChecks, rollback, stagingFailures);
  }

  Profile withSize(int files, int lines) {
    return new Profile(tier, zone, dependents, files, lines, total, failed, incidents, problems,
        sameServiceOverlaps, dependencyOverlaps, start, tests, review, scan, otherChecks, rollback, stagingFailures);
  }

  Profile withHistory(int total, int failed) {
    return new Profile(tier, zone, dependents, files, lines, total, failed, incidents, problems,
        sameServiceOverlaps, dependencyOverlaps, start, tests, review, scan, otherChecks, rollback, stagingFailures);
  }

  Profile withOpenWork(int incidents, int problems) {
    return new Profile(tier, zone, dependents, files, lines, total, failed, incidents, problems,
        sameServiceOverlaps, dependencyOverlaps, start, tests, review, scan, otherChecks, rollback, stagingFailures);
  }

  Profile withOverlaps(int sameService, int onDependencies) {
    return new Profile(tier, zone, dependents, files, lines, total, failed, incidents, problems,
        sameService, onDependencies, start, tests, review, scan, otherChecks, rollback, stagingFailures);
  }

  Profile withStart(Instant start) {
    return new Profile(tier, zone, dependents, files, lines, total, failed, incidents, problems,
        sameServiceOverlaps, dependencyOverlaps, start, tests, review, scan, otherChecks, rollback, stagingFailures);
  }

  Profile withEvidence(EvidenceStatus tests, EvidenceStatus review, EvidenceStatus scan,
      Map<String, EvidenceStatus> otherChecks) {
    return new Profile(tier, zone, dependents, files, lines, total, failed, incidents, problems,
        sameServiceOverlaps, dependencyOverlaps, start, tests, review, scan, otherChecks, rollback, stagingFailures);
  }

  Profile withRollback(boolean rollback) {
    return new Profile(tier, zone, dependents, files, lines, total, failed, incidents, problems,
        sameServiceOverlaps, dependencyOverlaps, start, tests, review, scan, otherChecks, rollback, stagingFailures);
  }

  Profile withStagingFailures(int stagingFailures) {
    return new Profile(tier, zone, dependents, files, lines, total, failed, incidents, problems,
        sameServiceOverlaps, dependencyOverlaps, start, tests, review, scan, otherChecks, rollback, stagingFailures);
  }

  /** The context these dimensions describe. */
  RiskContext context() {
    DeploymentRequest request = DeploymentRequest.builder()
        .idempotencyKey("run-1")
        .service(SERVICE.value())
        .environment("production")
        .filesChanged(files)
        .linesChanged(lines)
        .evidence(new PipelineEvidence(tests, review, scan, otherChecks))
        .rollbackPlan(rollback)
        .plannedStart(start)
        .headSha("0123456789abcdef0123456789abcdef01234567")
        .build()
        .getOrElseThrow(e -> new IllegalStateException(e.message()));
    Optional<Service> service = tier.map(t ->
        Service.builder().id(SERVICE).owner(TeamId.of("payments-team")).tier(t).zone(zone).build());
    SortedSet<ServiceId> radius = new TreeSet<>();
    for (int i = 0; i < dependents; i++) {
      radius.add(ServiceId.of(String.format("dependent-%03d", i)));
    }
    List<Overlap> overlaps = new ArrayList<>();
    for (int i = 0; i < sameServiceOverlaps; i++) {
      overlaps.add(new Overlap("CHG-S" + i, SERVICE, start, start.plusSeconds(1800)));
    }
    for (int i = 0; i < dependencyOverlaps; i++) {
      overlaps.add(new Overlap("CHG-D" + i, ServiceId.of("ledger"), start, start.plusSeconds(1800)));
    }
    return new RiskContext(request, service, radius, new TreeSet<>(Set.of(ServiceId.of("ledger"))),
        new RecentChanges(WINDOW, total, failed), incidents, problems, RiskContext.Overlaps.of(SERVICE, overlaps),
        start, start, stagingFailures == 0 ? List.of() : List.of(new RiskContext.CommitRuns("staging", 0, stagingFailures)));
  }

  /** {@code context} with {@code overdue} postmortem action items overdue on its service. */
  static RiskContext withOverdueActions(RiskContext context, int overdue) {
    return new RiskContext(context.request(), context.service(), context.blastRadius(), context.dependencies(),
        context.recentChanges(), context.openIncidents(), context.openProblems(), context.overlapping(),
        context.plannedStart(), context.assessedAt(), context.sameCommitElsewhere(), overdue);
  }
}
