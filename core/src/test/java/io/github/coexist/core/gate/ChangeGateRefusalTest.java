package io.github.coexist.core.gate;

import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.change.RecordedChange;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.risk.RiskLevel;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every refusal by the ITSM tool reaches a person; waiting changes are read back in one batch per tick. */
class ChangeGateRefusalTest {
  private static final String NO_GROUP = "ServiceNow has no assignment group named 'unassigned' in sys_user_group";
  private final GateFixture fx = new GateFixture();

  @Nested
  @DisplayName("a change the ITSM tool refuses to record for good")
  class Refused {
    private final Flaky.Records refusing = new Flaky.Records(fx.records).failWith(CoexistError.invalid(NO_GROUP));
    private final ChangeGate gate = fx.gate(refusing, fx.replies);

    @Test
    @DisplayName("is rejected at once with the tool's reason, never reported as waiting for an approval")
    void pendingRejected() {
      fx.level("shop", RiskLevel.MODERATE);
      GateDecision d = gate.decide(deploy("k-1", "shop")).get();

      TrackedChange tracked = gate.change(d.change().id()).orElseThrow();
      assertThat(tracked.change().decision().outcome()).isEqualTo(Decision.Outcome.REJECTED);
      assertThat(tracked.change().state()).isEqualTo(ChangeState.CANCELED);
      assertThat(tracked.change().decision().decidedBy()).isEqualTo(Actor.system("memory"));
      assertThat(tracked.change().decision().reasons()).last().asString()
          .contains("memory refused the change's record").contains(NO_GROUP).contains("re-run");
      assertThat(tracked.sync()).isEqualTo(TrackedChange.Sync.FAILED);
      assertThat(tracked.replyPending()).isFalse();
      List<GateReply> replies = fx.replies.repliesFor(d.change().id());
      assertThat(replies).extracting(GateReply::outcome).containsExactly(Decision.Outcome.REJECTED);
      assertThat(replies.get(0).comment()).contains("rejected by memory").contains(NO_GROUP)
          .doesNotContain("waiting for");
      assertThat(refusing.failedCalls).hasValue(1);
    }

    @Test
    @DisplayName("on workers too: the pipeline hears the rejection with the tool's reason without waiting for a tick")
    void onWorkers() {
      java.util.concurrent.ExecutorService itsm = java.util.concurrent.Executors.newSingleThreadExecutor();
      java.util.concurrent.ExecutorService pipeline = java.util.concurrent.Executors.newSingleThreadExecutor();
      // The ITSM tool answers only after the pipeline heard the first reply: the refusal comes last.
      java.util.concurrent.Executor slowItsm = task -> itsm.execute(() -> {
        for (int i = 0; i < 500 && fx.replies.replies().isEmpty(); i++) {
          sleep();
        }
        task.run();
      });
      try {
        ChangeGate onWorkers = fx.builder(refusing, fx.replies).deliverRecordsOn(slowItsm).deliverRepliesOn(pipeline)
            .build();
        fx.level("shop", RiskLevel.MODERATE);
        GateDecision d = onWorkers.decide(deploy("k-1", "shop")).get();

        for (int i = 0; i < 500 && fx.replies.repliesFor(d.change().id()).stream()
            .noneMatch(r -> r.outcome() == Decision.Outcome.REJECTED); i++) {
          sleep();
        }
        List<GateReply> replies = fx.replies.repliesFor(d.change().id());
        assertThat(replies).extracting(GateReply::outcome).first().isEqualTo(Decision.Outcome.PENDING);
        assertThat(replies).extracting(GateReply::outcome).last().isEqualTo(Decision.Outcome.REJECTED);
        assertThat(replies).last().extracting(GateReply::comment).asString().contains(NO_GROUP);
        assertThat(onWorkers.change(d.change().id()).orElseThrow().change().decision().outcome())
            .isEqualTo(Decision.Outcome.REJECTED);
      } finally {
        itsm.shutdownNow();
        pipeline.shutdownNow();
      }
    }

    @Test
    @DisplayName("leaves an audit entry naming the tool and its reason")
    void audited() {
      fx.level("shop", RiskLevel.MODERATE);
      GateDecision d = gate.decide(deploy("k-1", "shop")).get();

      List<AuditEntry> transitions = fx.auditOf(d.change().id().value(), "change.transitioned");
      assertThat(transitions).last().satisfies(e -> {
        assertThat(e.actor()).isEqualTo(Actor.system("memory"));
        assertThat(e.inputMap().values()).anySatisfy(v -> assertThat(v).contains(NO_GROUP));
      });
    }

    @Test
    @DisplayName("is not asked again on the tick, nor read back")
    void notRetried() {
      fx.level("shop", RiskLevel.MODERATE);
      gate.decide(deploy("k-1", "shop")).get();

      GateTick tick = gate.tick();

      assertThat(tick.stillWaiting()).isZero();
      assertThat(refusing.failedCalls).hasValue(1);
    }

    @Test
    @DisplayName("already approved by policy, keeps its approval and says on its reply that the tool refused the record")
    void approvedKeepsDecision() {
      GateDecision d = gate.decide(deploy("k-1", "shop")).get();

      TrackedChange tracked = gate.change(d.change().id()).orElseThrow();
      assertThat(tracked.change().decision().outcome()).isEqualTo(Decision.Outcome.APPROVED);
      assertThat(tracked.problem()).hasValueSatisfying(p -> assertThat(p).contains(NO_GROUP));
      List<GateReply> replies = fx.replies.repliesFor(d.change().id());
      assertThat(replies).hasSize(1);
      assertThat(replies.get(0).comment()).contains("approved")
          .contains("The ITSM tool refused the change's record: memory: ").contains(NO_GROUP);
    }
  }

  @Test
  @DisplayName("a change the tool cannot take for now keeps waiting for its approval, and is recorded once it can")
  void transientKeepsWaiting() {
    Flaky.Records down = new Flaky.Records(fx.records).failWith(new CoexistError.Unavailable("503"));
    ChangeGate gate = fx.gate(down, fx.replies);
    fx.level("shop", RiskLevel.MODERATE);
    GateDecision d = gate.decide(deploy("k-1", "shop")).get();

    assertThat(gate.change(d.change().id()).orElseThrow().change().decision().isPending()).isTrue();
    assertThat(fx.replies.repliesFor(d.change().id())).extracting(GateReply::outcome)
        .containsExactly(Decision.Outcome.PENDING);
    down.recover();
    gate.tick();
    assertThat(gate.change(d.change().id()).orElseThrow().sync()).isEqualTo(TrackedChange.Sync.SYNCED);
  }

  @Test
  @DisplayName("the same cause is reported once, another cause again")
  void causesReportedOnce() {
    ReportedCauses causes = new ReportedCauses();
    assertThat(causes.first("servicenow", CoexistError.invalid(NO_GROUP))).isTrue();
    assertThat(causes.first("servicenow", CoexistError.invalid(NO_GROUP))).isFalse();
    assertThat(causes.first("jira", CoexistError.invalid(NO_GROUP))).isTrue();
    assertThat(causes.first("servicenow", new CoexistError.Forbidden(NO_GROUP))).isTrue();
  }

  @Test
  @DisplayName("a comment quotes the tool's reason on one line, short, with credentials it echoes masked")
  void excerpt() {
    String reason = "401 for user ops\n with password=hunter2 and Authorization: Bearer abc.def " + "x".repeat(400);
    String quoted = Comments.excerpt(reason);
    assertThat(quoted).doesNotContain("hunter2").doesNotContain("abc.def").doesNotContain("\n")
        .startsWith("401 for user ops with password=***");
    assertThat(quoted).hasSize(Comments.MAX_EXCERPT);
  }

  @Nested
  @DisplayName("on every tick, the changes waiting for the tool")
  class BatchedReadBack {
    private final Counting counting = new Counting(fx.records);
    private final ChangeGate gate = fx.gate(counting, fx.replies);

    @Test
    @DisplayName("are read back in one batch, not one by one")
    void oneBatch() {
      fx.level("shop", RiskLevel.MODERATE);
      List<GateDecision> waiting = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        waiting.add(gate.decide(deploy("k-" + i, "shop")).get());
      }
      ExternalKey approved = gate.change(waiting.get(2).change().id()).orElseThrow().change().externalKey().orElseThrow();
      fx.records.setApproval(approved, ApprovalStatus.APPROVED);
      counting.reads.set(0);

      GateTick tick = gate.tick();

      assertThat(counting.batches).containsExactly(5);
      assertThat(counting.reads).hasValue(0);
      assertThat(tick.decidedInTool()).isEqualTo(1);
      assertThat(tick.stillWaiting()).isEqualTo(4);
    }

    @Test
    @DisplayName("that the tool no longer holds stay waiting")
    void missingRecord() {
      fx.level("shop", RiskLevel.MODERATE);
      GateDecision d = gate.decide(deploy("k-1", "shop")).get();
      counting.hide = true;

      GateTick tick = gate.tick();

      assertThat(tick.stillWaiting()).isEqualTo(1);
      assertThat(gate.change(d.change().id()).orElseThrow().change().decision().isPending()).isTrue();
    }
  }

  /** Records that count single reads and batches; {@link #hide} leaves every record out of a batch. */
  static final class Counting implements ChangeRecords {
    final ChangeRecords delegate;
    final AtomicInteger reads = new AtomicInteger();
    final List<Integer> batches = new ArrayList<>();
    volatile boolean hide;

    Counting(ChangeRecords delegate) {
      this.delegate = delegate;
    }

    @Override
    public String system() {
      return delegate.system();
    }

    @Override
    public Either<CoexistError, ExternalKey> ensure(io.github.coexist.core.change.Change change) {
      return delegate.ensure(change);
    }

    @Override
    public Either<CoexistError, java.util.Optional<ExternalKey>> find(io.github.coexist.core.kernel.IdempotencyKey key) {
      return delegate.find(key);
    }

    @Override
    public Either<CoexistError, RecordedChange> update(ExternalKey key, io.github.coexist.core.change.Change change) {
      return delegate.update(key, change);
    }

    @Override
    public Either<CoexistError, RecordedChange> read(ExternalKey key) {
      reads.incrementAndGet();
      return delegate.read(key);
    }

    @Override
    public synchronized Either<CoexistError, Map<ExternalKey, RecordedChange>> readAll(Collection<ExternalKey> keys) {
      batches.add(keys.size());
      return hide ? Either.right(Map.of()) : delegate.readAll(keys);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
