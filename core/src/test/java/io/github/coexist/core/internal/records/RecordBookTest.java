package io.github.coexist.core.internal.records;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.audit.AuditEvent;
import io.github.coexist.core.audit.AuditStore;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.ManualClock;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecordBookTest {
  private final List<Noted> heard = new CopyOnWriteArrayList<>();
  // Threads of its own: the common pool may have a single worker on a small machine.
  private final ExecutorService others = Executors.newCachedThreadPool();

  @AfterEach
  void stopOthers() {
    others.shutdownNow();
  }

  /** A record: its id, how often it changed and the tool's key once issued. */
  record Note(String id, int version, Optional<ExternalKey> key) {
    Note next() {
      return new Note(id, version + 1, key);
    }
  }

  /** The event every change of a note raises. */
  record Noted(String id, int version) {}

  private static Step<Note, Noted> step(Note note) {
    return Step.of(note, List.of(new Noted(note.id(), note.version())),
        AuditEvent.of(Actor.COEXIST, "note.changed", note.id(), Map.of(), "v" + note.version()));
  }

  private static Note note(String id) {
    return new Note(id, 1, Optional.empty());
  }

  /** A tool whose ensure runs {@code onEnsure} first, and whose update answers with {@code update}. */
  private static SystemOfRecord<Note, Integer> tool(Consumer<Note> onEnsure,
      Function<Note, Either<CoexistError, Integer>> update) {
    AtomicInteger numbers = new AtomicInteger();
    return new SystemOfRecord<>(() -> "test", note -> {
      onEnsure.accept(note);
      return Either.right(ExternalKey.of("test", "N" + numbers.incrementAndGet()));
    }, (key, note) -> update.apply(note), (key, note) -> 1, (key, note) -> note.version(), Note::key,
        (note, key) -> new Note(note.id(), note.version(), Optional.of(key)));
  }

  private RecordBook.Builder<String, Note, Noted> book() {
    return RecordBook.<String, Note, Noted>builder("note", Note::id).listener(heard::add);
  }

  @Test
  @DisplayName("a write completes while another write's record waits on a slow tool")
  void slowToolBlocksNoWrite() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RecordBook<String, Note, Noted> book = book().mirror(tool(note -> {
      if (note.id().equals("a")) {
        entered.countDown();
        await(release);
      }
    }, note -> Either.right(note.version()))).build();

    CompletableFuture<Either<CoexistError, Note>> slow = CompletableFuture.supplyAsync(() -> book.commit(step(note("a"))), others);
    assertThat(entered.await(5, SECONDS)).isTrue();
    Either<CoexistError, Note> other = CompletableFuture.supplyAsync(() -> book.commit(step(note("b"))), others).get(5, SECONDS);

    assertThat(other.isRight()).isTrue();
    assertThat(book.find("a")).isPresent();
    release.countDown();
    assertThat(slow.get(5, SECONDS).get().key()).contains(ExternalKey.of("test", "N2"));
    assertThat(book.unsynced()).isEmpty();
  }

  @Test
  @DisplayName("a listener that waits on another thread reading the book does not deadlock: it runs outside the lock")
  void listenerOutsideLock() {
    List<Object> seen = new CopyOnWriteArrayList<>();
    RecordBook<String, Note, Noted>[] holder = new RecordBook[1];
    holder[0] = RecordBook.<String, Note, Noted>builder("note", Note::id).listener(event -> {
      try {
        seen.add(CompletableFuture.supplyAsync(() -> holder[0].all(), others).get(5, SECONDS));
      } catch (Exception e) {
        seen.add(e);
      }
    }).build();

    holder[0].commit(step(note("a")));

    assertThat(seen).containsExactly(List.of(note("a")));
  }

  @Test
  @DisplayName("the events of one record reach the listener in commit order, whichever threads commit")
  void commitOrder() throws Exception {
    RecordBook<String, Note, Noted> book = book().build();
    book.commit(step(note("x")));
    int threads = 8;
    int perThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> IntStream.range(0, perThread)
            .forEach(i -> book.update("x", current -> Either.right(step(current.next()))))));
      }
      for (Future<?> f : futures) {
        f.get(30, SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(heard).extracting(Noted::version)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 1 + threads * perThread).boxed().toList());
  }

  @Test
  @DisplayName("a step the audit trail refuses is neither stored nor announced")
  void auditRefusal() {
    RecordBook<String, Note, Noted> book = book()
        .audit(Optional.of(new AuditTrail(new RefusingStore(), ManualClock.atMondayMorning()))).build();

    Either<CoexistError, Note> refused = book.commit(step(note("a")));

    assertThat(refused.getLeft()).isInstanceOf(CoexistError.Unavailable.class);
    assertThat(book.all()).isEmpty();
    assertThat(heard).isEmpty();
  }

  @Test
  @DisplayName("a record the tool refused stays pending, with the error, until a resync gets it through")
  void pendingUntilResync() {
    AtomicInteger failures = new AtomicInteger(1);
    RecordBook<String, Note, Noted> book = book().mirror(tool(note -> { }, note -> failures.getAndDecrement() > 0
        ? Either.left(new CoexistError.Unavailable("tool down")) : Either.right(note.version()))).build();

    book.commit(step(note("a").next()));

    assertThat(book.unsynced()).containsOnlyKeys("a");
    assertThat(book.resync()).isEmpty();
  }

  @Test
  @DisplayName("a step that changes nothing is not stored again, not mirrored and not announced")
  void unchangedStep() {
    AtomicInteger ensures = new AtomicInteger();
    RecordBook<String, Note, Noted> book = book().mirror(tool(note -> ensures.incrementAndGet(),
        note -> Either.right(note.version()))).build();
    Note stored = book.commit(step(note("a"))).get();

    book.update("a", current -> Either.right(Step.unchanged(current)));

    assertThat(book.find("a")).contains(stored);
    assertThat(ensures).hasValue(1);
    assertThat(heard).hasSize(1);
  }

  @Test
  @DisplayName("updating a record the book does not hold is NotFound naming the kind of record")
  void notFound() {
    Either<CoexistError, Note> missing = book().build().update("zz", current -> Either.right(step(current)));

    assertThat(missing.getLeft()).isEqualTo(new CoexistError.NotFound("note", "zz"));
  }

  @Test
  @DisplayName("the keeper hears a record pending from its commit, with the last error, until a sync gets it through")
  void keeperHearsTheMirror() {
    AtomicInteger failures = new AtomicInteger(1);
    List<String> kept = new ArrayList<>();
    RecordBook<String, Note, Noted> book = book().keeper((note, unsynced) -> kept.add(note.version() + " "
        + note.key().map(ExternalKey::id).orElse("-") + " " + unsynced.map(CoexistError::message).orElse("held")))
        .mirror(tool(note -> { }, note -> failures.getAndDecrement() > 0
            ? Either.left(new CoexistError.Unavailable("tool down")) : Either.right(note.version()))).build();

    book.commit(step(note("a").next()));
    book.resync();

    assertThat(kept).containsExactly("2 - " + RecordBook.NOT_YET_SENT.message(),
        "2 N1 " + RecordBook.NOT_YET_SENT.message(), "2 N1 unavailable: tool down", "2 N1 held");
  }

  @Test
  @DisplayName("after a failed sync the tool's state is unknown: a snapshot like the last one it took is sent again")
  void failedSyncForgetsWhatWasSent() {
    AtomicInteger held = new AtomicInteger();
    AtomicInteger timeouts = new AtomicInteger();
    RecordBook<String, Note, Noted> book = book().mirror(tool(note -> { }, note -> {
      held.set(note.version()); // applied, but the answer may be lost on the way back
      return timeouts.getAndDecrement() > 0 ? Either.left(new CoexistError.Unavailable("timed out")) : Either.right(1);
    })).build();
    Note first = book.commit(step(note("a").next())).get();

    timeouts.set(1);
    book.update("a", current -> Either.right(step(current.next())));
    book.update("a", current -> Either.right(step(new Note("a", first.version(), current.key()))));

    assertThat(held).hasValue(first.version());
    assertThat(book.unsynced()).isEmpty();
  }

  @Test
  @DisplayName("restored records are indexed, not audited, announced or kept; one behind is retried, one held is not sent again")
  void restore() {
    List<Note> kept = new ArrayList<>();
    AtomicInteger updates = new AtomicInteger();
    GroupIndex<Integer, String, Note> byVersion = new GroupIndex<>(Note::version, Note::id, note -> true);
    RecordBook<String, Note, Noted> book = book().index(byVersion).keeper((note, unsynced) -> kept.add(note))
        .audit(Optional.of(new AuditTrail(new RefusingStore(), ManualClock.atMondayMorning())))
        .mirror(tool(note -> { }, note -> Either.right(updates.incrementAndGet()))).build();
    Note held = new Note("a", 2, Optional.of(ExternalKey.of("test", "N7")));
    Note behind = note("b").next();

    book.restore(List.of(held, behind), (txn, note) -> txn.restore(note,
        note == behind ? Optional.of(new CoexistError.Unavailable("tool down")) : Optional.empty()));

    assertThat(book.all()).containsExactly(held, behind);
    Set<String> second = book.read(view -> byVersion.members(2));
    assertThat(second).containsExactlyInAnyOrder("a", "b");
    assertThat(heard).isEmpty();
    assertThat(kept).isEmpty();
    assertThat(book.unsynced()).containsOnlyKeys("b");
    assertThat(book.resync()).isEmpty();
    assertThat(book.find("b").flatMap(Note::key)).isPresent();
    assertThat(updates).hasValue(1);
  }

  @Test
  @DisplayName("a group index takes a record that was never live, put again, in its stride")
  void groupIndexOfRecordsNeverLive() {
    GroupIndex<Integer, String, Note> live = new GroupIndex<>(Note::version, Note::id, note -> note.version() > 1);

    live.put(Optional.empty(), note("a"));
    live.put(Optional.of(note("a")), note("a"));
    live.put(Optional.of(note("a")), note("a").next());

    assertThat(live.members(1)).isEmpty();
    assertThat(live.members(2)).containsExactly("a");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** An audit store that is down. */
  private static final class RefusingStore implements AuditStore {
    @Override
    public Either<CoexistError, Done> append(AuditEntry entry) {
      return Either.left(new CoexistError.Unavailable("audit store down"));
    }

    @Override
    public Either<CoexistError, Optional<AuditEntry>> last() {
      return Either.right(Optional.empty());
    }

    @Override
    public Either<CoexistError, Seq<AuditEntry>> read(long from, int limit) {
      return Either.right(io.vavr.collection.List.empty());
    }
  }
}
