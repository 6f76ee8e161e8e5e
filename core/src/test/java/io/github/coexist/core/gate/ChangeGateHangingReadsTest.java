package io.github.coexist.core.gate;

import static io.github.coexist.core.gate.Blocking.GUARD_SECONDS;
import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.testing.ForwardingChangeRecords;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.RecordedChange;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceDirectory;
import io.github.coexist.core.service.ServiceGraph;
import io.github.coexist.core.service.ServiceId;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ITSM tool's reads on its workers (issue 15): with the tool's approval read-back and its
 * CMDB hanging, neither a tick nor a decision waits for them; once the tool answers, the approval
 * it holds decides the change and the pipeline hears it.
 */
class ChangeGateHangingReadsTest {
  /** A tick or a decision that does not wait on the tool returns well within this. */
  private static final long AT_ONCE_SECONDS = 2;

  private final GateFixture fx = new GateFixture();
  private final Hanging hanging = new Hanging();
  private final HangingReads itsm = new HangingReads(fx.records, hanging);
  private final HangingDirectory directory = new HangingDirectory(fx.directory, hanging);
  private final ExecutorService itsmWorkers = Executors.newFixedThreadPool(2);
  private final ExecutorService replyWorkers = Executors.newFixedThreadPool(2);
  private final ChangeGate gate = fx.builder(itsm, fx.replies).serviceDirectory(directory)
      .deliverRecordsOn(itsmWorkers).deliverRepliesOn(replyWorkers).build();

  @AfterEach
  void stopWorkers() {
    hanging.release();
    itsmWorkers.shutdownNow();
    replyWorkers.shutdownNow();
  }

  @Test
  @DisplayName("a tick returns at once while the read-back and the CMDB hang; the approval read afterwards decides")
  void tickDoesNotWaitForReads() throws Exception {
    fx.level("shop", RiskLevel.HIGH);
    GateDecision pending = gate.decide(deploy("k-1", "shop")).get();
    assertThat(pending.decision().outcome()).isEqualTo(Decision.Outcome.PENDING);
    ExternalKey key = awaitRecorded(pending);

    hanging.start();
    GateTick tick = CompletableFuture.supplyAsync(gate::tick).get(AT_ONCE_SECONDS, TimeUnit.SECONDS);
    assertThat(tick.stillWaiting()).isEqualTo(1);
    assertThat(hanging.calls.await(GUARD_SECONDS, TimeUnit.SECONDS)).as("the workers asked the tool").isTrue();

    fx.records.setApproval(key, ApprovalStatus.APPROVED);
    hanging.release();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
    while (fx.replies.finalReply(pending.change().id()).isEmpty() && System.nanoTime() < deadline) {
      gate.tick();
      Thread.sleep(20);
    }
    assertThat(gate.change(pending.change().id()).orElseThrow().change().decision().outcome())
        .isEqualTo(Decision.Outcome.APPROVED);
    assertThat(fx.replies.finalReply(pending.change().id()).orElseThrow().outcome())
        .isEqualTo(Decision.Outcome.APPROVED);
  }

  @Test
  @DisplayName("a decision made when the service graph is stale does not wait for the hanging CMDB")
  void decisionDoesNotWaitForTheCmdb() throws Exception {
    gate.decide(deploy("k-1", "shop")).get();
    fx.clock.advance(Duration.ofMinutes(2));

    hanging.start();
    GateDecision next = CompletableFuture.supplyAsync(() -> gate.decide(deploy("k-2", "shop")).get())
        .get(AT_ONCE_SECONDS, TimeUnit.SECONDS);

    assertThat(next.change().assignmentGroup().value()).as("decided with the graph read before").isEqualTo("web");
  }

  private ExternalKey awaitRecorded(GateDecision d) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
    while (System.nanoTime() < deadline) {
      Optional<ExternalKey> key = gate.change(d.change().id()).orElseThrow().change().externalKey();
      if (key.isPresent()) {
        return key.get();
      }
      Thread.sleep(10);
    }
    throw new AssertionError("change " + d.change().id() + " never recorded");
  }

  /** A tool that, once started, takes calls and answers none until released. */
  private static final class Hanging {
    private volatile boolean on;
    private final CountDownLatch released = new CountDownLatch(1);
    final CountDownLatch calls = new CountDownLatch(1);

    void start() {
      on = true;
    }

    void release() {
      released.countDown();
    }

    <T> Either<CoexistError, T> call(Supplier<Either<CoexistError, T>> call) {
      if (on) {
        calls.countDown();
        try {
          if (!released.await(GUARD_SECONDS, TimeUnit.SECONDS)) {
            return Either.left(new CoexistError.Unavailable("test tool never released"));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Either.left(new CoexistError.Unavailable("interrupted"));
        }
      }
      return call.get();
    }
  }

  /** Change records whose reads hang while the tool hangs; writes go through. */
  private static final class HangingReads extends ForwardingChangeRecords {
    private final Hanging hanging;
    final AtomicInteger reads = new AtomicInteger();

    HangingReads(ChangeRecords delegate, Hanging hanging) {
      super(delegate);
      this.hanging = hanging;
    }

    @Override
    public Either<CoexistError, RecordedChange> read(ExternalKey key) {
      return hanging.call(() -> delegate.read(key));
    }

    @Override
    public Either<CoexistError, Map<ExternalKey, RecordedChange>> readAll(Collection<ExternalKey> keys) {
      reads.incrementAndGet();
      return hanging.call(() -> delegate.readAll(keys));
    }
  }

  /** A service directory (a CMDB) that hangs while the tool hangs. */
  private static final class HangingDirectory implements ServiceDirectory {
    private final ServiceDirectory delegate;
    private final Hanging hanging;

    HangingDirectory(ServiceDirectory delegate, Hanging hanging) {
      this.delegate = delegate;
      this.hanging = hanging;
    }

    @Override
    public Either<CoexistError, Optional<Service>> find(ServiceId id) {
      return hanging.call(() -> delegate.find(id));
    }

    @Override
    public Either<CoexistError, Seq<Service>> all() {
      return hanging.call(delegate::all);
    }

    @Override
    public Either<CoexistError, ServiceGraph> graph() {
      return hanging.call(delegate::graph);
    }
  }
}
