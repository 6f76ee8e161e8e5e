package io.github.coexist.adapters.servicenow;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.risk.FactorContribution;
import io.github.coexist.core.risk.RiskAssessment;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.TeamId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Changes for tests: a deployment of {@code shop} owned by {@code payments}. */
final class TestChanges {
  static final Instant T0 = Instant.parse("2025-03-04T10:15:30Z");

  private TestChanges() {}

  static Change change(String key) {
    return change(key, ChangeType.NORMAL, ChangeState.NEW, Decision.Outcome.PENDING);
  }

  static Change change(String key, ChangeType type, ChangeState state, Decision.Outcome outcome) {
    DeploymentRequest request = DeploymentRequest.builder()
        .idempotencyKey(key)
        .service("shop")
        .environment("production")
        .repository("octo/shop")
        .headSha("0123456789abcdef")
        .summary("Deploy shop 1.4.2")
        .filesChanged(12)
        .linesChanged(340)
        .build()
        .get();
    RiskAssessment risk = new RiskAssessment(55, RiskLevel.HIGH,
        List.of(new FactorContribution("blast-radius", 30, 40, "3 services depend on shop"),
            new FactorContribution("change-size", 25, 30, "340 lines changed")),
        Optional.empty());
    Decision decision = new Decision(outcome, List.of("risk high: needs the CAB"), "policy-1",
        Optional.of("cab"), Optional.empty(), Actor.COEXIST, T0, Optional.empty());
    return Change.builder()
        .id(ChangeId.of("chg-" + key.hashCode()))
        .idempotencyKey(request.idempotencyKey())
        .type(type)
        .model(type == ChangeType.STANDARD ? "Restart web tier" : type.name().toLowerCase(java.util.Locale.ROOT))
        .state(state)
        .request(request)
        .assignmentGroup(TeamId.of("payments"))
        .risk(risk)
        .decision(decision)
        .plannedStart(T0)
        .plannedEnd(T0.plusSeconds(1800))
        .createdAt(T0)
        .updatedAt(T0)
        .build();
  }

  static Change moved(Change change, ChangeState state, Decision.Outcome outcome) {
    return Change.builder().from(change)
        .state(state)
        .decision(new Decision(outcome, change.decision().reasons(), "policy-1", Optional.of("cab"),
            Optional.empty(), Actor.COEXIST, T0, Optional.empty()))
        .build();
  }

  static Change closed(Change change, CloseCode code) {
    return Change.builder().from(change)
        .state(ChangeState.CLOSED)
        .closeCode(code)
        .closeNotes("deployed, smoke tests green")
        .build();
  }
}
