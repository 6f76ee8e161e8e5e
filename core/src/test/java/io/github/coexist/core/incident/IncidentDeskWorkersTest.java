package io.github.coexist.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.kernel.ManualClock;
import io.vavr.control.Either;
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

/** The incident desk mirroring on workers: an alert is answered while the ITSM tool hangs. */
class IncidentDeskWorkersTest {
  private static final long GUARD_SECONDS = 20;

  private final ManualClock clock = ManualClock.atMondayMorning();
  private final HangingRecords itsm = new HangingRecords();
  private final ExecutorService workers = Executors.newFixedThreadPool(2);
  private final IncidentDesk desk = Fixtures.desk(clock).records(itsm).deliverOn(workers).build();

  @AfterEach
  void stop() {
    itsm.release.countDown();
    workers.shutdownNow();
  }

  @Test
  @DisplayName("opens and folds alerts while the tool hangs, then records the incident once with its latest state")
  void alertsAnsweredWhileTheToolHangs() throws Exception {
    Incident opened = raise("disk-full");
    assertThat(itsm.entered.await(GUARD_SECONDS, TimeUnit.SECONDS)).as("the mirror began").isTrue();
    Incident folded = raise("disk-full");

    assertThat(folded.id()).isEqualTo(opened.id());
    assertThat(folded.alerts().orElseThrow().count()).isEqualTo(2);
    assertThat(itsm.ensures).hasValue(0);

    itsm.release.countDown();
    ExternalKey key = awaitRecorded(opened);
    assertThat(itsm.ensures).hasValue(1);
    assertThat(itsm.delegate.read(key).get()).isEqualTo(RecordedIncident.of(key, desk.incident(opened.id()).get()));
  }

  private Incident raise(String key) {
    // Off the test thread with a guard: a raise that waited on the tool would fail, not hang the build.
    return CompletableFuture.supplyAsync(() -> desk.raise(Fixtures.alert(key, "firing", clock.instant())).get().incident().orElseThrow())
        .orTimeout(GUARD_SECONDS, TimeUnit.SECONDS).join();
  }

  private ExternalKey awaitRecorded(Incident incident) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
    while (System.nanoTime() < deadline) {
      Optional<ExternalKey> key = desk.incident(incident.id()).toJavaOptional().flatMap(Incident::externalKey);
      if (key.isPresent() && desk.unsynced().isEmpty() && itsm.idle()) {
        return key.get();
      }
      desk.resync();
      Thread.sleep(10);
    }
    throw new AssertionError("incident " + incident.id() + " not recorded after " + GUARD_SECONDS + " s");
  }

  /** Incident records whose writes wait until released. */
  private static final class HangingRecords implements IncidentRecords {
    final InMemoryIncidentRecords delegate = new InMemoryIncidentRecords();
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch entered = new CountDownLatch(1);
    final AtomicInteger ensures = new AtomicInteger();
    final AtomicInteger underWay = new AtomicInteger();

    private <T> Either<CoexistError, T> hang(Supplier<Either<CoexistError, T>> call) {
      underWay.incrementAndGet();
      try {
        entered.countDown();
        if (!release.await(GUARD_SECONDS, TimeUnit.SECONDS)) {
          return Either.left(new CoexistError.Unavailable("never released"));
        }
        return call.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Either.left(new CoexistError.Unavailable("interrupted"));
      } finally {
        underWay.decrementAndGet();
      }
    }

    boolean idle() {
      return underWay.get() == 0;
    }

    @Override
    public String system() {
      return delegate.system();
    }

    @Override
    public Either<CoexistError, ExternalKey> ensure(Incident incident) {
      return hang(() -> {
        ensures.incrementAndGet();
        return delegate.ensure(incident);
      });
    }

    @Override
    public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
      return delegate.find(key);
    }

    @Override
    public Either<CoexistError, RecordedIncident> update(ExternalKey key, Incident incident) {
      return hang(() -> delegate.update(key, incident));
    }

    @Override
    public Either<CoexistError, RecordedIncident> read(ExternalKey key) {
      return delegate.read(key);
    }
  }
}
