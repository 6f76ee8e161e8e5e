package io.github.coexist.core.kpi;

import java.util.Locale;

/** The DORA performance levels, best first. */
public enum DoraLevel {
  /** The best level. */
  ELITE,
  /** Second best. */
  HIGH,
  /** Third. */
  MEDIUM,
  /** Everything below medium. */
  LOW;

  /** The level as JSON and the benchmark files spell it: {@code elite}, {@code high}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
