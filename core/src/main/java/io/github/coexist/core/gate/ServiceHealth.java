package io.github.coexist.core.gate;

import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.ServiceId;
import java.util.List;

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
   * Open work on a service.
   *
   * @param incidents open incidents
   * @param problems open problems
   * @param urgentIncidents of the open incidents, how many are P1 or P2 (a standard change may not
   *     be claimed while one is open)
   * @param majorIncidents the open major incidents: while one is open the service and every
   *     service depending on it are locked down
   * @param overdueActions postmortem action items of the service still open after their due date
   */
  record OpenWork(int incidents, int problems, int urgentIncidents, List<IncidentId> majorIncidents,
      int overdueActions) {
    /** Nothing open. */
    public static final OpenWork NONE = new OpenWork(0, 0);

    public OpenWork {
      majorIncidents = List.copyOf(majorIncidents);
      if (incidents < 0 || problems < 0 || urgentIncidents < 0 || overdueActions < 0) {
        throw new IllegalArgumentException("open work cannot be negative");
      }
    }

    /** Open incidents and problems, urgent and major ones, and no overdue postmortem actions. */
    public OpenWork(int incidents, int problems, int urgentIncidents, List<IncidentId> majorIncidents) {
      this(incidents, problems, urgentIncidents, majorIncidents, 0);
    }

    /** Open incidents and problems, none of them urgent or major. */
    public OpenWork(int incidents, int problems) {
      this(incidents, problems, 0, List.of());
    }
  }
}
