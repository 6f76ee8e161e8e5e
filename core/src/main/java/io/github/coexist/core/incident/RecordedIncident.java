package io.github.coexist.core.incident;

import io.github.coexist.core.kernel.ExternalKey;
import java.util.Objects;
import java.util.Optional;

/**
 * An incident as the system of record holds it now, read back through {@link IncidentRecords}.
 *
 * @param key where the tool keeps it
 * @param state its state in the tool
 * @param impact its impact in the tool
 * @param urgency its urgency in the tool
 * @param priority its priority in the tool
 * @param major whether the tool flags it as a major incident
 * @param causedBy the record of the change the tool holds as its cause, when it holds one
 */
public record RecordedIncident(
    ExternalKey key,
    IncidentState state,
    Impact impact,
    Urgency urgency,
    Priority priority,
    boolean major,
    Optional<ExternalKey> causedBy) {
  public RecordedIncident {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(impact, "impact");
    Objects.requireNonNull(urgency, "urgency");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(causedBy, "causedBy");
  }

  /**
   * What {@link IncidentRecords#ensure} records for {@code incident}: state New, its impact,
   * urgency and priority, not major, no cause. {@link IncidentRecords#update} brings the rest.
   */
  public static RecordedIncident created(ExternalKey key, Incident incident) {
    return new RecordedIncident(key, IncidentState.NEW, incident.impact(), incident.urgency(),
        incident.priority(), false, Optional.empty());
  }

  /** What {@code incident} looks like once fully recorded under {@code key}. */
  public static RecordedIncident of(ExternalKey key, Incident incident) {
    return new RecordedIncident(key, incident.state(), incident.impact(), incident.urgency(),
        incident.priority(), incident.major(), incident.causedBy().flatMap(CausedBy::changeRecord));
  }
}
