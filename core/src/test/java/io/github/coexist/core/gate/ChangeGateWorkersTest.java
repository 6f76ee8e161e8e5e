package io.github.coexist.core.gate;

import static io.github.coexist.core.gate.Blocking.GUARD_SECONDS;
import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.kernel.ChangeId;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The gate delivering on workers: a hanging ITSM tool holds up neither the caller, nor the
 * pipeline's answer, nor the next change; what it owed is delivered once, when it comes back.
 */
class ChangeGateWorkersTest {
  private final GateFixture fx = new GateFixture();
  private final Blocking.Records itsm = new Blocking.Records(fx.records);
  private final Blocking.Replies pipeline = new Blocking.Replies(fx.replies);
  private final ExecutorService itsmWorkers = Executors.newFixedThreadPool(2);
  private final ExecutorService replyWorkers = Executors.newFixedThreadPool(2);
  private final ChangeGate gate = fx.builder(itsm, pipeline)
      .deliverRecordsOn(itsmWorkers).deliverRepliesOn(replyWorkers).build();

  @AfterEach
  void stopWorkers() {
    itsm.release.countDown();
    itsmWorkers.shutdownNow();
    replyWorkers.shutdownNow();
  }

  @Test
  @DisplayName("answers the pipeline and decides the next change while the ITSM tool hangs")
  void hangingItsmHoldsUpNothing() throws Exception {
    GateDecision first = decideOffThread("k-1");
    assertThat(itsm.entered.await(GUARD_SECONDS, TimeUnit.SECONDS)).as("the ITSM write began").isTrue();

    GateReply reply = pipeline.next();
    GateDecision second = decideOffThread("k-2");
    GateReply secondReply = pipeline.next();

    assertThat(first.decision().outcome()).isEqualTo(Decision.Outcome.APPROVED);
    assertThat(reply.change()).isEqualTo(first.change().id());
    assertThat(reply.outcome()).isEqualTo(Decision.Outcome.APPROVED);
    assertThat(reply.externalKey()).as("the reply did not wait for the ITSM record").isEmpty();
    assertThat(secondReply.change()).isEqualTo(second.change().id());
    assertThat(itsm.ensures).as("no ITSM record could be created yet").hasValue(0);
    assertThat(gate.change(first.change().id()).orElseThrow().sync()).isEqualTo(TrackedChange.Sync.PENDING);
  }

  @Test
  @DisplayName("creates every owed ITSM record exactly once when the tool comes back, in step with the change")
  void deliversOnceWhenBack() throws Exception {
    fx.level("shop", RiskLevel.HIGH);
    GateDecision pending = decideOffThread("k-1");
    itsm.entered.await(GUARD_SECONDS, TimeUnit.SECONDS);
    // The change moves again while its first write hangs: the moves fold into one more pass.
    Either<CoexistError, GateDecision> vote = gate.approve(pending.change().id(), GateFixture.BOB, "ok");
    assertThat(vote.isRight()).isTrue();
    gate.tick();
    gate.tick();

    itsm.release.countDown();
    TrackedChange synced = awaitSynced(pending);

    assertThat(itsm.ensures).hasValue(1);
    assertThat(itsm.mostAtOnce).as("writes of one change at once").hasValue(1);
    assertThat(fx.records.size()).isEqualTo(1);
    assertThat(fx.records.read(synced.change().externalKey().orElseThrow()).get().state())
        .isEqualTo(synced.change().state());
  }

  @Test
  @DisplayName("under concurrent moves and ticks, writes each change's record once, one write at a time")
  void concurrentMovesNeverOverlap() throws Exception {
    itsm.release.countDown();
    fx.level("shop", RiskLevel.HIGH);
    ExecutorService callers = Executors.newFixedThreadPool(6);
    try {
      List<CompletableFuture<?>> calls = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        int n = i;
        calls.add(CompletableFuture.runAsync(() -> {
          GateDecision d = gate.decide(deploy("k-" + n % 15, "shop")).get();
          gate.approve(d.change().id(), n % 2 == 0 ? GateFixture.BOB : GateFixture.CAROL, "ok");
          if (n % 10 == 0) {
            gate.tick();
          }
        }, callers));
      }
      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).orTimeout(GUARD_SECONDS, TimeUnit.SECONDS).join();
    } finally {
      callers.shutdownNow();
    }
    List<TrackedChange> changes = gate.changes();
    for (TrackedChange t : changes) {
      TrackedChange synced = awaitSynced(t.change().id());
      assertThat(fx.records.read(synced.change().externalKey().orElseThrow()).get().state())
          .isEqualTo(synced.change().state());
      assertThat(fx.replies.finalReply(t.change().id())).isPresent();
    }
    assertThat(changes).hasSize(15);
    assertThat(itsm.mostAtOnce).as("writes of one change at once").hasValue(1);
    assertThat(itsm.ensures).as("ITSM records created").hasValue(15);
    assertThat(fx.records.size()).isEqualTo(15);
  }

  private GateDecision decideOffThread(String key) {
    // On another thread with a guard, so a decision that waits on the tool fails instead of hanging the build.
    return CompletableFuture.supplyAsync(() -> gate.decide(deploy(key, "shop")).get())
        .orTimeout(GUARD_SECONDS, TimeUnit.SECONDS).join();
  }

  private TrackedChange awaitSynced(GateDecision d) throws InterruptedException {
    return awaitSynced(d.change().id());
  }

  private TrackedChange awaitSynced(ChangeId id) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
    while (System.nanoTime() < deadline) {
      TrackedChange t = gate.change(id).orElseThrow();
      if (t.sync() == TrackedChange.Sync.SYNCED && !t.replyPending()) {
        return t;
      }
      gate.tick();
      Thread.sleep(10);
    }
    throw new AssertionError("change " + id + " still owes writes after " + GUARD_SECONDS + " s");
  }
}
