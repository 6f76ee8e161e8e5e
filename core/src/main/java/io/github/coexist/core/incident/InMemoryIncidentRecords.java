package io.github.coexist.core.incident;

import io.github.coexist.core.internal.records.SnapshotRecords;

/**
 * The embedded default {@link IncidentRecords}: records held in memory under keys {@code
 * memory:INC0000001}, {@code memory:INC0000002}, ... Thread-safe.
 */
public final class InMemoryIncidentRecords extends SnapshotRecords<Incident, RecordedIncident>
    implements IncidentRecords {
  /** The system name of keys this implementation issues. */
  public static final String SYSTEM = "memory";

  /** An empty store. */
  public InMemoryIncidentRecords() {
    super(SYSTEM, "INC", "incident record", Incident::recordKey, RecordedIncident::created, RecordedIncident::of);
  }

  @Override
  public String system() {
    return SYSTEM;
  }
}
