package io.github.coexist.app.demo;

import io.github.coexist.core.kpi.DoraLevel;
import io.github.coexist.core.kpi.KpiReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** The KPI report as lines people read: DORA with levels, then the ITSM metrics; "no data" for an empty set. */
final class KpiText {
  private KpiText() {}

  static List<String> lines(KpiReport report) {
    KpiReport.Dora dora = report.dora();
    KpiReport.Itsm itsm = report.itsm();
    List<String> lines = new ArrayList<>();
    lines.add("window " + report.window().from() + " to " + report.window().to() + ", benchmarks "
        + report.benchmarks());
    lines.add("DORA");
    KpiReport.DeploymentFrequency frequency = dora.deploymentFrequency();
    row(lines, "deployment frequency", frequency.deployments() + " to production, "
        + number(frequency.perDay(), "%.2f a day") + ", on " + frequency.deploymentDays() + " day(s)",
        frequency.level());
    row(lines, "lead time for changes", "median " + duration(dora.leadTimeForChanges().medianSeconds()) + ", p90 "
        + duration(dora.leadTimeForChanges().p90Seconds()), dora.leadTimeForChanges().level());
    KpiReport.ChangeFailureRate failures = dora.changeFailureRate();
    row(lines, "change failure rate", percent(failures.rate()) + " (" + failures.failed() + " of " + failures.total() + ")",
        failures.level());
    row(lines, "recovery time", "median " + duration(dora.failedDeploymentRecoveryTime().medianSeconds()),
        dora.failedDeploymentRecoveryTime().level());
    row(lines, "rework rate", percent(dora.reworkRate().rate()) + " (" + dora.reworkRate().hotfixes() + " of "
        + dora.reworkRate().total() + ")", Optional.empty());
    lines.add("ITSM");
    row(lines, "time to acknowledge", "mean " + duration(itsm.mttaSeconds()), Optional.empty());
    row(lines, "time to restore", "mean " + duration(itsm.timeToRestore().meanSeconds()) + ", median "
        + duration(itsm.timeToRestore().medianSeconds()), Optional.empty());
    row(lines, "SLA compliance", percent(itsm.slaCompliance()), Optional.empty());
    row(lines, "reopen rate", percent(itsm.reopenRate()), Optional.empty());
    row(lines, "change success rate", percent(itsm.changeSuccessRate()), Optional.empty());
    row(lines, "emergency changes", percent(itsm.emergencyChangeRatio()), Optional.empty());
    row(lines, "approved automatically", percent(itsm.autoApprovalRatio()), Optional.empty());
    KpiReport.Csat csat = itsm.csat();
    row(lines, "CSAT", percent(csat.satisfiedRatio()) + " satisfied, mean " + number(csat.meanRating(), "%.1f of 5")
        + ", " + csat.responses() + " answer(s)", Optional.empty());
    return lines;
  }

  private static void row(List<String> lines, String name, String value, Optional<DoraLevel> level) {
    lines.add(String.format(Locale.ROOT, "  %-24s %-52s %s", name, value, level.map(DoraLevel::label).orElse("")).stripTrailing());
  }

  static String percent(OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%.0f%%", value.getAsDouble() * 100) : "no data";
  }

  private static String number(OptionalDouble value, String format) {
    return value.isPresent() ? String.format(Locale.ROOT, format, value.getAsDouble()) : "no data";
  }

  /** {@code 3 d 4 h}, {@code 2 h 5 min}, {@code 45 min}, {@code 30 s}; "no data" when empty. */
  static String duration(OptionalDouble seconds) {
    if (seconds.isEmpty()) {
      return "no data";
    }
    long s = Math.round(seconds.getAsDouble());
    if (s < 60) {
      return s + " s";
    }
    long minutes = s / 60;
    if (minutes < 60) {
      return minutes + " min";
    }
    long hours = minutes / 60;
    if (hours < 24) {
      return hours + " h " + minutes % 60 + " min";
    }
    return hours / 24 + " d " + hours % 24 + " h";
  }
}
