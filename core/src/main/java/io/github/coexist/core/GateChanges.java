package io.github.coexist.core;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.gate.ChangeGate;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.incident.ChangeLookup;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.service.ServiceId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.Optional;

/** The gate's changes as the incident desk and postmortems read them: by id, and by service and planned start. */
final class GateChanges implements ChangeLookup {
  private final ChangeGate gate;

  GateChanges(ChangeGate gate) {
    this.gate = gate;
  }

  @Override
  public Either<CoexistError, Optional<Change>> find(ChangeId id) {
    return Either.right(gate.change(id).map(TrackedChange::change));
  }

  @Override
  public Either<CoexistError, Seq<Change>> forService(ServiceId service, Instant from, Instant to) {
    return Either.right(List.ofAll(gate.changes()).map(TrackedChange::change)
        .filter(c -> c.service().equals(service))
        .filter(c -> !c.plannedStart().isBefore(from) && c.plannedStart().isBefore(to)));
  }
}
