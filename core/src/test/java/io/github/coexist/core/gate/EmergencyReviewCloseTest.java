package io.github.coexist.core.gate;

import static io.github.coexist.core.gate.GateFixture.CAROL;
import static io.github.coexist.core.gate.GateFixture.DAVE;
import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.RecordedChange;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.risk.RiskContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Closing an emergency change after its retrospective review is an outcome like any other: the
 * ITSM record is brought up to it, and the service's failure history counts it.
 */
class EmergencyReviewCloseTest {
  private final GateFixture fx = new GateFixture();
  private final ChangeGate gate = fx.gate();

  /** An emergency change on shop, approved by dave and deployed, waiting in Review. */
  private ChangeId deployedEmergency(String key) {
    ChangeId id = gate.decide(deploy(key, "shop").emergency(true)).get().change().id();
    gate.approve(id, DAVE, "restore checkout").get();
    gate.deploymentStarted(id, fx.now()).get();
    assertThat(gate.deploymentFinished(id, true, fx.now()).get().state()).isEqualTo(ChangeState.REVIEW);
    return id;
  }

  private RecordedChange inTool(ChangeId id) {
    TrackedChange tracked = gate.change(id).orElseThrow();
    return fx.records.read(tracked.change().externalKey().orElseThrow()).get();
  }

  /** The failure history the next change on shop is assessed with. */
  private RiskContext.RecentChanges nextChangeHistory() {
    gate.decide(deploy("k-next", "shop")).get();
    return fx.risk.last().recentChanges();
  }

  @Test
  @DisplayName("the ITSM record follows the review to Closed with the review's close code")
  void reviewIsMirrored() {
    ChangeId id = deployedEmergency("k-1");
    assertThat(inTool(id).state()).isEqualTo(ChangeState.REVIEW);

    gate.closeRetrospective(id, CAROL, CloseCode.UNSUCCESSFUL, "rolled back by hand").get();

    assertThat(inTool(id).state()).isEqualTo(ChangeState.CLOSED);
    assertThat(inTool(id).closeCode()).contains(CloseCode.UNSUCCESSFUL);
    assertThat(gate.change(id).orElseThrow().sync()).isEqualTo(TrackedChange.Sync.SYNCED);
  }

  @Test
  @DisplayName("an emergency change the review closes unsuccessful counts as a failed change of its service")
  void unsuccessfulReviewCountsAsFailed() {
    ChangeId id = deployedEmergency("k-1");
    gate.closeRetrospective(id, CAROL, CloseCode.UNSUCCESSFUL, "rolled back by hand").get();

    RiskContext.RecentChanges history = nextChangeHistory();
    assertThat(history.total()).isEqualTo(1);
    assertThat(history.failed()).isEqualTo(1);
  }

  @Test
  @DisplayName("one the review closes successful counts as a change that did not fail")
  void successfulReviewCountsAsNotFailed() {
    ChangeId id = deployedEmergency("k-1");
    gate.closeRetrospective(id, CAROL, CloseCode.SUCCESSFUL, "fine").get();

    RiskContext.RecentChanges history = nextChangeHistory();
    assertThat(history.total()).isEqualTo(1);
    assertThat(history.failed()).isZero();
  }

  @Test
  @DisplayName("one that caused an incident before its review counts as failed, whatever the review says")
  void causedIncidentCountsAsFailed() {
    ChangeId id = deployedEmergency("k-1");
    gate.incidentCaused(id, IncidentId.of("INC-1"), CAROL).get();
    gate.closeRetrospective(id, CAROL, CloseCode.SUCCESSFUL_WITH_ISSUES, "paged twice").get();

    RiskContext.RecentChanges history = nextChangeHistory();
    assertThat(history.total()).isEqualTo(1);
    assertThat(history.failed()).isEqualTo(1);
  }

  @Test
  @DisplayName("before its review an emergency change is not in the history yet")
  void unreviewedIsNotCounted() {
    deployedEmergency("k-1");
    assertThat(nextChangeHistory().total()).isZero();
  }
}
