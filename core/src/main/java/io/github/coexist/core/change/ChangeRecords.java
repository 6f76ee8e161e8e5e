package io.github.coexist.core.change;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
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
}
