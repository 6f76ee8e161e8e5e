package io.github.coexist.core.incident;

import io.github.coexist.core.error.CoexistError;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An incident as the {@link IncidentDesk} keeps it in a store: the incident and what the desk knows
 * of it beside it, so that a desk {@linkplain IncidentDesk#restore restored} from these records
 * behaves as the one that kept them.
 *
 * @param incident the incident
 * @param unsynced present while the ITSM tool does not hold this snapshot: the error of the last
 *     try, or {@link CoexistError.Unavailable} before the first; a restored desk retries it on its
 *     next {@link IncidentDesk#resync()}
 * @param breachesSignalled the SLA clocks whose breach was already announced, never announced again
 * @param alerts the history of the incident's alert key, while the key's alerts go to this incident
 */
public record KeptIncident(
    Incident incident, Optional<CoexistError> unsynced, Set<SlaClock.Kind> breachesSignalled,
    Optional<AlertHistory> alerts) {

  public KeptIncident {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(unsynced, "unsynced");
    breachesSignalled = Set.copyOf(breachesSignalled);
    Objects.requireNonNull(alerts, "alerts");
  }
}
