package io.github.coexist.core.incident;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded default {@link IncidentRecords}: records held in memory under keys {@code
 * memory:INC0000001}, {@code memory:INC0000002}, ... Thread-safe.
 */
public final class InMemoryIncidentRecords implements IncidentRecords {
  /** The system name of keys this implementation issues. */
  public static final String SYSTEM = "memory";

  private final Map<IdempotencyKey, ExternalKey> keys = new ConcurrentHashMap<>();
  private final Map<ExternalKey, RecordedIncident> records = new ConcurrentHashMap<>();
  private final AtomicLong numbers = new AtomicLong();

  /** An empty store. */
  public InMemoryIncidentRecords() {}

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public Either<CoexistError, ExternalKey> ensure(Incident incident) {
    ExternalKey key = keys.computeIfAbsent(incident.recordKey(), k -> {
      ExternalKey issued = ExternalKey.of(SYSTEM, String.format("INC%07d", numbers.incrementAndGet()));
      records.put(issued, RecordedIncident.created(issued, incident));
      return issued;
    });
    return Either.right(key);
  }

  @Override
  public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return Either.right(Optional.ofNullable(keys.get(key)));
  }

  @Override
  public Either<CoexistError, RecordedIncident> update(ExternalKey key, Incident incident) {
    RecordedIncident updated = records.computeIfPresent(key, (k, old) -> RecordedIncident.of(k, incident));
    return updated == null ? Either.left(new CoexistError.NotFound("incident record", key.toString()))
        : Either.right(updated);
  }

  @Override
  public Either<CoexistError, RecordedIncident> read(ExternalKey key) {
    RecordedIncident found = records.get(key);
    return found == null ? Either.left(new CoexistError.NotFound("incident record", key.toString()))
        : Either.right(found);
  }
}
