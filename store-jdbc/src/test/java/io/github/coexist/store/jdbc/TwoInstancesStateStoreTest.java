package io.github.coexist.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.store.Batch;
import io.github.coexist.core.store.Inbox;
import io.github.coexist.core.store.LeaseGrant;
import io.github.coexist.core.store.NumberBlock;
import io.github.coexist.core.store.StateStore;
import io.github.coexist.core.store.StoredRecord;
import io.github.coexist.core.store.StoredState;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two instances (two stores, each with its own connections) on one PostgreSQL database, racing:
 * for the lease, for numbers, for one delivery, and committing while a standby follows what
 * changed since the last revision it read.
 */
class TwoInstancesStateStoreTest {
  private static final Duration TTL = Duration.ofMinutes(5);
  private static final int THREADS_PER_INSTANCE = 4;

  private final TestDatabase database = TestDatabase.postgres();
  private final StateStore one = database.open().stateStore(Clock.systemUTC());
  private final StateStore other = database.open().stateStore(Clock.systemUTC());
  private final ExecutorService threads = Executors.newFixedThreadPool(2 * THREADS_PER_INSTANCE + 1);

  @AfterEach
  void close() {
    threads.shutdownNow();
    database.close();
  }

  private static <T> T ok(Either<CoexistError, T> result) {
    return result.getOrElseThrow(e -> new AssertionError(e.message()));
  }

  /** Runs {@code call(instance, i)} on every thread of both instances, released together; answers every result. */
  private <T> List<T> race(int rounds, Race<T> call) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<T>>> futures = new ArrayList<>();
    for (int t = 0; t < 2 * THREADS_PER_INSTANCE; t++) {
      StateStore instance = t % 2 == 0 ? one : other;
      int thread = t;
      futures.add(threads.submit(() -> {
        start.await();
        List<T> results = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
          results.add(ok(call.on(instance, thread, round)));
        }
        return results;
      }));
    }
    start.countDown();
    List<T> all = new ArrayList<>();
    for (Future<List<T>> f : futures) {
      all.addAll(f.get(60, TimeUnit.SECONDS));
    }
    return all;
  }

  @FunctionalInterface
  private interface Race<T> {
    Either<CoexistError, T> on(StateStore instance, int thread, int round);
  }

  @Test
  @DisplayName("racing for a free lease, exactly one holder of the two instances gets it")
  void leaseRace() throws Exception {
    List<Optional<LeaseGrant>> answers = race(1, (instance, thread, round) ->
        instance.lease().acquire("node-" + thread, TTL));
    List<LeaseGrant> grants = answers.stream().flatMap(Optional::stream).toList();
    assertThat(grants).hasSize(1);
    assertThat(ok(one.lease().current())).isEqualTo(ok(other.lease().current())).contains(grants.get(0));
  }

  @Test
  @DisplayName("the lease changes hands once released; the old holder's fenced commit is refused on either instance")
  void fencedAcrossInstances() {
    LeaseGrant first = ok(one.lease().acquire("node-one", TTL)).orElseThrow();
    assertThat(ok(other.lease().acquire("node-other", TTL))).isEmpty();
    ok(one.lease().release(first));
    LeaseGrant second = ok(other.lease().acquire("node-other", TTL)).orElseThrow();
    assertThat(second.token()).isGreaterThan(first.token());
    Batch stale = new Batch(List.of(service("s-1")), List.of(), Optional.of(first));
    assertThat(one.commit(stale).getLeft()).isInstanceOf(CoexistError.Conflict.class);
    assertThat(other.commit(stale).getLeft()).isInstanceOf(CoexistError.Conflict.class);
    assertThat(ok(one.commit(new Batch(List.of(service("s-1")), List.of(), Optional.of(second))))).isPositive();
  }

  @Test
  @DisplayName("a delivery recorded by both instances at once is kept once, the other calls answered as duplicates")
  void inboxRace() throws Exception {
    Signal signal = new Signal.ApprovalGiven(new ExternalKey("servicenow", "change_request", "CHG1"),
        Actor.person("cab"), "ok");
    List<Inbox.Receipt> receipts = race(3, (instance, thread, round) ->
        instance.inbox().record("github:d-" + round, signal, Instant.EPOCH));
    assertThat(receipts).filteredOn(Inbox.Receipt.Recorded.class::isInstance).hasSize(3);
    assertThat(receipts).filteredOn(Inbox.Receipt.Duplicate.class::isInstance)
        .hasSize(3 * (2 * THREADS_PER_INSTANCE - 1));
    assertThat(ok(other.inbox().pending(10))).hasSize(3);
  }

  @Test
  @DisplayName("numbers reserved concurrently from both instances are never handed out twice")
  void numbers() throws Exception {
    List<NumberBlock> blocks = race(20, (instance, thread, round) -> instance.reserve("change", 1 + round % 7));
    Set<Long> numbers = new HashSet<>();
    long total = 0;
    for (NumberBlock block : blocks) {
      total += block.count();
      for (long n = block.first(); n < block.end(); n++) {
        assertThat(numbers.add(n)).as("number " + n + " handed out twice").isTrue();
      }
    }
    assertThat(numbers).hasSize((int) total);
    assertThat(numbers.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(total);
  }

  @Test
  @DisplayName("a standby loading what changed since its last revision misses no commit of either instance")
  void standbyMissesNothing() throws Exception {
    AtomicBoolean writing = new AtomicBoolean(true);
    StateStore standby = database.open().stateStore(Clock.systemUTC());
    Future<Set<String>> followed = threads.submit(follow(standby, writing));
    List<Long> revisions;
    try {
      revisions = race(15, (instance, thread, round) ->
          instance.commit(Batch.of(List.of(service("s-" + thread + "-" + round)))));
    } finally {
      writing.set(false);
    }
    assertThat(new HashSet<>(revisions)).hasSize(2 * THREADS_PER_INSTANCE * 15);
    assertThat(followed.get(60, TimeUnit.SECONDS)).hasSize(2 * THREADS_PER_INSTANCE * 15);
  }

  /** Loads since the last revision read, again and again while writers write, then once more. */
  private static Callable<Set<String>> follow(StateStore standby, AtomicBoolean writing) {
    return () -> {
      Set<String> seen = new HashSet<>();
      long revision = 0;
      boolean last = false;
      while (!last) {
        last = !writing.get();
        StoredState changed = ok(standby.load(revision));
        changed.records().forEach(record -> seen.add(record.key()));
        revision = changed.revision();
      }
      return seen;
    };
  }

  private static StoredRecord service(String id) {
    return new StoredRecord.OfService(Service.of(id, "web"));
  }
}
