package io.github.coexist.core.kpi;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The DORA and ITSM numbers of one scope over one window; the JSON the {@code kpis} command prints
 * mirrors it field for field. An empty set gives no value (an empty optional, JSON null), never zero.
 * Durations are in seconds (fractional: a median of an even count is the mean of the two middle values).
 *
 * @param window the window {@code [from, to)}
 * @param scope the organisation, a service or a team
 * @param benchmarks the name of the benchmark data the levels come from
 * @param dora the five DORA metrics
 * @param itsm the ITSM metrics
 */
public record KpiReport(TimeWindow window, KpiScope scope, String benchmarks, Dora dora, Itsm itsm) {
  public KpiReport {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(benchmarks, "benchmarks");
    Objects.requireNonNull(dora, "dora");
    Objects.requireNonNull(itsm, "itsm");
  }

  /**
   * The DORA metrics.
   *
   * @param deploymentFrequency successful production deployments finished in the window
   * @param leadTimeForChanges commit to first successful production deployment
   * @param changeFailureRate the share of those deployments that caused an incident
   * @param failedDeploymentRecoveryTime deployment finish to the resolution of the incident it caused
   * @param reworkRate the share of those deployments that were hotfixes for an incident
   */
  public record Dora(
      DeploymentFrequency deploymentFrequency,
      LeadTimeForChanges leadTimeForChanges,
      ChangeFailureRate changeFailureRate,
      RecoveryTime failedDeploymentRecoveryTime,
      ReworkRate reworkRate) {}

  /**
   * Deployment frequency.
   *
   * @param deployments how many successful production deployments finished in the window
   * @param perDay deployments divided by the window's length in days; empty for an empty window
   * @param deploymentDays how many UTC days of the window saw at least one
   * @param level from deployment days per week; empty for an empty window
   */
  public record DeploymentFrequency(long deployments, OptionalDouble perDay, long deploymentDays, Optional<DoraLevel> level) {}

  /**
   * Lead time for changes over the commits whose first successful production deployment finished
   * in the window.
   *
   * @param medianSeconds the median
   * @param p90Seconds the 90th percentile, linearly interpolated
   * @param level from the median
   */
  public record LeadTimeForChanges(OptionalDouble medianSeconds, OptionalDouble p90Seconds, Optional<DoraLevel> level) {}

  /**
   * Change failure rate.
   *
   * @param rate failed divided by total; empty when total is zero
   * @param failed successful production deployments in the window with at least one incident attributed
   * @param total successful production deployments in the window
   * @param level from the rate
   */
  public record ChangeFailureRate(OptionalDouble rate, long failed, long total, Optional<DoraLevel> level) {}

  /**
   * Failed deployment recovery time, over incidents attributed to a deployment and resolved in the window.
   *
   * @param medianSeconds the median of resolution minus the deployment's finish
   * @param level from the median
   */
  public record RecoveryTime(OptionalDouble medianSeconds, Optional<DoraLevel> level) {}

  /**
   * Deployment rework rate.
   *
   * @param rate hotfixes divided by total; empty when total is zero
   * @param hotfixes successful production deployments in the window marked as a hotfix for an incident
   * @param total successful production deployments in the window
   */
  public record ReworkRate(OptionalDouble rate, long hotfixes, long total) {}

  /**
   * The ITSM metrics.
   *
   * @param mttaSeconds mean time to acknowledge, over incidents opened in the window and acknowledged
   * @param timeToRestore resolution minus opening, over incidents resolved in the window
   * @param slaCompliance the share of incidents resolved in the window that met their SLA
   * @param reopenRate the share of incidents resolved in the window that were reopened at least once
   * @param changeSuccessRate the share of changes closed in the window with close code successful
   * @param emergencyChangeRatio the share of changes created in the window that are emergency changes
   * @param autoApprovalRatio the share of changes created in the window approved automatically
   * @param csat customer satisfaction over the answers given in the window
   */
  public record Itsm(
      OptionalDouble mttaSeconds,
      TimeToRestore timeToRestore,
      OptionalDouble slaCompliance,
      OptionalDouble reopenRate,
      OptionalDouble changeSuccessRate,
      OptionalDouble emergencyChangeRatio,
      OptionalDouble autoApprovalRatio,
      Csat csat) {}

  /**
   * Time to restore.
   *
   * @param meanSeconds the mean
   * @param medianSeconds the median
   */
  public record TimeToRestore(OptionalDouble meanSeconds, OptionalDouble medianSeconds) {}

  /**
   * Customer satisfaction.
   *
   * @param satisfiedRatio the share of answers rated 4 or 5
   * @param meanRating the mean rating
   * @param responses how many answers
   */
  public record Csat(OptionalDouble satisfiedRatio, OptionalDouble meanRating, long responses) {}
}
