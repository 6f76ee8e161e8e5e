package io.github.coexist.core.change;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Port: change records in the ITSM tool (ServiceNow {@code change_request}, a Jira Service
 * Management change issue, or memory).
 *
 * <p>coexist decides; this port records. Every method is safe to repeat: {@link #ensure} with the
 * same idempotency key never creates a second record, and {@link #update} to the state a record
 * already has succeeds. Implementations are thread-safe and pass {@code
 * ChangeRecordsCompatibilityKit} from coexist-testkit.
 */
public interface ChangeRecords {

  /** The short name of the system of record ({@code memory}, {@code servicenow}, {@code jira}). */
  String system();

  /**
   * Creates the record for {@code change}, or finds the one already created under its
   * idempotency key, and returns its key. Never creates two records for one key, also when
   * called concurrently from one process.
   */
  Either<CoexistError, ExternalKey> ensure(Change change);

  /** The key of the record created under {@code key}, if there is one. */
  Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key);

  /**
   * Brings the record to match {@code change}: state (along the tool's legal path), risk,
   * approval, close code and notes. Moving to the state the record already has is a success.
   * Returns the record as read back afterwards.
   */
  Either<CoexistError, RecordedChange> update(ExternalKey key, Change change);

  /** The record as the tool holds it now, including its approval. */
  Either<CoexistError, RecordedChange> read(ExternalKey key);

  /**
   * The records held under {@code keys}, as {@link #read} would return each, read in as few calls
   * to the tool as it allows: the gate reads every waiting change back this way once per tick. A
   * key the answer leaves out has no record the tool would give (none, hidden from coexist, or one
   * it could not read: the implementation logs which). A failure of the whole batch (the tool
   * unavailable, rate limited, refusing the credentials) is the left side.
   *
   * <p>The default reads the keys one by one with {@link #read}: a transient failure ends the
   * batch and is its answer; any other leaves its key out. Adapters whose tool reads many records
   * in one call override it.
   */
  default Either<CoexistError, Map<ExternalKey, RecordedChange>> readAll(Collection<ExternalKey> keys) {
    Map<ExternalKey, RecordedChange> read = new LinkedHashMap<>();
    for (ExternalKey key : keys) {
      if (read.containsKey(key)) {
        continue;
      }
      Either<CoexistError, RecordedChange> one = read(key);
      if (one.isLeft() && one.getLeft().isTransient()) {
        return Either.left(one.getLeft());
      }
      one.forEach(recorded -> read.put(key, recorded));
    }
    return Either.right(read);
  }
}
