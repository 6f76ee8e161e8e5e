package io.github.coexist.core.kpi;

import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The KPI definitions computed the slow, obvious way from the final facts: every query rescans
 * everything. The property test holds the incremental engine to it.
 */
final class ReferenceKpis {
  private static final long DAY = 86_400_000L;

  private final ProductionEnvironments production = ProductionEnvironments.defaults();
  private final long window = Duration.ofHours(24).toMillis();
  private final ResolutionTargets targets = ResolutionTargets.defaults();
  private final Map<ServiceId, TeamId> teams;
  private final Map<String, Deployment> deployments = new LinkedHashMap<>();
  private final Map<String, IncidentFact> incidents = new LinkedHashMap<>();
  private final Map<String, ChangeFact> changes = new LinkedHashMap<>();
  private final Map<String, FeedbackFact> feedback = new LinkedHashMap<>();

  ReferenceKpis(Map<ServiceId, TeamId> teams) {
    this.teams = teams;
  }

  void add(Object fact) {
    if (fact instanceof Deployment) {
      deployments.put(((Deployment) fact).id().value(), (Deployment) fact);
    } else if (fact instanceof IncidentFact) {
      incidents.put(((IncidentFact) fact).id().value(), (IncidentFact) fact);
    } else if (fact instanceof ChangeFact) {
      changes.put(((ChangeFact) fact).id().value(), (ChangeFact) fact);
    } else {
      feedback.put(((FeedbackFact) fact).ticket(), (FeedbackFact) fact);
    }
  }

  KpiReport query(KpiQuery query) {
    long from = query.window().fromMillis();
    long to = query.window().toMillis();
    Predicate<ServiceId> inScope = inScope(query.scope());
    Predicate<Long> inWindow = t -> t >= from && t < to;
    DoraBenchmarks benchmarks = query.benchmarks();

    List<Deployment> counted = new ArrayList<>();
    for (Deployment d : deployments.values()) {
      if (qualifies(d) && inScope.test(d.service()) && inWindow.test(finish(d))) {
        counted.add(d);
      }
    }
    long hotfixes = counted.stream().filter(d -> d.hotfixFor().isPresent()).count();
    long days = counted.stream().map(d -> Math.floorDiv(finish(d), DAY)).distinct().count();
    double windowDays = (to - from) / (double) DAY;

    List<Long> leads = new ArrayList<>();
    Map<String, Deployment> firstBySha = new HashMap<>();
    for (Deployment d : deployments.values()) {
      if (qualifies(d)) {
        for (Commit c : d.commits()) {
          firstBySha.merge(c.sha(), d, (a, b) -> order().compare(a, b) <= 0 ? a : b);
        }
      }
    }
    firstBySha.forEach((sha, d) -> {
      long committed = d.commits().stream().filter(c -> c.sha().equals(sha)).findFirst().get().committedAt().toEpochMilli();
      long lead = finish(d) - committed;
      if (lead > 0 && inWindow.test(finish(d)) && inScope.test(d.service())) {
        leads.add(lead);
      }
    });

    Map<String, Deployment> attribution = new HashMap<>();
    for (IncidentFact i : incidents.values()) {
      attributedTo(i).ifPresent(d -> attribution.put(i.id().value(), d));
    }
    Set<String> failedIds = new HashSet<>();
    attribution.values().forEach(d -> failedIds.add(d.id().value()));
    // a production rollback fails the deployment it undoes
    deployments.values().stream().filter(this::qualifies)
        .forEach(d -> d.rollbackOf().ifPresent(undone -> failedIds.add(undone.value())));
    // a production deployment that failed is a failed change, counted among the changes too
    long attempts = deployments.values().stream().filter(d -> d.status() == Deployment.Status.FAILURE
        && production.contains(d.environment()) && inScope.test(d.service()) && inWindow.test(finish(d))).count();
    long failed = counted.stream().filter(d -> failedIds.contains(d.id().value())).count() + attempts;
    List<Long> recoveries = new ArrayList<>();
    for (IncidentFact i : incidents.values()) {
      Deployment d = attribution.get(i.id().value());
      if (d != null && i.resolvedAt().isPresent() && inScope.test(d.service())) {
        long resolved = i.resolvedAt().get().toEpochMilli();
        if (inWindow.test(resolved) && resolved - finish(d) >= 0) {
          recoveries.add(resolved - finish(d));
        }
      }
    }
    OptionalDouble leadMedian = seconds(quantile(leads, 0.5));
    OptionalDouble failureRate = ratio(failed, counted.size() + attempts);
    OptionalDouble recovery = seconds(quantile(recoveries, 0.5));
    KpiReport.Dora dora = new KpiReport.Dora(
        new KpiReport.DeploymentFrequency(counted.size(),
            windowDays > 0 ? OptionalDouble.of(counted.size() / windowDays) : OptionalDouble.empty(), days,
            windowDays > 0 ? Optional.of(benchmarks.level(DoraMetric.DEPLOYMENT_FREQUENCY, days * 7 / windowDays)) : Optional.empty()),
        new KpiReport.LeadTimeForChanges(leadMedian, seconds(quantile(leads, 0.9)), level(benchmarks, DoraMetric.LEAD_TIME_FOR_CHANGES, leadMedian)),
        new KpiReport.ChangeFailureRate(failureRate, failed, counted.size() + attempts, level(benchmarks, DoraMetric.CHANGE_FAILURE_RATE, failureRate)),
        new KpiReport.RecoveryTime(recovery, level(benchmarks, DoraMetric.FAILED_DEPLOYMENT_RECOVERY_TIME, recovery)),
        new KpiReport.ReworkRate(ratio(hotfixes, counted.size()), hotfixes, counted.size()));

    List<Long> acknowledge = new ArrayList<>();
    List<Long> restore = new ArrayList<>();
    long slaKnown = 0;
    long slaMet = 0;
    long reopened = 0;
    for (IncidentFact i : incidents.values()) {
      if (!inScope.test(i.service())) {
        continue;
      }
      long opened = i.openedAt().toEpochMilli();
      if (inWindow.test(opened) && i.acknowledgedAt().isPresent()) {
        acknowledge.add(i.acknowledgedAt().get().toEpochMilli() - opened);
      }
      if (i.resolvedAt().isPresent() && inWindow.test(i.resolvedAt().get().toEpochMilli())) {
        long took = i.resolvedAt().get().toEpochMilli() - opened;
        restore.add(took);
        reopened += i.reopenCount() > 0 ? 1 : 0;
        Optional<Boolean> met = i.withinSla().isPresent() ? i.withinSla()
            : targets.target(i.priority()).map(target -> took <= target.toMillis());
        if (met.isPresent()) {
          slaKnown++;
          slaMet += met.get() ? 1 : 0;
        }
      }
    }
    long created = 0;
    long emergency = 0;
    long auto = 0;
    long closed = 0;
    long successful = 0;
    for (ChangeFact c : changes.values()) {
      if (!inScope.test(c.service())) {
        continue;
      }
      if (inWindow.test(c.createdAt().toEpochMilli())) {
        created++;
        emergency += c.type() == ChangeType.EMERGENCY ? 1 : 0;
        auto += c.autoApproved() ? 1 : 0;
      }
      if (c.closedAt().isPresent() && inWindow.test(c.closedAt().get().toEpochMilli())) {
        closed++;
        successful += c.closeCode().orElse(null) == CloseCode.SUCCESSFUL ? 1 : 0;
      }
    }
    long answers = 0;
    long satisfied = 0;
    long ratings = 0;
    for (FeedbackFact f : feedback.values()) {
      Optional<ServiceId> service = f.service().or(() -> Optional.ofNullable(incidents.get(f.ticket())).map(IncidentFact::service));
      boolean scoped = query.scope() instanceof KpiScope.Organisation || service.filter(inScope).isPresent();
      if (scoped && inWindow.test(f.at().toEpochMilli())) {
        answers++;
        ratings += f.rating();
        satisfied += f.rating() >= 4 ? 1 : 0;
      }
    }
    KpiReport.Itsm itsm = new KpiReport.Itsm(
        seconds(mean(acknowledge)),
        new KpiReport.TimeToRestore(seconds(mean(restore)), seconds(quantile(restore, 0.5))),
        ratio(slaMet, slaKnown),
        ratio(reopened, restore.size()),
        ratio(successful, closed),
        ratio(emergency, created),
        ratio(auto, created),
        new KpiReport.Csat(ratio(satisfied, answers), ratio(ratings, answers), answers));
    return new KpiReport(query.window(), query.scope(), benchmarks.name(), dora, itsm);
  }

  private Optional<Deployment> attributedTo(IncidentFact i) {
    if (i.causedBy().isPresent()) {
      return Optional.ofNullable(deployments.get(i.causedBy().get().value())).filter(this::qualifies);
    }
    if (i.cause() != io.github.coexist.core.incident.Verdict.UNKNOWN || i.priority() > 3) {
      return Optional.empty();
    }
    long opened = i.openedAt().toEpochMilli();
    return deployments.values().stream()
        .filter(this::qualifies)
        .filter(d -> d.service().equals(i.service()))
        .filter(d -> finish(d) <= opened && opened - finish(d) <= window)
        .max(order());
  }

  private boolean qualifies(Deployment d) {
    return d.status() == Deployment.Status.SUCCESS && production.contains(d.environment());
  }

  private static long finish(Deployment d) {
    return d.finishedAt().get().toEpochMilli();
  }

  private static Comparator<Deployment> order() {
    return Comparator.comparingLong(ReferenceKpis::finish).thenComparing(d -> d.id().value());
  }

  private Predicate<ServiceId> inScope(KpiScope scope) {
    if (scope instanceof KpiScope.OfService) {
      return s -> s.equals(((KpiScope.OfService) scope).service());
    }
    if (scope instanceof KpiScope.OfTeam) {
      return s -> ((KpiScope.OfTeam) scope).team().equals(teams.get(s));
    }
    return s -> true;
  }

  private static OptionalDouble quantile(Collection<Long> values, double p) {
    if (values.isEmpty()) {
      return OptionalDouble.empty();
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    double rank = (sorted.length - 1) * p;
    int below = (int) Math.floor(rank);
    double fraction = rank - below;
    if (fraction == 0) {
      return OptionalDouble.of(sorted[below]);
    }
    return OptionalDouble.of(sorted[below] + fraction * (sorted[below + 1] - sorted[below]));
  }

  private static OptionalDouble mean(List<Long> values) {
    return ratio(values.stream().mapToLong(Long::longValue).sum(), values.size());
  }

  private static OptionalDouble ratio(long numerator, long denominator) {
    return denominator == 0 ? OptionalDouble.empty() : OptionalDouble.of(numerator / (double) denominator);
  }

  private static OptionalDouble seconds(OptionalDouble millis) {
    return millis.isPresent() ? OptionalDouble.of(millis.getAsDouble() / 1000.0) : millis;
  }

  private static Optional<DoraLevel> level(DoraBenchmarks benchmarks, DoraMetric metric, OptionalDouble value) {
    return value.isPresent() ? Optional.of(benchmarks.level(metric, value.getAsDouble())) : Optional.empty();
  }
}
