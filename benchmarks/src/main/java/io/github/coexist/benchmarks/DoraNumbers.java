package io.github.coexist.benchmarks;

import io.github.coexist.core.kpi.KpiReport;
import java.util.OptionalDouble;

/**
 * The DORA numbers both coexist and DuckDB compute, for the agreement check.
 *
 * @param deployments successful production deployments in the window
 * @param deploymentDays UTC days with one
 * @param hotfixes those that were hotfixes
 * @param leadMedianSeconds median lead time
 * @param leadP90Seconds 90th percentile lead time
 * @param failed failed changes: deployments with an incident attributed, and failed production deployments
 * @param recoveryMedianSeconds median failed deployment recovery time
 */
public record DoraNumbers(long deployments, long deploymentDays, long hotfixes, OptionalDouble leadMedianSeconds,
    OptionalDouble leadP90Seconds, long failed, OptionalDouble recoveryMedianSeconds) {

  /** The numbers of a coexist report. */
  public static DoraNumbers of(KpiReport report) {
    KpiReport.Dora dora = report.dora();
    return new DoraNumbers(dora.deploymentFrequency().deployments(), dora.deploymentFrequency().deploymentDays(),
        dora.reworkRate().hotfixes(), dora.leadTimeForChanges().medianSeconds(), dora.leadTimeForChanges().p90Seconds(),
        dora.changeFailureRate().failed(), dora.failedDeploymentRecoveryTime().medianSeconds());
  }

  /** Whether {@code other} has the same counts and the same durations to a millionth of a second. */
  public boolean agreesWith(DoraNumbers other) {
    return deployments == other.deployments && deploymentDays == other.deploymentDays && hotfixes == other.hotfixes
        && failed == other.failed && close(leadMedianSeconds, other.leadMedianSeconds)
        && close(leadP90Seconds, other.leadP90Seconds) && close(recoveryMedianSeconds, other.recoveryMedianSeconds);
  }

  private static boolean close(OptionalDouble a, OptionalDouble b) {
    if (a.isPresent() != b.isPresent()) {
      return false;
    }
    return a.isEmpty() || Math.abs(a.getAsDouble() - b.getAsDouble()) <= 1e-6 * Math.max(1, Math.abs(a.getAsDouble()));
  }
}
