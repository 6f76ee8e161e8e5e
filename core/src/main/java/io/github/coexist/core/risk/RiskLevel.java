package io.github.coexist.core.risk;

/** How risky a change is, in the four levels ServiceNow and Jira Service Management use. */
public enum RiskLevel {
  /** Safe to approve automatically when the evidence passes. */
  LOW,
  /** Needs a peer or the change manager. */
  MODERATE,
  /** Needs the change advisory board. */
  HIGH,
  /** Needs the change advisory board, and deserves a second look. */
  VERY_HIGH;

  /** Whether this level is at least {@code other}. */
  public boolean atLeast(RiskLevel other) {
    return compareTo(other) >= 0;
  }
}
