package io.github.coexist.core.incident;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.IncidentId;
import io.vavr.control.Either;

/**
 * The change side of a confirmed cause: told that a change caused an incident, change enablement
 * records the link on the change (for its close code and the change failure rate). Implemented by
 * the change gate; safe to call twice with the same pair. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ChangeLinks {

  /** Records that {@code change} caused {@code incident}. */
  Either<CoexistError, Done> causedIncident(ChangeId change, IncidentId incident);

  /** Links that go nowhere, for when no change enablement is wired. */
  static ChangeLinks none() {
    return (change, incident) -> Either.right(Done.DONE);
  }
}
