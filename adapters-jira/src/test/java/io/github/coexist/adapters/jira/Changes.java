package io.github.coexist.adapters.jira;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.risk.FactorContribution;
import io.github.coexist.core.risk.RiskAssessment;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.TeamId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Changes for tests, built the way the gate builds them. */
final class Changes {
  static final Instant T0 = Instant.parse("2025-03-03T10:15:30Z");

  private Changes() {}

  static Change change(String key, ChangeType type, RiskLevel risk, ChangeState state, Decision.Outcome outcome) {
    DeploymentRequest request = DeploymentRequest.builder()
        .idempotencyKey(key)
        .service("checkout")
        .environment("production")
        .repository("octo/shop")
        .headSha("4f2a9c1e0b7d")
        .summary("Deploy shop " + key)
        .evidence(PipelineEvidence.allPassed())
        .requester(Actor.person("mona"))
        .source("github")
        .build()
        .getOrElseThrow(e -> new IllegalStateException(e.message()));
    return Change.builder()
        .id(ChangeId.of("chg-" + Math.abs(key.hashCode())))
        .idempotencyKey(request.idempotencyKey())
        .type(type)
        .model(type == ChangeType.STANDARD ? "standard-deploy" : "normal")
        .state(state)
        .request(request)
        .assignmentGroup(TeamId.of("shop-team"))
        .risk(new RiskAssessment(risk == RiskLevel.LOW ? 12 : 61, risk,
            List.of(new FactorContribution("blast-radius", 8, 20, "tier 2 service"),
                new FactorContribution("change-size", 4, 15, "40 lines")), Optional.empty()))
        .decision(new Decision(outcome, List.of("risk is " + risk.name().toLowerCase()), "v1",
            Optional.of("cab"), Optional.empty(), Actor.COEXIST, T0, Optional.empty()))
        .plannedStart(T0)
        .plannedEnd(T0.plus(Duration.ofMinutes(30)))
        .createdAt(T0)
        .updatedAt(T0)
        .build();
  }

  static Change normal(String key) {
    return change(key, ChangeType.NORMAL, RiskLevel.MODERATE, ChangeState.NEW, Decision.Outcome.PENDING);
  }

  static Change moved(Change change, ChangeState state, Decision.Outcome outcome) {
    Decision d = change.decision();
    return Change.builder().from(change).state(state)
        .decision(new Decision(outcome, d.reasons(), d.policyVersion(), d.authority(), d.waitingFor(), d.decidedBy(),
            d.decidedAt(), d.expiresAt()))
        .build();
  }

  static Change closed(Change change, CloseCode code, String notes) {
    return Change.builder().from(change).state(ChangeState.CLOSED).closeCode(code).closeNotes(notes).build();
  }
}
