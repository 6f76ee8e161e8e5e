package io.github.coexist.core.problem;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.Optional;

/**
 * Port: problem records in the ITSM tool (a ServiceNow {@code problem}, a Jira Service Management
 * problem issue, or memory), known errors included.
 *
 * <p>Every method is safe to repeat: {@link #ensure} with the same {@link Problem#recordKey()}
 * never creates a second record, and {@link #update} to what a record already holds succeeds. A
 * record that fell behind must accept the latest snapshot whatever state it is in.
 * Implementations are thread-safe and pass {@code ProblemRecordsCompatibilityKit} from
 * coexist-testkit.
 */
public interface ProblemRecords {

  /** The short name of the system of record ({@code memory}, {@code servicenow}, {@code jira}). */
  String system();

  /**
   * Creates the record for {@code problem} in state New, with its title, service, impact, urgency
   * and priority ({@link RecordedProblem#created}), or finds the one already created under its
   * record key, and returns its key. Never creates two records for one key.
   */
  Either<CoexistError, ExternalKey> ensure(Problem problem);

  /** The key of the record created under {@code key}, if there is one. */
  Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key);

  /**
   * Brings the record to match {@code problem}: state, priority, known error with its workaround,
   * and resolution. Returns the record as read back afterwards.
   */
  Either<CoexistError, RecordedProblem> update(ExternalKey key, Problem problem);

  /** The record as the tool holds it now. */
  Either<CoexistError, RecordedProblem> read(ExternalKey key);
}
