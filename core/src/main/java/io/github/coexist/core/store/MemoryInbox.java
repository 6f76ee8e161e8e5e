package io.github.coexist.core.store;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.signal.Signal;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** The inbox of an {@link InMemoryStateStore}, under the store's lock. */
final class MemoryInbox implements Inbox {
  private final Object lock;
  private final Map<String, InboxEntry> byKey = new HashMap<>();
  private final TreeMap<Long, InboxEntry> pending = new TreeMap<>();
  private final Map<Long, String> dead = new HashMap<>();
  private long sequence;

  MemoryInbox(Object lock) {
    this.lock = lock;
  }

  @Override
  public Either<CoexistError, Receipt> record(String deliveryKey, Signal signal, Instant receivedAt) {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Optional<CoexistError> refused = StoreLimits.deliveryKey(deliveryKey);
    if (refused.isPresent()) {
      return Either.left(refused.get());
    }
    synchronized (lock) {
      if (byKey.containsKey(deliveryKey)) {
        return Either.right(new Receipt.Duplicate(deliveryKey));
      }
      InboxEntry entry = new InboxEntry(++sequence, deliveryKey, signal, receivedAt);
      byKey.put(deliveryKey, entry);
      pending.put(entry.sequence(), entry);
      return Either.right(new Receipt.Recorded(entry));
    }
  }

  @Override
  public Either<CoexistError, Seq<InboxEntry>> pending(int limit) {
    Optional<CoexistError> refused = StoreLimits.pending(limit);
    if (refused.isPresent()) {
      return Either.left(refused.get());
    }
    synchronized (lock) {
      return Either.right(List.ofAll(pending.values()).take(limit));
    }
  }

  @Override
  public Either<CoexistError, Long> backlog() {
    synchronized (lock) {
      return Either.right((long) pending.size());
    }
  }

  @Override
  public Either<CoexistError, Done> setAside(long sequence, String reason) {
    Objects.requireNonNull(reason, "reason");
    synchronized (lock) {
      if (pending.remove(sequence) != null) {
        dead.put(sequence, Inbox.reason(reason));
      }
      return Either.right(Done.DONE);
    }
  }

  @Override
  public Either<CoexistError, Long> deadLetters() {
    synchronized (lock) {
      return Either.right((long) dead.size());
    }
  }

  /** Marks the entries done; the caller holds the lock. */
  void markDone(Collection<Long> sequences) {
    sequences.forEach(pending::remove);
  }
}
