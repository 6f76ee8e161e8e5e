package io.github.coexist.core.problem;

import java.util.EnumSet;
import java.util.Set;

/**
 * The problem lifecycle, as ServiceNow names it (101 New, 102 Assess, 103 Root Cause Analysis,
 * 104 Fix in Progress, 106 Resolved, 107 Closed). Any open problem can be closed without a fix
 * (risk accepted, duplicate, canceled); a resolved one whose fix did not hold goes back to root
 * cause analysis.
 */
public enum ProblemState {
  /** Recorded, not yet looked at. */
  NEW,
  /** Being assessed: is it real, how bad is it. */
  ASSESS,
  /** Looking for the root cause. */
  ROOT_CAUSE_ANALYSIS,
  /** The fix (a change) is under way. */
  FIX_IN_PROGRESS,
  /** The fix is in; waiting to see it hold. */
  RESOLVED,
  /** Finished. */
  CLOSED;

  /** Whether the problem is still being worked on (not closed). */
  public boolean isOpen() {
    return this != CLOSED;
  }

  /**
   * Whether the problem still threatens its service: neither resolved (the fix is in) nor
   * closed. Only these count as open work in a change's risk.
   */
  public boolean isUnresolved() {
    return this != RESOLVED && this != CLOSED;
  }

  /** The states a problem may move to from this one. */
  public Set<ProblemState> next() {
    return switch (this) {
      case NEW -> EnumSet.of(ASSESS, CLOSED);
      case ASSESS -> EnumSet.of(ROOT_CAUSE_ANALYSIS, CLOSED);
      case ROOT_CAUSE_ANALYSIS -> EnumSet.of(FIX_IN_PROGRESS, CLOSED);
      case FIX_IN_PROGRESS -> EnumSet.of(RESOLVED, ROOT_CAUSE_ANALYSIS, CLOSED);
      case RESOLVED -> EnumSet.of(CLOSED, ROOT_CAUSE_ANALYSIS);
      case CLOSED -> EnumSet.noneOf(ProblemState.class);
    };
  }

  /** Whether the lifecycle allows moving from this state to {@code target}. */
  public boolean canMoveTo(ProblemState target) {
    return next().contains(target);
  }
}
