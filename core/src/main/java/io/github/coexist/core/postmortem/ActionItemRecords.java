package io.github.coexist.core.postmortem;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.ExternalKey;
import io.vavr.control.Either;

/**
 * Port: the tickets that follow a postmortem's action items up in the ITSM tool (a ServiceNow
 * problem task, a Jira task, or memory), so that the work is tracked where the teams plan it.
 *
 * <p>coexist decides; this port records. Both methods are safe to repeat: {@link #ensure} with
 * the same {@link TrackedAction#recordKey()} never creates a second ticket, and {@link #update} to
 * what a ticket already holds succeeds. Implementations are thread-safe.
 */
public interface ActionItemRecords {

  /** The short name of the system of record ({@code memory}, {@code servicenow}, {@code jira}). */
  String system();

  /**
   * Creates the ticket for {@code action} (its title, service, owner team, due date and the
   * incident it follows up), or finds the one already created under its record key, and returns
   * its key.
   */
  Either<CoexistError, ExternalKey> ensure(TrackedAction action);

  /** Brings the ticket to match {@code action}: its status (done or dropped closes it). */
  Either<CoexistError, Done> update(ExternalKey key, TrackedAction action);
}
