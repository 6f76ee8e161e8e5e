package io.github.coexist.core.incident;

import java.util.Optional;

/** How fast an incident must be handled, as ITSM tools grade it: 1 high to 3 low. */
public enum Urgency {
  /** The damage grows quickly; work on it now. */
  HIGH,
  /** It can wait for the current work to finish. */
  MEDIUM,
  /** It can wait. */
  LOW;

  /** 1 for high, 2 for medium, 3 for low, as ServiceNow and Jira store it. */
  public int level() {
    return ordinal() + 1;
  }

  /** The urgency of level 1 to 3, or empty for any other number. */
  public static Optional<Urgency> ofLevel(int level) {
    return level >= 1 && level <= 3 ? Optional.of(values()[level - 1]) : Optional.empty();
  }
}
