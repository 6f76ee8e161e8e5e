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
 * @param problem the record of the problem the tool holds it under, when it holds one (only a tool
 *     that {@linkplain IncidentRecords#linksProblems() links problems} does)
 */
public record RecordedIncident(
    ExternalKey key,
    IncidentState state,
    Impact impact,
    Urgency urgency,
    Priority priority,
    boolean major,
    Optional<ExternalKey> causedBy,
    Optional<ExternalKey> problem) {
  public RecordedIncident {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(impact, "impact");
    Objects.requireNonNull(urgency, "urgency");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(causedBy, "causedBy");
    Objects.requireNonNull(problem, "problem");
  }

  /** A record under no problem, as a tool that does not link problems reads it back. */
  public RecordedIncident(ExternalKey key, IncidentState state, Impact impact, Urgency urgency, Priority priority,
      boolean major, Optional<ExternalKey> causedBy) {
    this(key, state, impact, urgency, priority, major, causedBy, Optional.empty());
  }

  /**
   * What {@link IncidentRecords#ensure} records for {@code incident}: state New, its impact,
   * urgency and priority, not major, no cause. {@link IncidentRecords#update} brings the rest.
   */
  public static RecordedIncident created(ExternalKey key, Incident incident) {
    return new RecordedIncident(key, IncidentState.NEW, incident.impact(), incident.urgency(),
        incident.priority(), false, Optional.empty());
  }

  /** What {@code incident} looks like once fully recorded under {@code key}, by a tool that does not link problems. */
  public static RecordedIncident of(ExternalKey key, Incident incident) {
    return of(key, incident, false);
  }

  /**
   * What {@code incident} looks like once fully recorded under {@code key}; with {@code
   * linksProblems}, under its problem's record when that record is in the same tool.
   */
  public static RecordedIncident of(ExternalKey key, Incident incident, boolean linksProblems) {
    Optional<ExternalKey> problem = linksProblems ? incident.problem().flatMap(ProblemLink::record)
        .filter(record -> record.system().equals(key.system())) : Optional.empty();
    return new RecordedIncident(key, incident.state(), incident.impact(), incident.urgency(),
        incident.priority(), incident.major(), incident.causedBy().flatMap(CausedBy::changeRecord), problem);
  }
}
