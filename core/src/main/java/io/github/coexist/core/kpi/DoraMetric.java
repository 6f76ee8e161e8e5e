package io.github.coexist.core.kpi;

/**
 * The DORA metrics that have levels, each with the unit its benchmark cut-offs are written in.
 * Deployment rework rate has no published levels and so none here.
 */
public enum DoraMetric {
  /** Deployment days per week: days with a deployment times 7, divided by the window's days. */
  DEPLOYMENT_FREQUENCY("deploymentFrequency", false),
  /** The median lead time, as an ISO-8601 duration in the files and seconds in code. */
  LEAD_TIME_FOR_CHANGES("leadTimeForChanges", true),
  /** The change failure rate, a ratio from 0 to 1. */
  CHANGE_FAILURE_RATE("changeFailureRate", false),
  /** The median failed deployment recovery time, as an ISO-8601 duration in the files and seconds in code. */
  FAILED_DEPLOYMENT_RECOVERY_TIME("failedDeploymentRecoveryTime", true);

  private final String key;
  private final boolean duration;

  DoraMetric(String key, boolean duration) {
    this.key = key;
    this.duration = duration;
  }

  /** The metric's key in benchmark files and JSON. */
  public String key() {
    return key;
  }

  /** Whether cut-offs are durations (read as ISO-8601, compared in seconds) rather than numbers. */
  public boolean isDuration() {
    return duration;
  }
}
