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
  /** Guarded by {@link #committing}: how many puts are durable. */
  private long durable;
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

  /** One commit, then the deliveries it released; answers whether any ran. */
  private Either<CoexistError, Boolean> commitOnce() {
    long mine;
    synchronized (lock) {
      mine = puts;
    }
    List<Waiter> ready;
    committing.lock();
    try {
      if (durable >= mine) {
        return Either.right(false);
      }
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
      durable = upTo;
      revision = Math.max(revision, committed.get());
      ready = durableUpTo(upTo);
    } finally {
      committing.unlock();
    }
    // Outside the locks: a released delivery may put again, or run its remote calls here.
    for (Waiter waiter : ready) {
      try {
        waiter.then().run();
      } catch (RuntimeException bug) {
        // The write stays owed (the next tick delivers it); the commit itself succeeded.
        LOG.error("a delivery held for a commit failed to start", bug);
      }
    }
    return Either.right(!ready.isEmpty());
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
