package io.github.coexist.core.incident;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.risk.RiskAssessment;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Changes held in memory, standing in for the change gate: both {@link ChangeLookup} and {@link ChangeLinks}. */
public final class TestChanges implements ChangeLookup, ChangeLinks {
  private final Map<ChangeId, Change> changes = new ConcurrentHashMap<>();
  public final java.util.List<String> links = new ArrayList<>();

  public Change add(String id, String service, ChangeState state, Instant plannedStart) {
    DeploymentRequest request = DeploymentRequest.builder().idempotencyKey("key-" + id).service(service)
        .environment("production").summary("change " + id).build().get();
    Change change = Change.builder()
        .id(ChangeId.of(id))
        .idempotencyKey(IdempotencyKey.of("key-" + id))
        .type(ChangeType.NORMAL)
        .model("normal")
        .state(state)
        .request(request)
        .assignmentGroup(TeamId.of("team-" + service))
        .risk(new RiskAssessment(10, RiskLevel.LOW, java.util.List.of(), Optional.empty()))
        .decision(new Decision(Decision.Outcome.APPROVED, java.util.List.of("low risk"), "v1", Optional.empty(),
            Optional.empty(), Actor.COEXIST, plannedStart, Optional.empty()))
        .plannedStart(plannedStart)
        .plannedEnd(plannedStart.plusSeconds(1800))
        .createdAt(plannedStart.minusSeconds(600))
        .updatedAt(plannedStart)
        .externalKey(ExternalKey.of("servicenow", "CHG-" + id))
        .build();
    changes.put(change.id(), change);
    return change;
  }

  @Override
  public Either<CoexistError, Optional<Change>> find(ChangeId id) {
    return Either.right(Optional.ofNullable(changes.get(id)));
  }

  @Override
  public Either<CoexistError, Seq<Change>> forService(ServiceId service, Instant from, Instant to) {
    return Either.right(List.ofAll(changes.values())
        .filter(c -> c.service().equals(service))
        .filter(c -> !c.plannedStart().isBefore(from) && !c.plannedStart().isAfter(to))
        .sortBy(Change::id));
  }

  @Override
  public synchronized Either<CoexistError, Done> causedIncident(ChangeId change, IncidentId incident) {
    links.add(change + " caused " + incident);
    return Either.right(Done.DONE);
  }
}
