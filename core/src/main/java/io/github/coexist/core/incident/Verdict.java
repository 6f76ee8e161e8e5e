package io.github.coexist.core.incident;

import java.util.Locale;
import java.util.Optional;

/**
 * What is known of whether a change caused an incident: the one input the change failure rate,
 * the recovery time and the failure history of a change read about an incident.
 *
 * <p>Confirming a suspect is a human act: a change is blamed by an explicit link (the pipeline or
 * the ITSM tool named it) or by someone confirming a suspect ({@link IncidentDesk#confirmSuspect}).
 * Until then the verdict is {@link #UNKNOWN}, and the KPIs attribute the incident heuristically
 * only when its priority is at or above their threshold (P1 to P3 by default).
 */
public enum Verdict {
  /** A change caused it: an explicit link, or a suspect someone confirmed. */
  CAUSED_BY_CHANGE,
  /** Someone found it was not caused by a change (capacity, a provider, a cache): no change is blamed. */
  NOT_CHANGE_RELATED,
  /** Nobody said yet. */
  UNKNOWN;

  /** Its name as the event log and the JSON views write it: {@code caused_by_change} and so on. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The verdict whose {@link #label()} is {@code label} (any case); empty for null or another word. */
  public static Optional<Verdict> fromLabel(String label) {
    if (label == null) {
      return Optional.empty();
    }
    for (Verdict v : values()) {
      if (v.label().equalsIgnoreCase(label.strip())) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
