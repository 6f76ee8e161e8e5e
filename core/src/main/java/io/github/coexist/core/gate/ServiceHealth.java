package io.github.coexist.core.gate;

import io.github.coexist.core.service.ServiceId;

/**
 * What the gate asks about a service's open incidents and problems, which raise a change's risk.
 * The incident desk answers it once it is wired; until then {@link #none()} says nothing is open.
 * Implementations are thread-safe and fast (called on every decision).
 */
@FunctionalInterface
public interface ServiceHealth {

  /** The incidents and problems open on {@code service} now. */
  OpenWork openOn(ServiceId service);

  /** Nothing is ever open. */
  static ServiceHealth none() {
    return service -> OpenWork.NONE;
  }

  /**
   * Counts of open work on a service.
   *
   * @param incidents open incidents
   * @param problems open problems
   */
  record OpenWork(int incidents, int problems) {
    /** Nothing open. */
    public static final OpenWork NONE = new OpenWork(0, 0);

    public OpenWork {
      if (incidents < 0 || problems < 0) {
        throw new IllegalArgumentException("open work cannot be negative");
      }
    }
  }
}
