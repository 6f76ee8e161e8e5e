package io.github.coexist.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.audit.AuditStore;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.problem.Recurrence;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.store.Batch;
import io.github.coexist.core.store.InMemoryStateStore;
import io.github.coexist.core.store.Inbox;
import io.github.coexist.core.store.Lease;
import io.github.coexist.core.store.NumberBlock;
import io.github.coexist.core.store.StateStore;
import io.github.coexist.core.store.StoredRecord;
import io.github.coexist.core.store.StoredState;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link Keeping}'s group commit: one commit takes what every caller put meanwhile, and a flush returns once its puts are durable. */
class KeepingTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2025-03-04T10:00:00Z"));
  private final GatedStore store = new GatedStore(new InMemoryStateStore(clock));
  private final Keeping keeping = new Keeping(store);
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    store.open.set(true);
    store.gate.release(1_000);
    threads.shutdownNow();
  }

  private static StoredRecord record(String name) {
    return new StoredRecord.OfRecurrence(new Recurrence(ServiceId.of("shop"), name, List.of()));
  }

  private Future<Either<CoexistError, Done>> putAndFlush(String name) {
    return threads.submit(() -> {
      keeping.put(record(name));
      return keeping.flush();
    });
  }

  private void awaitCommitsStarted(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (store.started.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(store.started).hasSize(count);
  }

  private void awaitWaiting(int records) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (keeping.waiting() < records && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(keeping.waiting()).isEqualTo(records);
  }

  @Test
  @DisplayName("callers that put while a commit syncs are all taken by the next commit, and each flush returns")
  void groupsCallers() throws Exception {
    Future<Either<CoexistError, Done>> first = putAndFlush("first");
    awaitCommitsStarted(1);
    List<Future<Either<CoexistError, Done>>> waiting = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      waiting.add(putAndFlush("waiting-" + i));
    }
    awaitWaiting(8);
    store.gate.release();
    assertThat(first.get(10, TimeUnit.SECONDS).isRight()).isTrue();
    awaitCommitsStarted(2);
    store.gate.release(1_000);
    for (Future<Either<CoexistError, Done>> flushed : waiting) {
      assertThat(flushed.get(10, TimeUnit.SECONDS).isRight()).isTrue();
    }
    assertThat(store.started.get(0)).isEqualTo(1);
    assertThat(store.started.get(1)).as("records in the second commit").isEqualTo(8);
    assertThat(store.started).hasSize(2);
  }

  @Test
  @DisplayName("a refused commit is answered to its leader and tried again by the callers whose puts it held")
  void refusedCommitIsRetried() throws Exception {
    store.refusing.set(true);
    Future<Either<CoexistError, Done>> first = putAndFlush("first");
    awaitCommitsStarted(1);
    Future<Either<CoexistError, Done>> second = putAndFlush("second");
    awaitWaiting(1);
    store.gate.release(); // the first commit is refused
    assertThat(first.get(10, TimeUnit.SECONDS).isLeft()).isTrue();
    awaitCommitsStarted(2);
    store.refusing.set(false);
    store.gate.release(); // the second commit, led by the second caller, takes both puts
    assertThat(second.get(10, TimeUnit.SECONDS).isRight()).isTrue();
    assertThat(store.started).containsExactly(1, 2);
    assertThat(store.delegate.load(0).get().records()).hasSize(2);
  }

  @Test
  @DisplayName("under many callers, what a caller put is in the store when its flush returns")
  void durableWhenReturned() throws Exception {
    store.open.set(true);
    List<Future<List<String>>> callers = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int caller = t;
      callers.add(threads.submit(() -> {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          String name = caller + "-" + i;
          keeping.put(record(name));
          keeping.flush().get();
          boolean kept = store.delegate.load(0).get().records().stream()
              .anyMatch(r -> r.key().equals(record(name).key()));
          if (!kept) {
            missing.add(name);
          }
        }
        return missing;
      }));
    }
    for (Future<List<String>> caller : callers) {
      assertThat(caller.get(60, TimeUnit.SECONDS)).isEmpty();
    }
    assertThat(store.delegate.load(0).get().records()).hasSize(8 * 200);
    assertThat(store.started.size()).as("commits").isLessThanOrEqualTo(8 * 200);
  }

  /** A store whose commits wait for {@link #gate} (unless {@link #open}) and may be refused; it notes each commit's record count. */
  static final class GatedStore implements StateStore {
    final InMemoryStateStore delegate;
    final Semaphore gate = new Semaphore(0);
    final AtomicBoolean open = new AtomicBoolean();
    final AtomicBoolean refusing = new AtomicBoolean();
    final List<Integer> started = new CopyOnWriteArrayList<>();

    GatedStore(InMemoryStateStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public Either<CoexistError, Long> commit(Batch batch) {
      started.add(batch.records().size());
      if (!open.get()) {
        gate.acquireUninterruptibly();
      }
      return refusing.get() ? Either.left(new CoexistError.Unavailable("the disk is full")) : delegate.commit(batch);
    }

    @Override
    public String location() {
      return "gated " + delegate.location();
    }

    @Override
    public Either<CoexistError, StoredState> load(long revision) {
      return delegate.load(revision);
    }

    @Override
    public Either<CoexistError, NumberBlock> reserve(String sequence, int count) {
      return delegate.reserve(sequence, count);
    }

    @Override
    public Inbox inbox() {
      return delegate.inbox();
    }

    @Override
    public AuditStore audit() {
      return delegate.audit();
    }

    @Override
    public Lease lease() {
      return delegate.lease();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
