package io.github.coexist.core.gate;

import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.RecordedChange;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Updating a record the ITSM tool already holds can fail too: the change is synced only when the
 * tool took the update and holds the state it was moved to.
 */
class ExistingRecordSyncTest {
  private final GateFixture fx = new GateFixture();
  private final Flaky.Records flaky = new Flaky.Records(fx.records);
  private final ChangeGate gate = fx.gate(flaky, fx.replies);

  /** A change the tool holds, in Scheduled. */
  private ChangeId synced() {
    ChangeId id = gate.decide(deploy("k-1", "shop")).get().change().id();
    assertThat(gate.change(id).orElseThrow().sync()).isEqualTo(TrackedChange.Sync.SYNCED);
    return id;
  }

  private ChangeState inTool(ChangeId id) {
    return fx.records.read(gate.change(id).orElseThrow().change().externalKey().orElseThrow()).get().state();
  }

  @Test
  @DisplayName("an update the tool refuses leaves the change failed, with the tool's reason, not synced")
  void refusedUpdate() {
    ChangeId id = synced();
    flaky.failWith(new CoexistError.Forbidden("no ACL on change_request"));
    gate.deploymentStarted(id, fx.now()).get();

    TrackedChange tracked = gate.change(id).orElseThrow();
    assertThat(tracked.sync()).isEqualTo(TrackedChange.Sync.FAILED);
    assertThat(tracked.problem()).hasValueSatisfying(p -> assertThat(p).contains("no ACL on change_request"));
    assertThat(inTool(id)).isEqualTo(ChangeState.SCHEDULED);
  }

  @Test
  @DisplayName("an update the tool could not take now stays pending and goes out on the next tick")
  void unavailableUpdate() {
    ChangeId id = synced();
    flaky.failWith(new CoexistError.Unavailable("503"));
    gate.deploymentStarted(id, fx.now()).get();
    assertThat(gate.change(id).orElseThrow().sync()).isEqualTo(TrackedChange.Sync.PENDING);
    assertThat(inTool(id)).isEqualTo(ChangeState.SCHEDULED);

    flaky.recover();
    assertThat(gate.tick().retried()).isEqualTo(1);
    assertThat(gate.change(id).orElseThrow().sync()).isEqualTo(TrackedChange.Sync.SYNCED);
    assertThat(inTool(id)).isEqualTo(ChangeState.IMPLEMENT);
  }

  @Test
  @DisplayName("an update the tool answers while keeping another state is a failure naming both states")
  void toolKeepsAnotherState() {
    ChangeRecords stubborn = new ChangeRecords() {
      @Override
      public String system() {
        return fx.records.system();
      }

      @Override
      public Either<CoexistError, ExternalKey> ensure(Change change) {
        return fx.records.ensure(change);
      }

      @Override
      public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
        return fx.records.find(key);
      }

      /** Takes the update but keeps the record in Scheduled, as a tool's business rule might. */
      @Override
      public Either<CoexistError, RecordedChange> update(ExternalKey key, Change change) {
        return fx.records.update(key, change).map(r -> change.state() == ChangeState.IMPLEMENT
            ? new RecordedChange(r.key(), ChangeState.SCHEDULED, r.approval(), r.riskLevel(), r.closeCode()) : r);
      }

      @Override
      public Either<CoexistError, RecordedChange> read(ExternalKey key) {
        return fx.records.read(key);
      }
    };
    ChangeGate g = fx.gate(stubborn, fx.replies);
    ChangeId id = g.decide(deploy("k-1", "shop")).get().change().id();
    g.deploymentStarted(id, fx.now()).get();

    TrackedChange tracked = g.change(id).orElseThrow();
    assertThat(tracked.sync()).isEqualTo(TrackedChange.Sync.FAILED);
    assertThat(tracked.problem()).hasValueSatisfying(p -> assertThat(p)
        .contains("in state SCHEDULED after it was moved to IMPLEMENT"));
  }
}
