package io.github.coexist.core.incident;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An ITSM tool's incident records for tests: it can be taken down and brought back, and copied, so
 * that a desk restored after a restart can talk to the same tool as the desk before it.
 */
final class ToolRecords implements IncidentRecords {
  private final Map<IdempotencyKey, ExternalKey> keys = new HashMap<>();
  private final Map<ExternalKey, RecordedIncident> records = new HashMap<>();
  private int issued;
  private int writes;
  private boolean down;

  /** A copy holding the same records, up or down as this one is. */
  synchronized ToolRecords copy() {
    ToolRecords copy = new ToolRecords();
    copy.keys.putAll(keys);
    copy.records.putAll(records);
    copy.issued = issued;
    copy.writes = writes;
    copy.down = down;
    return copy;
  }

  synchronized void down(boolean down) {
    this.down = down;
  }

  /** How many creates and updates the tool took. */
  synchronized int writes() {
    return writes;
  }

  /** Every record the tool holds, by key. */
  synchronized Map<ExternalKey, RecordedIncident> records() {
    return Map.copyOf(records);
  }

  @Override
  public String system() {
    return "tool";
  }

  @Override
  public synchronized Either<CoexistError, ExternalKey> ensure(Incident incident) {
    if (down) {
      return Either.left(new CoexistError.Unavailable("the tool is down"));
    }
    ExternalKey key = keys.computeIfAbsent(incident.recordKey(), k -> ExternalKey.of("tool", "T" + ++issued));
    if (!records.containsKey(key)) {
      records.put(key, RecordedIncident.created(key, incident));
      writes++;
    }
    return Either.right(key);
  }

  @Override
  public synchronized Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return Either.right(Optional.ofNullable(keys.get(key)));
  }

  @Override
  public synchronized Either<CoexistError, RecordedIncident> update(ExternalKey key, Incident incident) {
    if (down) {
      return Either.left(new CoexistError.Unavailable("the tool is down"));
    }
    if (!records.containsKey(key)) {
      return Either.left(new CoexistError.NotFound("incident record", key.toString()));
    }
    RecordedIncident recorded = RecordedIncident.of(key, incident);
    records.put(key, recorded);
    writes++;
    return Either.right(recorded);
  }

  @Override
  public synchronized Either<CoexistError, RecordedIncident> read(ExternalKey key) {
    return Optional.ofNullable(records.get(key)).<Either<CoexistError, RecordedIncident>>map(Either::right)
        .orElseGet(() -> Either.left(new CoexistError.NotFound("incident record", key.toString())));
  }
}
