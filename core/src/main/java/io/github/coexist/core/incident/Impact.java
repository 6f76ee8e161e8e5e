package io.github.coexist.core.incident;

import java.util.Optional;

/** How widely an incident hurts, as ITSM tools grade it: 1 high to 3 low. */
public enum Impact {
  /** Many users or a critical business function. */
  HIGH,
  /** Some users or a degraded function. */
  MEDIUM,
  /** Few users, a workaround exists. */
  LOW;

  /** 1 for high, 2 for medium, 3 for low, as ServiceNow and Jira store it. */
  public int level() {
    return ordinal() + 1;
  }

  /** The impact of level 1 to 3, or empty for any other number. */
  public static Optional<Impact> ofLevel(int level) {
    return level >= 1 && level <= 3 ? Optional.of(values()[level - 1]) : Optional.empty();
  }
}
