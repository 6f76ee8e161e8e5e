package io.github.coexist.core.gate;

import static io.github.coexist.core.gate.GateFixture.BOB;
import static io.github.coexist.core.gate.GateFixture.CAROL;
import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.risk.RiskAssessment;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.testing.FakeRisk;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The audit entry of a decision a person must make keeps every input that made it: the authority
 * asked, when the request expires, the rule that forced the risk level and the changes it
 * conflicts with. An automatic decision has none of these to record.
 */
class DecisionAuditTest {
  private static final String RULE = "tier 1 without a rollback plan forces high";

  private final GateFixture fx = new GateFixture();
  /** High risk on shop, forced by a rule; low elsewhere. */
  private final ChangeGate gate = fx.builder(fx.records, fx.replies).riskAssessor(context -> {
    RiskAssessment assessed = fx.risk.assess(context);
    return context.request().service().value().equals("shop")
        ? new RiskAssessment(assessed.score(), assessed.level(), assessed.contributions(), Optional.of(RULE))
        : assessed;
  }).build();

  @Test
  @DisplayName("a change waiting for the CAB is audited with its authority, expiry, forcing rule and conflicts")
  void pendingDecisionKeepsItsInputs() {
    fx.level("shop", RiskLevel.HIGH);
    String earlier = gate.decide(deploy("k-0", "shop").plannedStart(fx.now()).plannedDuration(Duration.ofHours(1)))
        .get().change().id().value();
    GateDecision d = gate.decide(deploy("k-1", "shop").plannedStart(fx.now().plus(Duration.ofMinutes(30)))
        .plannedDuration(Duration.ofHours(1))).get();
    assertThat(d.decision().isPending()).isTrue();

    AuditEntry requested = fx.auditOf(d.change().id().value(), "change.requested").get(0);
    assertThat(requested.inputs())
        .containsEntry("authority", "cab")
        .containsEntry("expires", fx.now().plus(Duration.ofHours(8)).toString())
        .containsEntry("risk.forced-by", RULE)
        .containsEntry("risk.level", "high")
        .containsEntry("conflicts", earlier);
    assertThat(requested.outcome()).isEqualTo("pending");
  }

  @Test
  @DisplayName("the approval that ends the wait is audited as decided by the CAB, naming it and the forcing rule")
  void approvalKeepsItsAuthority() {
    fx.level("shop", RiskLevel.HIGH);
    GateDecision d = gate.decide(deploy("k-1", "shop")).get();
    gate.approve(d.change().id(), BOB, "ok").get();
    gate.approve(d.change().id(), CAROL, "ok").get();

    List<AuditEntry> decisions = fx.auditOf(d.change().id().value(), "change.decided");
    AuditEntry decided = decisions.get(decisions.size() - 1);
    assertThat(decided.actor()).hasToString("group:cab");
    assertThat(decided.outcome()).isEqualTo("approved");
    assertThat(decided.inputs())
        .containsEntry("authority", "cab")
        .containsEntry("risk.forced-by", RULE)
        .doesNotContainKey("idempotency-key")
        .doesNotContainKey("source");
  }

  @Test
  @DisplayName("an automatic approval has no authority, expiry, forcing rule or conflicts to record")
  void automaticDecisionHasNone() {
    GateDecision d = gate.decide(deploy("k-1", "payments")).get();
    assertThat(d.decision().autoApproved()).isTrue();
    AuditEntry requested = fx.auditOf(d.change().id().value(), "change.requested").get(0);
    assertThat(requested.inputs()).doesNotContainKeys("authority", "expires", "risk.forced-by", "conflicts")
        .containsEntry("idempotency-key", "k-1")
        .containsEntry("source", "github");
  }
}
