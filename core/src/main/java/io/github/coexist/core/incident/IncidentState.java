package io.github.coexist.core.incident;

import java.util.EnumSet;
import java.util.Set;

/**
 * The incident lifecycle, as ServiceNow names it (1 New, 2 In Progress, 3 On Hold, 6 Resolved,
 * 7 Closed, 8 Canceled). A resolved incident can be reopened; closed and canceled are final.
 */
public enum IncidentState {
  /** Recorded, nobody has responded yet. */
  NEW,
  /** Someone is working on it. */
  IN_PROGRESS,
  /** Waiting for something outside the team (a caller, a vendor, a change); SLA clocks pause. */
  ON_HOLD,
  /** Service restored; may be reopened if it was not. */
  RESOLVED,
  /** Finished for good. */
  CLOSED,
  /** Not an incident after all (duplicate, false alarm). */
  CANCELED;

  /** Whether the incident is still open: new, in progress or on hold. */
  public boolean isActive() {
    return this == NEW || this == IN_PROGRESS || this == ON_HOLD;
  }

  /** Whether no move leaves this state. */
  public boolean isTerminal() {
    return this == CLOSED || this == CANCELED;
  }

  /** The states an incident may move to from this one. */
  public Set<IncidentState> next() {
    return switch (this) {
      case NEW -> EnumSet.of(IN_PROGRESS, RESOLVED, CANCELED);
      case IN_PROGRESS -> EnumSet.of(ON_HOLD, RESOLVED, CANCELED);
      case ON_HOLD -> EnumSet.of(IN_PROGRESS, RESOLVED, CANCELED);
      case RESOLVED -> EnumSet.of(IN_PROGRESS, CLOSED);
      case CLOSED, CANCELED -> EnumSet.noneOf(IncidentState.class);
    };
  }

  /** Whether the lifecycle allows moving from this state to {@code target}. */
  public boolean canMoveTo(IncidentState target) {
    return next().contains(target);
  }
}
