package io.github.coexist.core.kpi;

import static io.github.coexist.core.kpi.Series.DAY;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Computes a {@link KpiReport} from the series of the scopes a query covers. Reads only; not thread-safe. */
final class Reports {
  private final List<Points.Scope> scopes;
  private final long from;
  private final long to;
  private final Series.Tally tally = new Series.Tally();

  private Reports(List<Points.Scope> scopes, TimeWindow window) {
    this.scopes = scopes;
    this.from = window.fromMillis();
    this.to = window.toMillis();
  }

  static KpiReport report(KpiQuery query, List<Points.Scope> scopes) {
    return new Reports(scopes, query.window()).build(query);
  }

  private KpiReport build(KpiQuery query) {
    DoraBenchmarks benchmarks = query.benchmarks();
    double days = (to - from) / (double) DAY;

    tally(Measure.DEPLOYMENTS);
    long deployments = tally.count;
    long hotfixes = tally.sum;
    long deploymentDays = deploymentDays();
    OptionalDouble perDay = days > 0 ? OptionalDouble.of(deployments / days) : OptionalDouble.empty();
    Optional<DoraLevel> frequencyLevel = days > 0
        ? Optional.of(benchmarks.level(DoraMetric.DEPLOYMENT_FREQUENCY, deploymentDays * 7 / days))
        : Optional.empty();

    Selection leadTimes = gather(Measure.LEAD_TIME);
    OptionalDouble leadMedian = seconds(leadTimes.quantile(0.5));
    OptionalDouble leadP90 = seconds(leadTimes.quantile(0.9));

    tally(Measure.FAILED_DEPLOYMENTS);
    long failed = tally.count;
    tally(Measure.FAILED_ATTEMPTS);
    long attempts = tally.count;
    // A deployment to production that failed is a failed change too: it counts among both.
    long changes = deployments + attempts;
    failed += attempts;
    OptionalDouble failureRate = ratio(failed, changes);

    OptionalDouble recoveryMedian = seconds(gather(Measure.RECOVERY).quantile(0.5));

    KpiReport.Dora dora = new KpiReport.Dora(
        new KpiReport.DeploymentFrequency(deployments, perDay, deploymentDays, frequencyLevel),
        new KpiReport.LeadTimeForChanges(leadMedian, leadP90, level(benchmarks, DoraMetric.LEAD_TIME_FOR_CHANGES, leadMedian)),
        new KpiReport.ChangeFailureRate(failureRate, failed, changes, level(benchmarks, DoraMetric.CHANGE_FAILURE_RATE, failureRate)),
        new KpiReport.RecoveryTime(recoveryMedian, level(benchmarks, DoraMetric.FAILED_DEPLOYMENT_RECOVERY_TIME, recoveryMedian)),
        new KpiReport.ReworkRate(ratio(hotfixes, deployments), hotfixes, deployments));

    tally(Measure.RESTORE);
    OptionalDouble restoreMean = seconds(ratio(tally.sum, tally.count));
    tally(Measure.RATINGS);
    long responses = tally.count;
    OptionalDouble meanRating = ratio(tally.sum, tally.count);
    KpiReport.Itsm itsm = new KpiReport.Itsm(
        seconds(share(Measure.ACKNOWLEDGE)),
        new KpiReport.TimeToRestore(restoreMean, seconds(gather(Measure.RESTORE).quantile(0.5))),
        share(Measure.SLA_MET),
        share(Measure.REOPENED),
        share(Measure.SUCCESSFUL_CHANGES),
        share(Measure.EMERGENCY_CHANGES),
        share(Measure.AUTO_APPROVED_CHANGES),
        new KpiReport.Csat(share(Measure.SATISFIED), meanRating, responses));
    return new KpiReport(query.window(), query.scope(), benchmarks.name(), dora, itsm);
  }

  /** The sum of the measure's values divided by their count: a share for 0/1 values, a mean otherwise. */
  private OptionalDouble share(Measure measure) {
    tally(measure);
    return ratio(tally.sum, tally.count);
  }

  private void tally(Measure measure) {
    tally.clear();
    for (Points.Scope scope : scopes) {
      Series series = scope.peek(measure);
      if (series != null) {
        series.tally(from, to, tally);
      }
    }
  }

  private Selection gather(Measure measure) {
    Selection selection = new Selection();
    for (Points.Scope scope : scopes) {
      Series series = scope.peek(measure);
      if (series != null) {
        series.gather(from, to, selection);
      }
    }
    return selection;
  }

  /** UTC days of the window with a deployment: whole days from the day buckets, partial edge days by their points. */
  private long deploymentDays() {
    if (from >= to) {
      return 0;
    }
    DaySet days = new DaySet();
    long wholeFrom = -Math.floorDiv(-from, DAY);
    long wholeTo = Math.floorDiv(to, DAY);
    for (Points.Scope scope : scopes) {
      Series series = scope.peek(Measure.DEPLOYMENTS);
      if (series != null) {
        series.wholeDaysWithPoints(wholeFrom, wholeTo, days);
      }
    }
    long partialFirst = Math.floorDiv(from, DAY);
    long partialLast = Math.floorDiv(to - 1, DAY);
    if (Math.floorMod(from, DAY) != 0) {
      addIfDeployed(partialFirst, days);
    }
    if (Math.floorMod(to, DAY) != 0 && (partialLast != partialFirst || Math.floorMod(from, DAY) == 0)) {
      addIfDeployed(partialLast, days);
    }
    return days.distinct();
  }

  private void addIfDeployed(long day, DaySet days) {
    long start = Math.max(from, day * DAY);
    long end = Math.min(to, (day + 1) * DAY);
    for (Points.Scope scope : scopes) {
      Series series = scope.peek(Measure.DEPLOYMENTS);
      if (series != null && series.any(start, end)) {
        days.add(day);
        return;
      }
    }
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
