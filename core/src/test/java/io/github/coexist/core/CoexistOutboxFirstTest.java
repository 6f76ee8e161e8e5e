package io.github.coexist.core;

import static io.github.coexist.core.testing.Requests.built;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.audit.AuditStore;
import io.github.coexist.core.change.InMemoryChangeRecords;
import io.github.coexist.core.change.InMemoryGateReplies;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.incident.InMemoryIncidentRecords;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.signal.SignalOutcome;
import io.github.coexist.core.store.Batch;
import io.github.coexist.core.store.InMemoryStateStore;
import io.github.coexist.core.store.Inbox;
import io.github.coexist.core.store.Lease;
import io.github.coexist.core.store.NumberBlock;
import io.github.coexist.core.store.StateStore;
import io.github.coexist.core.store.StoredState;
import io.github.coexist.core.testing.FakeRisk;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Outbox first: a write owed to a tool (the ITSM record, the pipeline's answer, an incident's
 * record) never goes out before the commit holding the state that owes it has ended. The store's
 * commit is latched: while it is held nothing reaches the tools, here or on workers; once it ends,
 * everything owed goes out.
 */
class CoexistOutboxFirstTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2025-03-04T10:00:00Z"));
  private final LatchedStore store = new LatchedStore(new InMemoryStateStore(clock));
  private final InMemoryChangeRecords itsm = new InMemoryChangeRecords();
  private final InMemoryIncidentRecords incidentsInItsm = new InMemoryIncidentRecords();
  private final InMemoryGateReplies pipeline = new InMemoryGateReplies();
  private final ExecutorService workers = Executors.newFixedThreadPool(2);
  private Coexist coexist;

  @AfterEach
  void stop() throws InterruptedException {
    store.release();
    if (coexist != null) {
      coexist.close();
    }
    workers.shutdownNow();
    workers.awaitTermination(5, TimeUnit.SECONDS);
  }

  private void start(boolean onWorkers) {
    Coexist.Builder builder = Coexist.builder().clock(clock).store(store).instance("a")
        .riskAssessor(new FakeRisk()).changeRecords(itsm).gateReplies(pipeline).incidentRecords(incidentsInItsm);
    if (onWorkers) {
      builder.deliverToItsmOn(workers).deliverToPipelinesOn(workers);
    }
    coexist = builder.build();
    coexist.register(Service.of("shop", "shop-team"));
  }

  @Test
  @DisplayName("on workers, neither the ITSM record nor GitHub's answer goes out while the decision's commit is held")
  void workersWaitForTheCommit() throws Exception {
    start(true);
    CompletableFuture<Either<CoexistError, SignalOutcome>> accepted = acceptWhileLatched(gateRequest());

    assertThat(stillNothingAfter(500, () -> itsm.size() > 0 || !pipeline.replies().isEmpty()))
        .as("nothing delivered while the commit is held").isTrue();

    store.release();
    assertThat(accepted.get(5, TimeUnit.SECONDS).isRight()).isTrue();
    assertThat(within(5_000, () -> itsm.size() == 1 && pipeline.replies().size() == 1))
        .as("the record and the answer go out once the commit ended").isTrue();
  }

  @Test
  @DisplayName("on the caller's thread, the answer goes out after the commit, before accept returns")
  void callerWaitsForTheCommit() throws Exception {
    start(false);
    CompletableFuture<Either<CoexistError, SignalOutcome>> accepted = acceptWhileLatched(gateRequest());

    assertThat(itsm.size()).as("no ITSM record while the commit is held").isZero();
    assertThat(pipeline.replies()).as("no answer while the commit is held").isEmpty();

    store.release();
    assertThat(accepted.get(5, TimeUnit.SECONDS).isRight()).isTrue();
    assertThat(itsm.size()).isEqualTo(1);
    assertThat(pipeline.replies()).hasSize(1);
  }

  @Test
  @DisplayName("an incident's ITSM record waits for the commit of the alert that opened it")
  void incidentsWaitForTheCommit() throws Exception {
    start(true);
    Alert alert = Alert.builder().source("prometheus").dedupKey("shop-5xx").service("shop").summary("errors")
        .severity("critical").status("firing").at(clock.instant()).build().get();
    CompletableFuture<Either<CoexistError, SignalOutcome>> accepted =
        acceptWhileLatched(new Signal.AlertRaised(alert));

    assertThat(stillNothingAfter(500, () -> incidentRecorded()))
        .as("no incident record while the commit is held").isTrue();

    store.release();
    assertThat(accepted.get(5, TimeUnit.SECONDS).isRight()).isTrue();
    assertThat(within(5_000, () -> incidentRecorded())).isTrue();
  }

  /** Whether an incident on shop is recorded in the ITSM tool. */
  private boolean incidentRecorded() {
    return coexist.incidents().openIncidents(ServiceId.of("shop")).stream()
        .anyMatch(incident -> incidentsInItsm.find(incident.recordKey()).get().isPresent());
  }

  private static Signal gateRequest() {
    return Signal.GateRequested.of(built("k-1", "shop"));
  }

  /** Accepts {@code signal} on another thread with the store's commits held; returns once its commit began. */
  private CompletableFuture<Either<CoexistError, SignalOutcome>> acceptWhileLatched(Signal signal)
      throws InterruptedException {
    store.latch();
    CompletableFuture<Either<CoexistError, SignalOutcome>> accepted =
        CompletableFuture.supplyAsync(() -> coexist.accept(signal));
    assertThat(store.entered.await(5, TimeUnit.SECONDS)).as("the commit began").isTrue();
    return accepted;
  }

  private static boolean within(long millis, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }

  /** True when {@code delivered} stays false for {@code millis}: long enough for idle workers to deliver. */
  private static boolean stillNothingAfter(long millis, BooleanSupplier delivered) throws InterruptedException {
    return !within(millis, delivered);
  }

  /** A store whose commits wait, once {@link #latch()}ed, until {@link #release()}. */
  private static final class LatchedStore implements StateStore {
    private final StateStore inner;
    /** Counted down when a commit begins after {@link #latch()}. */
    volatile CountDownLatch entered = new CountDownLatch(1);
    private volatile CountDownLatch gate = new CountDownLatch(0);

    LatchedStore(StateStore inner) {
      this.inner = inner;
    }

    void latch() {
      entered = new CountDownLatch(1);
      gate = new CountDownLatch(1);
    }

    void release() {
      gate.countDown();
    }

    @Override
    public Either<CoexistError, Long> commit(Batch batch) {
      entered.countDown();
      try {
        if (!gate.await(10, TimeUnit.SECONDS)) {
          return Either.left(new CoexistError.Unavailable("the test never released the commit"));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Either.left(new CoexistError.Unavailable("interrupted"));
      }
      return inner.commit(batch);
    }

    @Override
    public String location() {
      return inner.location();
    }

    @Override
    public Either<CoexistError, StoredState> load(long revision) {
      return inner.load(revision);
    }

    @Override
    public Either<CoexistError, NumberBlock> reserve(String sequence, int count) {
      return inner.reserve(sequence, count);
    }

    @Override
    public Inbox inbox() {
      return inner.inbox();
    }

    @Override
    public AuditStore audit() {
      return inner.audit();
    }

    @Override
    public Lease lease() {
      return inner.lease();
    }

    @Override
    public void close() {
      inner.close();
    }

    @Override
    public String toString() {
      return "LatchedStore[" + inner + "]";
    }
  }
}
