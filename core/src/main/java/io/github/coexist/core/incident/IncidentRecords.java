package io.github.coexist.core.incident;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.Optional;

/**
 * Port: incident records in the ITSM tool (a ServiceNow {@code incident}, a Jira Service
 * Management incident issue, or memory).
 *
 * <p>coexist decides; this port records. Every method is safe to repeat: {@link #ensure} with the
 * same {@link Incident#recordKey()} never creates a second record, and {@link #update} to what a
 * record already holds succeeds. A record that fell behind (its last updates failed) must accept
 * the latest snapshot whatever state it is in, walking the tool's legal path as needed.
 * Implementations are thread-safe and pass {@code IncidentRecordsCompatibilityKit} from
 * coexist-testkit.
 */
public interface IncidentRecords {

  /** The short name of the system of record ({@code memory}, {@code servicenow}, {@code jira}). */
  String system();

  /**
   * Creates the record for {@code incident} in state New, with its title, service, assignment
   * group, impact, urgency and priority ({@link RecordedIncident#created}), or finds the one already created under its record key, and returns its key. Never creates two
   * records for one key, also when called concurrently from one process.
   */
  Either<CoexistError, ExternalKey> ensure(Incident incident);

  /** The key of the record created under {@code key}, if there is one. */
  Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key);

  /**
   * Brings the record to match {@code incident}: state, impact, urgency, priority, major flag and,
   * when known, the caused-by change's record. Returns the record as read back afterwards.
   */
  Either<CoexistError, RecordedIncident> update(ExternalKey key, Incident incident);

  /**
   * Whether {@link #update} points the record at its problem's record (an {@link Incident#problem()}
   * kept in this tool) with a work note giving the problem and the known error's workaround, and
   * reads the link back in {@link RecordedIncident#problem()}; false unless an implementation
   * says so.
   */
  default boolean linksProblems() {
    return false;
  }

  /** The record as the tool holds it now. */
  Either<CoexistError, RecordedIncident> read(ExternalKey key);
}
