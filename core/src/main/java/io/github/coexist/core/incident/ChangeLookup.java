package io.github.coexist.core.incident;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.service.ServiceId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.Optional;

/**
 * Where incident correlation reads changes: the latest snapshot of a change by id, and the
 * changes of a service around a time. Implemented by change enablement (the change gate keeps the
 * snapshots); kept here, as a narrow interface, so incidents never depend on the gate.
 * Implementations are thread-safe.
 */
public interface ChangeLookup {

  /** The latest snapshot of change {@code id}, or empty when it is not known. */
  Either<CoexistError, Optional<Change>> find(ChangeId id);

  /**
   * The changes to {@code service} planned to start in [from, to], in any state; correlation
   * keeps those that were implemented.
   */
  Either<CoexistError, Seq<Change>> forService(ServiceId service, Instant from, Instant to);

  /** A lookup that knows no change: correlation then works from deployments alone. */
  static ChangeLookup none() {
    return new ChangeLookup() {
      @Override
      public Either<CoexistError, Optional<Change>> find(ChangeId id) {
        return Either.right(Optional.empty());
      }

      @Override
      public Either<CoexistError, Seq<Change>> forService(ServiceId service, Instant from, Instant to) {
        return Either.right(List.empty());
      }
    };
  }
}
