package io.github.coexist.core.gate;

import static io.github.coexist.core.gate.GateFixture.BOB;
import static io.github.coexist.core.gate.GateFixture.CAROL;
import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coexist.core.calendar.WindowOccurrence;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.GateReplies;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.change.RecordedChange;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.risk.RiskContext;
import io.github.coexist.core.risk.RiskLevel;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The gate's durable state: what its keeper is handed, and a gate restored from it going on. */
class ChangeGateRestoreTest {
  private final GateFixture fx = new GateFixture();
  private final Flaky.Records records = new Flaky.Records(fx.records);
  private final Flaky.Replies replies = new Flaky.Replies(fx.replies);
  /** Every record the gate handed its keeper, in order. */
  private final List<GateRecord> kept = new ArrayList<>();
  private final ChangeGate gate = keeping(records, replies);

  private ChangeGate keeping(ChangeRecords changeRecords, GateReplies gateReplies) {
    return fx.builder(changeRecords, gateReplies).keeper(kept::add).build();
  }

  /** A new process on the same tools: a fresh gate restored from the latest record of each change. */
  private ChangeGate restarted() {
    ChangeGate restored = fx.gate(fx.records, fx.replies);
    restored.restore(latest(kept));
    return restored;
  }

  private static List<GateRecord> latest(List<GateRecord> records) {
    Map<ChangeId, GateRecord> latest = new LinkedHashMap<>();
    records.forEach(r -> latest.put(r.change().id(), r));
    return List.copyOf(latest.values());
  }

  private GateDecision pendingOnCab(String key) {
    fx.level("shop", RiskLevel.HIGH);
    return gate.decide(deploy(key, "shop")).get();
  }

  @Nested
  @DisplayName("the keeper")
  class Keeper {
    @Test
    @DisplayName("sees the writes a decision owes before they are delivered, then sees them delivered")
    void owedFirst() {
      List<Integer> recordsWhenKept = new ArrayList<>();
      List<Integer> repliesWhenKept = new ArrayList<>();
      ChangeGate watched = fx.builder(fx.records, fx.replies).keeper(r -> {
        kept.add(r);
        recordsWhenKept.add(fx.records.size());
        repliesWhenKept.add(fx.replies.replies().size());
      }).build();

      GateDecision d = watched.decide(deploy("k-1", "shop")).get();

      assertThat(kept).hasSize(2);
      GateRecord owed = kept.get(0);
      assertThat(owed.sync()).isEqualTo(TrackedChange.Sync.PENDING);
      assertThat(owed.change().externalKey()).isEmpty();
      assertThat(owed.pendingReply()).hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo(Decision.Outcome.APPROVED));
      assertThat(recordsWhenKept.get(0)).as("no ITSM record before the owed state was kept").isZero();
      assertThat(repliesWhenKept.get(0)).as("no reply before the owed state was kept").isZero();
      GateRecord delivered = kept.get(1);
      assertThat(delivered.sync()).isEqualTo(TrackedChange.Sync.SYNCED);
      assertThat(delivered.pendingReply()).isEmpty();
      assertThat(delivered.change().externalKey()).isEqualTo(d.change().externalKey()).isPresent();
      assertThat(fx.replies.finalReply(d.change().id()).orElseThrow().externalKey()).isEqualTo(d.change().externalKey());
    }

    @Test
    @DisplayName("sees a write a tool did not take still owed, with the error logged, until a tick delivers it")
    void stillOwed() {
      records.failWith(new CoexistError.Unavailable("503"));
      GateDecision d = gate.decide(deploy("k-1", "shop")).get();
      assertThat(kept).last().satisfies(r -> assertThat(r.sync()).isEqualTo(TrackedChange.Sync.PENDING));
      records.recover();
      gate.tick();
      assertThat(kept).last().satisfies(r -> {
        assertThat(r.sync()).isEqualTo(TrackedChange.Sync.SYNCED);
        assertThat(r.change().externalKey()).isPresent();
      });
      assertThat(gate.change(d.change().id()).orElseThrow().change().externalKey()).isPresent();
    }

    @Test
    @DisplayName("sees a new pipeline deadline given by a re-run, which moves nothing else")
    void newDeadline() {
      GateDecision d = pendingOnCab("k-1");
      PipelineDeadline deadline = PipelineDeadline.rejectAt(fx.now().plus(Duration.ofHours(1)));
      int before = kept.size();
      gate.decide(d.change().request(), deadline).get();
      assertThat(kept).hasSize(before + 1);
      assertThat(kept).last().satisfies(r -> assertThat(r.deadline()).contains(deadline));
      assertThat(fx.heard).as("the listener hears moves only").hasSize(before);
    }
  }

  @Nested
  @DisplayName("a restored gate")
  class Restored {
    @Test
    @DisplayName("takes the second vote a CAB change waited for, approves it and answers the pipeline")
    void secondVote() {
      GateDecision d = pendingOnCab("k-1");
      gate.approve(d.change().id(), BOB, "").get();

      ChangeGate restored = restarted();

      assertThat(restored.change(d.change().id()).orElseThrow().approvals().orElseThrow().waitingFor())
          .isEqualTo("1 of 2 cab approvals");
      GateDecision approved = restored.approve(d.change().id(), CAROL, "").get();
      assertThat(approved.outcome()).isEqualTo(Decision.Outcome.APPROVED);
      assertThat(approved.change().state()).isEqualTo(ChangeState.SCHEDULED);
      assertThat(approved.decision().decidedBy()).isEqualTo(new Actor(Actor.Kind.GROUP, "cab"));
      assertThat(fx.replies.finalReply(d.change().id()).orElseThrow().outcome()).isEqualTo(Decision.Outcome.APPROVED);
      assertThat(fx.records.read(approved.change().externalKey().orElseThrow()).get().state())
          .isEqualTo(ChangeState.SCHEDULED);
      assertThat(restored.tick().stillWaiting()).isZero();
    }

    @Test
    @DisplayName("delivers on its next tick the ITSM record and the reply that tools down before the restart did not take")
    void owedAcrossRestart() {
      records.failWith(new CoexistError.Unavailable("503"));
      replies.failure.set(new CoexistError.RateLimited(Optional.empty(), "429"));
      GateDecision d = gate.decide(deploy("k-1", "shop")).get();
      assertThat(fx.records.size()).isZero();
      assertThat(fx.replies.replies()).isEmpty();

      ChangeGate restored = restarted();
      TrackedChange owed = restored.change(d.change().id()).orElseThrow();
      assertThat(owed.sync()).isEqualTo(TrackedChange.Sync.PENDING);
      assertThat(owed.replyPending()).isTrue();

      assertThat(restored.tick().retried()).isEqualTo(1);
      TrackedChange delivered = restored.change(d.change().id()).orElseThrow();
      assertThat(delivered.sync()).isEqualTo(TrackedChange.Sync.SYNCED);
      assertThat(delivered.replyPending()).isFalse();
      ExternalKey key = delivered.change().externalKey().orElseThrow();
      assertThat(fx.records.read(key).get().state()).isEqualTo(ChangeState.SCHEDULED);
      assertThat(restored.byExternalKey(key)).contains(delivered);
      GateReply reply = fx.replies.finalReply(d.change().id()).orElseThrow();
      assertThat(reply.outcome()).isEqualTo(Decision.Outcome.APPROVED);
      assertThat(reply.externalKey()).as("the reply names the record made since").contains(key);
      assertThat(reply.comment()).startsWith(key.display() + " (change " + d.change().id() + ") approved");
    }

    @Test
    @DisplayName("delivers again what a crash interrupted, without a second ITSM record")
    void crashBetweenOwedAndDelivered() {
      GateDecision d = gate.decide(deploy("k-1", "shop")).get();
      GateRecord owed = kept.get(0);
      assertThat(owed.sync()).isEqualTo(TrackedChange.Sync.PENDING);

      // The process died after committing the owed state, before committing what delivery settled.
      ChangeGate restored = fx.gate(fx.records, fx.replies);
      restored.restore(List.of(owed));
      restored.tick();

      assertThat(fx.records.size()).isEqualTo(1);
      TrackedChange again = restored.change(d.change().id()).orElseThrow();
      assertThat(again.sync()).isEqualTo(TrackedChange.Sync.SYNCED);
      assertThat(again.change().externalKey()).isEqualTo(d.change().externalKey());
      // The pipeline takes the same answer again as the one it has (a different one would be a conflict).
      assertThat(again.problem()).isEmpty();
      assertThat(again.replyPending()).isFalse();
      assertThat(fx.replies.repliesFor(d.change().id())).singleElement()
          .satisfies(r -> assertThat(r.outcome()).isEqualTo(Decision.Outcome.APPROVED));
    }

    @Test
    @DisplayName("lifts a freeze hold at the freeze's end, approved by the quorum that approved it before the hold")
    void freezeHold() {
      GateDecision d = pendingOnCab("k-1");
      WindowOccurrence freeze = fx.freeze("incident-freeze", Duration.ofHours(1));
      gate.approve(d.change().id(), BOB, "").get();
      assertThat(gate.approve(d.change().id(), CAROL, "").get().outcome()).isEqualTo(Decision.Outcome.PENDING);

      ChangeGate restored = restarted();
      fx.clock.set(freeze.end().minusSeconds(1));
      assertThat(restored.tick().resumed()).isZero();
      fx.clock.set(freeze.end());
      assertThat(restored.tick().resumed()).isEqualTo(1);

      Change lifted = restored.change(d.change().id()).orElseThrow().change();
      assertThat(lifted.state()).isEqualTo(ChangeState.SCHEDULED);
      assertThat(lifted.decision().decidedBy()).isEqualTo(new Actor(Actor.Kind.GROUP, "cab"));
      assertThat(lifted.decision().reasons()).last().asString().isEqualTo("the freeze 'incident-freeze' ended");
    }

    @Test
    @DisplayName("answers a redelivered request with the change it restored, creating nothing")
    void redelivery() {
      GateDecision first = gate.decide(deploy("k-1", "shop")).get();

      ChangeGate restored = restarted();
      GateDecision again = restored.decide(deploy("k-1", "shop")).get();

      assertThat(again.created()).isFalse();
      assertThat(again.change()).isEqualTo(restored.change(first.change().id()).orElseThrow().change());
      assertThat(again.change().id()).isEqualTo(first.change().id());
      assertThat(restored.byKey(IdempotencyKey.of("k-1")).orElseThrow().change().id()).isEqualTo(first.change().id());
      assertThat(fx.records.size()).isEqualTo(1);
      assertThat(restored.decide(deploy("k-1", "db")).getLeft()).isInstanceOf(CoexistError.Conflict.class);
    }

    @Test
    @DisplayName("numbers new changes above the highest number it restored")
    void idsContinue() {
      gate.decide(deploy("k-1", "shop")).get();
      gate.decide(deploy("k-2", "shop")).get();
      gate.decide(deploy("k-3", "db")).get();

      ChangeGate restored = fx.gate(fx.records, fx.replies);
      restored.restore(latest(kept).subList(1, 3));
      assertThat(restored.decide(deploy("k-4", "shop")).get().change().id()).isEqualTo(ChangeId.of("ch-00000004"));
    }

    @Test
    @DisplayName("counts the failures it restored in the service's recent history, and what overlapped stays overlapping")
    void historyAndOverlaps() {
      GateDecision failed = gate.decide(deploy("k-1", "shop")).get();
      gate.deploymentFinished(failed.change().id(), false, fx.now()).get();
      GateDecision planned = gate.decide(deploy("k-2", "shop").plannedStart(fx.now().plus(Duration.ofHours(1)))).get();

      ChangeGate restored = restarted();
      GateDecision next = restored.decide(deploy("k-3", "shop").plannedStart(fx.now().plus(Duration.ofHours(1)))).get();

      assertThat(fx.risk.last().recentChanges().total()).isEqualTo(1);
      assertThat(fx.risk.last().recentChanges().failed()).isEqualTo(1);
      assertThat(next.conflicts().count()).isEqualTo(1);
      assertThat(next.conflicts().nearest()).extracting(RiskContext.Overlap::changeId)
          .containsExactly(planned.change().id().value());
    }

    @Test
    @DisplayName("takes a later record of a change it tracks in place of the earlier, as a standby catching up")
    void catchUp() {
      GateDecision d = pendingOnCab("k-1");
      ChangeGate standby = fx.gate(fx.records, fx.replies);
      standby.restore(latest(kept));
      gate.approve(d.change().id(), BOB, "").get();
      gate.approve(d.change().id(), CAROL, "").get();

      standby.restore(latest(kept));

      assertThat(standby.changes()).isEqualTo(gate.changes());
      assertThat(standby.tick().stillWaiting()).as("no longer waiting for a decision").isZero();
    }
  }

  @Nested
  @DisplayName("numbers and delivery")
  class NumbersAndDelivery {
    @Test
    @DisplayName("take change numbers from the number source, skipping one a restored change holds")
    void numberSource() {
      gate.decide(deploy("k-1", "shop")).get();
      AtomicLong next = new AtomicLong();
      ChangeGate numbered = fx.builder(fx.records, fx.replies).numbers(next::incrementAndGet).build();
      numbered.restore(latest(kept));
      assertThat(numbered.decide(deploy("k-2", "shop")).get().change().id()).isEqualTo(ChangeId.of("ch-00000002"));
      next.set(41);
      assertThat(numbered.decide(deploy("k-3", "shop")).get().change().id()).isEqualTo(ChangeId.of("ch-00000042"));
    }

    @Test
    @DisplayName("refuse a number source that only gives numbers changes hold, rather than loop")
    void repeatingSource() {
      gate.decide(deploy("k-1", "shop")).get();
      ChangeGate broken = fx.builder(fx.records, fx.replies).numbers(() -> 1).build();
      broken.restore(latest(kept));
      assertThatThrownBy(() -> broken.decide(deploy("k-2", "shop")))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not give fresh numbers");
    }

    @Test
    @DisplayName("write the ITSM tool without holding the change: a redelivered request is answered meanwhile")
    void remoteCallsOutsideTheLock() {
      List<Either<CoexistError, GateDecision>> answeredMeanwhile = new ArrayList<>();
      Flaky.Records slow = new Flaky.Records(fx.records);
      ChangeGate watched = fx.gate(slow, fx.replies);
      slow.beforeUpdate.set(() -> {
        if (answeredMeanwhile.isEmpty()) {
          // On another thread: it would wait for the change's lock if the ITSM call held it.
          answeredMeanwhile.add(CompletableFuture.supplyAsync(() -> watched.decide(deploy("k-1", "shop")))
              .orTimeout(10, TimeUnit.SECONDS).join());
        }
      });

      GateDecision d = watched.decide(deploy("k-1", "shop")).get();

      assertThat(answeredMeanwhile).singleElement().satisfies(a -> {
        assertThat(a.get().created()).isFalse();
        assertThat(a.get().change().id()).isEqualTo(d.change().id());
      });
      assertThat(d.change().externalKey()).isPresent();
    }
  }
}
