package io.github.coexist.core.calendar;

/** The two sorts of calendar window change enablement knows. */
public enum WindowKind {
  /** A freeze (blackout): changes are held unless they are emergencies. */
  FREEZE,
  /** A maintenance window: where changes with downtime are meant to go. */
  MAINTENANCE
}
