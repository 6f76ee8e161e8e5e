package io.github.coexist.core.incident;

import java.util.Locale;
import java.util.Optional;

/** The priority of an incident or problem, 1 (critical) to 5 (planning), derived from impact and urgency. */
public enum Priority {
  /** P1: drop everything. */
  CRITICAL,
  /** P2. */
  HIGH,
  /** P3. */
  MODERATE,
  /** P4. */
  LOW,
  /** P5: plan it in. */
  PLANNING;

  /** 1 for critical to 5 for planning. */
  public int level() {
    return ordinal() + 1;
  }

  /** The priority of level 1 to 5, or empty for any other number. */
  public static Optional<Priority> ofLevel(int level) {
    return level >= 1 && level <= 5 ? Optional.of(values()[level - 1]) : Optional.empty();
  }

  /** Whether this priority is more pressing than {@code other} (P1 is above P2). */
  public boolean isAbove(Priority other) {
    return ordinal() < other.ordinal();
  }

  /** The label people read, such as {@code P1 Critical}. */
  public String label() {
    String name = name().toLowerCase(Locale.ROOT);
    return "P" + level() + " " + Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
