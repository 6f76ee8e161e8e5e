package io.github.coexist.core.store;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.audit.AuditStore;
import io.github.coexist.core.audit.InMemoryAuditStore;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The embedded default {@link StateStore}: records, audit trail, inbox, numbers and lease in memory, with the
 * same semantics as the durable stores (it passes {@code StateStoreCompatibilityKit}), for tests
 * and for embedders that keep no state across restarts. Nothing survives the process.
 *
 * <ul>
 *   <li>{@link #load} answers the records written after a revision, ordered by revision, then kind,
 *       then key; its revision is the last one committed.
 *   <li>{@link #commit} checks the batch's fence and that its audit entries follow the trail's
 *       last one by one, then writes every record (the last of a kind and key wins), deletes the
 *       records it names, appends the audit entries and marks its inbox entries done under one
 *       new revision; an empty batch
 *       writes nothing and answers the last revision. Marking an unknown or finished entry done
 *       does nothing.
 *   <li>The lease expires by {@code clock}: a holder renewing before expiry keeps its token; any
 *       other acquisition (another holder, or the same one after expiry or release) takes the next
 *       token.
 * </ul>
 *
 * <p>Thread-safe: every call holds one lock, so a commit and a change of lease holder never
 * interleave.
 */
public final class InMemoryStateStore implements StateStore {
  private static final Comparator<Kept> ORDER = Comparator.comparingLong(Kept::revision)
      .thenComparing(kept -> kept.record().kind())
      .thenComparing(kept -> kept.record().key());

  private final Object lock = new Object();
  private final Map<String, Kept> records = new HashMap<>();
  private final Map<String, Long> sequences = new HashMap<>();
  private final MemoryInbox inbox;
  private final MemoryLease lease;
  private final InMemoryAuditStore audit = new InMemoryAuditStore();
  private long revision;

  /** An empty store whose lease expires by {@code clock}. */
  public InMemoryStateStore(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    this.inbox = new MemoryInbox(lock);
    this.lease = new MemoryLease(lock, clock);
  }

  /** A record and the revision it was last written at. */
  private record Kept(StoredRecord record, long revision) {}

  @Override
  public String location() {
    return "memory";
  }

  @Override
  public Either<CoexistError, StoredState> load(long since) {
    Optional<CoexistError> refused = StoreLimits.load(since);
    if (refused.isPresent()) {
      return Either.left(refused.get());
    }
    synchronized (lock) {
      List<StoredRecord> changed = records.values().stream()
          .filter(kept -> kept.revision() > since)
          .sorted(ORDER)
          .map(Kept::record)
          .toList();
      return Either.right(new StoredState(changed, revision));
    }
  }

  @Override
  public Either<CoexistError, Long> commit(Batch batch) {
    Objects.requireNonNull(batch, "batch");
    synchronized (lock) {
      if (batch.fence().isPresent() && !lease.isCurrent(batch.fence().get())) {
        return Either.left(new CoexistError.Conflict("the batch is fenced by lease token "
            + batch.fence().get().token() + ", which is no longer current; nothing was written"));
      }
      if (batch.isEmpty()) {
        return Either.right(revision);
      }
      // The audit store's own lock is taken inside the store's: appends made to it directly
      // cannot slip between the check and the appends.
      synchronized (audit) {
        Optional<CoexistError> forked = forks(batch.audit());
        if (forked.isPresent()) {
          return Either.left(forked.get());
        }
        batch.audit().forEach(audit::append);
      }
      revision++;
      Map<String, StoredRecord> latest = new LinkedHashMap<>();
      batch.records().forEach(record -> latest.put(record.kind() + "\n" + record.key(), record));
      latest.forEach((id, record) -> records.put(id, new Kept(record, revision)));
      batch.deleted().forEach(ref -> records.remove(ref.kind() + "\n" + ref.key()));
      inbox.markDone(batch.inboxDone());
      return Either.right(revision);
    }
  }

  /** Why {@code entries} cannot be appended to the audit trail as it stands, if they cannot. */
  private Optional<CoexistError> forks(List<AuditEntry> entries) {
    long last = audit.last().get().map(AuditEntry::sequence).orElse(0L);
    for (AuditEntry entry : entries) {
      if (entry.sequence() != ++last) {
        return Optional.of(new CoexistError.Conflict("audit entry " + entry.sequence() + " does not follow entry "
            + (last - 1) + "; the chain cannot fork, nothing was written"));
      }
    }
    return Optional.empty();
  }

  @Override
  public Either<CoexistError, NumberBlock> reserve(String sequence, int count) {
    Optional<CoexistError> refused = StoreLimits.reserve(sequence, count);
    if (refused.isPresent()) {
      return Either.left(refused.get());
    }
    synchronized (lock) {
      long first = sequences.getOrDefault(sequence, 1L);
      sequences.put(sequence, first + count);
      return Either.right(new NumberBlock(first, count));
    }
  }

  @Override
  public Inbox inbox() {
    return inbox;
  }

  @Override
  public AuditStore audit() {
    return audit;
  }

  @Override
  public Lease lease() {
    return lease;
  }

  /** Nothing to release: the records go with the object. */
  @Override
  public void close() {
    // Memory is released with the store.
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "InMemoryStateStore[" + records.size() + " records at revision " + revision + "]";
    }
  }
}
