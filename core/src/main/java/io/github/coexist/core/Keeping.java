package io.github.coexist.core;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.Durability;
import io.github.coexist.core.store.Batch;
import io.github.coexist.core.store.LeaseGrant;
import io.github.coexist.core.store.StateStore;
import io.github.coexist.core.store.StoredRecord;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records the capability services produced and the store does not hold yet, committed by
 * group: {@link #flush()} returns once everything put before it is durable, and one commit takes
 * what every thread put meanwhile. A record put twice before a commit is written once, in its
 * last state; audit entries ({@link #append}) are written in the order put, in the same commit.
 * Puts are cheap and never block on the store, so services may put under their locks.
 * An inbox entry marked done is put after every record its processing produced, so a commit that
 * marks it done holds them all. As the services' {@link Durability}, it tells when what was put is
 * committed and runs the deliveries held for it after the commit that made it so (outbox first).
 * Thread-safe.
 */
final class Keeping implements Durability {
  private static final Logger LOG = LoggerFactory.getLogger(Keeping.class);

  /** Commits one flush makes at most: its own, then those of what the deliveries it released settled. */
  private static final int MAX_ROUNDS = 3;

  private final StateStore store;
  private final Object lock = new Object();
  private final ReentrantLock committing = new ReentrantLock();
  /** Guarded by {@link #lock}: the latest record per kind and key, in the order first put. */
  private Map<String, StoredRecord> pending = new LinkedHashMap<>();
  /** Guarded by {@link #lock}. */
  private List<Long> inboxDone = new ArrayList<>();
  /** Guarded by {@link #lock}: audit entries in sequence order. */
  private List<AuditEntry> audit = new ArrayList<>();
  /** Guarded by {@link #lock}: the records to delete, by kind and key. */
  private Map<String, StoredRecord.Ref> deleted = new LinkedHashMap<>();
  /** Guarded by {@link #lock}: how many puts were made. */
  private long puts;
  /** Written by the leader only: how many puts are durable. */
  private volatile long durable;
  /** The commit running now, or the last one: completed when it ends (whether it succeeded or not). */
  private volatile CompletableFuture<Done> ending = CompletableFuture.completedFuture(Done.DONE);
  /** Guarded by {@link #lock}: how many puts are durable, as {@link #durableOr} sees it. */
  private long committed;
  /** Guarded by {@link #lock}: what to run once the puts up to their mark are durable. */
  private List<Waiter> waiters = new ArrayList<>();
  /** Asks for a commit soon: held deliveries wait for one. */
  private volatile Runnable wake = () -> { };
  /** The revision of the last commit, or 0. */
  private volatile long revision;
  private volatile Optional<LeaseGrant> fence = Optional.empty();

  Keeping(StateStore store) {
    this.store = store;
  }

  /** The store commits go to. */
  StateStore store() {
    return store;
  }

  /** What to run when a delivery is held for a commit: asks for one soon (the tick thread's wake-up). */
  void onWaiting(Runnable wake) {
    this.wake = wake;
  }

  @Override
  public long mark() {
    synchronized (lock) {
      return puts;
    }
  }

  @Override
  public boolean durableOr(long mark, Runnable then) {
    synchronized (lock) {
      if (committed >= mark) {
        return true;
      }
      waiters.add(new Waiter(mark, then));
    }
    wake.run();
    return false;
  }

  /** A delivery held until the puts up to {@code mark} are durable. */
  private record Waiter(long mark, Runnable then) {}

  /** Keeps {@code record} for the next commit. */
  void put(StoredRecord record) {
    synchronized (lock) {
      String id = id(record.ref());
      pending.put(id, record);
      deleted.remove(id);
      puts++;
    }
  }

  /** Deletes the record {@code ref} names in the next commit, unless it is put again before. */
  void delete(StoredRecord.Ref ref) {
    synchronized (lock) {
      String id = id(ref);
      pending.remove(id);
      deleted.put(id, ref);
      puts++;
    }
  }

  private static String id(StoredRecord.Ref ref) {
    return ref.kind() + '\u0000' + ref.key();
  }

  /** Appends {@code entry} to the store's audit trail in the next commit; put entries in sequence order. */
  void append(AuditEntry entry) {
    synchronized (lock) {
      audit.add(entry);
      puts++;
    }
  }

  /** Marks inbox entry {@code sequence} done in the next commit; put it after the records it produced. */
  void inboxDone(long sequence) {
    synchronized (lock) {
      inboxDone.add(sequence);
      puts++;
    }
  }

  /** Fences every later commit with {@code grant}, or with none. */
  void fence(Optional<LeaseGrant> grant) {
    this.fence = grant;
  }

  /**
   * Commits everything put so far, unless a commit by another thread already took it; returns
   * once it is durable. When the store refuses, what was taken is put back under anything put
   * meanwhile, so the next flush tries it again. The deliveries the commit released run after it
   * (outbox first); what those that ran here settled (a record's key, a sent answer) is committed
   * too before this returns, so a caller delivering on its own thread leaves nothing unsaved.
   */
  Either<CoexistError, Done> flush() {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Either<CoexistError, Boolean> released = commitOnce();
      if (released.isLeft()) {
        return Either.left(released.getLeft());
      }
      if (!released.get()) {
        break;
      }
    }
    return Either.right(Done.DONE);
  }

  /**
   * One commit, led here or waited for, then the deliveries it released; answers whether any ran.
   *
   * <p>One thread at a time commits (the leader); the others wait for its commit to end, all woken
   * at once, and return if it held their puts. They never queue on the leader's lock: handing a
   * lock on from waiter to waiter is serial, and a thread that came back with a new put would take
   * the free lock first and commit alone, so commits would hold one or two callers' work instead
   * of everything put while the one before was syncing.
   */
  private Either<CoexistError, Boolean> commitOnce() {
    long mine;
    synchronized (lock) {
      mine = puts;
    }
    while (durable < mine) {
      if (committing.tryLock()) {
        CompletableFuture<Done> led = null;
        Optional<Either<CoexistError, List<Waiter>>> outcome = Optional.empty();
        try {
          if (durable < mine) {
            led = new CompletableFuture<>();
            ending = led;
            outcome = Optional.of(lead());
          }
        } finally {
          committing.unlock();
          if (led != null) {
            led.complete(Done.DONE); // after the unlock, so a woken waiter finds the lock free
          }
        }
        if (outcome.isPresent()) {
          return outcome.get().map(this::release);
        }
      } else {
        awaitCommit();
      }
    }
    return Either.right(false);
  }

  /** Commits everything put so far, holding {@link #committing}; answers the deliveries it released. */
  private Either<CoexistError, List<Waiter>> lead() {
    Batch batch;
    long upTo;
    synchronized (lock) {
      batch = new Batch(List.copyOf(pending.values()), inboxDone, fence, audit, List.copyOf(deleted.values()));
      upTo = puts;
      pending = new LinkedHashMap<>();
      inboxDone = new ArrayList<>();
      audit = new ArrayList<>();
      deleted = new LinkedHashMap<>();
    }
    Either<CoexistError, Long> committed = store.commit(batch);
    if (committed.isLeft()) {
      putBack(batch);
      return Either.left(committed.getLeft());
    }
    revision = Math.max(revision, committed.get());
    durable = upTo;
    return Either.right(durableUpTo(upTo));
  }

  /** Runs the deliveries a commit released, outside the locks; answers whether any ran. */
  private boolean release(List<Waiter> ready) {
    // A released delivery may put again, or run its remote calls here.
    for (Waiter waiter : ready) {
      try {
        waiter.then().run();
      } catch (RuntimeException bug) {
        // The write stays owed (the next tick delivers it); the commit itself succeeded.
        LOG.error("a delivery held for a commit failed to start", bug);
      }
    }
    return !ready.isEmpty();
  }

  /** Takes note that the puts up to {@code upTo} are durable; answers the waiters that were waiting for them. */
  private List<Waiter> durableUpTo(long upTo) {
    synchronized (lock) {
      committed = upTo;
      List<Waiter> ready = new ArrayList<>();
      List<Waiter> still = new ArrayList<>();
      for (Waiter waiter : waiters) {
        (waiter.mark() <= upTo ? ready : still).add(waiter);
      }
      waiters = still;
      return ready;
    }
  }

  /** Waits until the commit running now ends; returns at once when none is running. */
  private void awaitCommit() {
    CompletableFuture<Done> running = ending;
    if (running.isDone()) {
      // The leader holds the lock but has not published its commit yet, or has just let go.
      Thread.yield();
    } else {
      running.join();
    }
  }

  /** The revision of the last commit this instance made, or 0. */
  long revision() {
    return revision;
  }

  /** Records and inbox marks waiting for a commit. */
  int waiting() {
    synchronized (lock) {
      return pending.size() + inboxDone.size() + audit.size() + deleted.size();
    }
  }

  private void putBack(Batch refused) {
    synchronized (lock) {
      // What was put or deleted meanwhile is later than what was refused, so it wins.
      Map<String, StoredRecord> merged = new LinkedHashMap<>();
      Map<String, StoredRecord.Ref> gone = new LinkedHashMap<>();
      refused.records().forEach(record -> merged.put(id(record.ref()), record));
      refused.deleted().forEach(ref -> gone.put(id(ref), ref));
      pending.forEach((id, record) -> {
        merged.put(id, record);
        gone.remove(id);
      });
      deleted.forEach((id, ref) -> {
        merged.remove(id);
        gone.put(id, ref);
      });
      pending = merged;
      deleted = gone;
      List<Long> done = new ArrayList<>(refused.inboxDone());
      done.addAll(inboxDone);
      inboxDone = done;
      List<AuditEntry> entries = new ArrayList<>(refused.audit());
      entries.addAll(audit);
      audit = entries;
    }
  }
}
