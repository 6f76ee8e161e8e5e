package io.github.coexist.core.incident;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.internal.records.SnapshotRecords;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.Optional;

/**
 * The embedded default {@link IncidentRecords}: records held in memory under keys {@code
 * memory:INC0000001}, {@code memory:INC0000002}, ... Thread-safe.
 */
public final class InMemoryIncidentRecords implements IncidentRecords {
  /** The system name of keys this implementation issues. */
  public static final String SYSTEM = "memory";

  private final SnapshotRecords<Incident, RecordedIncident> records;

  /** An empty store. */
  public InMemoryIncidentRecords() {
    records = new SnapshotRecords<>(SYSTEM, "INC", "incident record", Incident::recordKey, RecordedIncident::created, RecordedIncident::of);
  }

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public Either<CoexistError, ExternalKey> ensure(Incident incident) {
    return records.ensure(incident);
  }

  @Override
  public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return records.find(key);
  }

  @Override
  public Either<CoexistError, RecordedIncident> update(ExternalKey key, Incident incident) {
    return records.update(key, incident);
  }

  @Override
  public Either<CoexistError, RecordedIncident> read(ExternalKey key) {
    return records.read(key);
  }
}
