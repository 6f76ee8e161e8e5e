package io.github.coexist.core.internal.records;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.internal.delivery.Lane;
import io.github.coexist.core.kernel.Durability;
import io.github.coexist.core.kernel.ExternalKey;
import io.vavr.control.Either;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each record in the ITSM tool in step with the book's latest snapshot. One record is synced
 * by one thread at a time, always with the snapshot current at that moment, so a slow update can
 * never overwrite a newer one; other records, and the book's commands, do not wait. A record whose
 * sync failed stays pending, with its error, until a later sync succeeds; nothing is dropped. Each
 * sync ends by telling the book how it went ({@link Settled}), so the book can keep whether the
 * tool holds its latest snapshot.
 *
 * <p>Syncs run on the caller's thread ({@link #sync}), or, given workers, on them ({@link
 * #deliver}): the caller returns at once, and a record's syncs still go one at a time. Outbox
 * first: a sync goes out only once the record's state that owed it is durable ({@link
 * Durability}); until then the commit that makes it durable delivers it.
 */
final class Mirror<I, R, S> {
  private static final Logger LOG = LoggerFactory.getLogger(Mirror.class);

  /** Hears how each sync ended; called inside the record's sync, which takes the book's lock after its own. */
  interface Settled<I, R> {
    /** The tool took a snapshot: it holds every record {@code held} accepts. */
    void synced(I id, Predicate<R> held);

    /** The tool refused or could not be reached. */
    void failed(I id, CoexistError error);
  }

  private final SystemOfRecord<R, S> tool;
  private final String kind;
  private final Function<I, Optional<R>> latest;
  private final BiConsumer<I, ExternalKey> keyIssued;
  private final Settled<I, R> settled;
  private final Optional<Executor> workers;
  private final Map<I, Lane> lanes = new ConcurrentHashMap<>();
  private final Map<I, S> sent = new ConcurrentHashMap<>();
  private final Map<I, CoexistError> pending = new ConcurrentHashMap<>();
  private final Durability durability;
  /** Per record, the durability mark of the latest state that owed the tool a sync. */
  private final Map<I, Long> owedAt = new ConcurrentHashMap<>();
  /** Guarded by itself: per record, the mark a commit waiter was registered for. */
  private final Map<I, Long> heldAt = new HashMap<>();

  Mirror(SystemOfRecord<R, S> tool, String kind, Function<I, Optional<R>> latest, BiConsumer<I, ExternalKey> keyIssued,
      Settled<I, R> settled, Optional<Executor> workers, Durability durability) {
    this.tool = tool;
    this.durability = durability;
    this.workers = workers;
    this.kind = kind;
    this.latest = latest;
    this.keyIssued = keyIssued;
    this.settled = settled;
  }

  /**
   * Syncs one record on the workers, or here when there are none; a failure stays pending. A record
   * the workers refuse (full, shut down) is pending too, for the next {@code resync}.
   */
  void deliver(I id) {
    if (workers.isEmpty()) {
      sync(id);
      return;
    }
    if (!lane(id).ask(workers.get(), () -> pass(id))) {
      CoexistError busy = new CoexistError.Unavailable("the workers writing to " + tool.system().get() + " are busy");
      pending.putIfAbsent(id, busy);
      LOG.info("{} {} not handed to a worker: {}", kind, id, busy.message());
    }
  }

  /** Notes that the record's state kept up to {@code mark} owes the tool a sync. */
  void owed(I id, long mark) {
    owedAt.merge(id, mark, Math::max);
  }

  /** Syncs one record on this thread, after a sync of it under way; a failure stays pending. */
  void sync(I id) {
    lane(id).runHere(() -> pass(id));
  }

  private Lane lane(I id) {
    return lanes.computeIfAbsent(id, k -> new Lane());
  }

  /** One sync of the record's latest snapshot; runs in its lane. True when the tool took it. */
  private boolean pass(I id) {
    Optional<R> current = latest.apply(id);
    if (current.isEmpty()) {
      return true;
    }
    if (!committed(id)) {
      return false;
    }
    Either<CoexistError, S> outcome = push(id, current.get());
    if (outcome.isLeft()) {
      // A failed call may have been applied in part: what the tool holds is no longer known.
      sent.remove(id);
      pending.put(id, outcome.getLeft());
      LOG.warn("{} {} is not yet mirrored to {}: {}", kind, id, tool.system().get(), outcome.getLeft().message());
      settled.failed(id, outcome.getLeft());
      return false;
    }
    pending.remove(id);
    S held = outcome.get();
    settled.synced(id, record -> tool.keyOf().apply(record)
        .map(key -> tool.recorded().apply(key, record).equals(held)).orElse(false));
    return true;
  }

  /**
   * Whether the state that owed the record's sync is committed; if not, a commit waiter delivers
   * it once it is (one waiter per mark).
   */
  private boolean committed(I id) {
    long mark = owedAt.getOrDefault(id, 0L);
    synchronized (heldAt) {
      if (heldAt.getOrDefault(id, -1L) >= mark) {
        return false;
      }
      if (durability.durableOr(mark, () -> released(id, mark))) {
        return true;
      }
      heldAt.put(id, mark);
      return false;
    }
  }

  private void released(I id, long mark) {
    synchronized (heldAt) {
      heldAt.remove(id, mark);
    }
    deliver(id);
  }

  /** Pushes the record; answers what the tool holds of it afterwards. */
  private Either<CoexistError, S> push(I id, R record) {
    Optional<ExternalKey> known = tool.keyOf().apply(record);
    if (known.isEmpty()) {
      Either<CoexistError, ExternalKey> ensured = tool.ensure().apply(record);
      if (ensured.isLeft()) {
        return Either.left(ensured.getLeft());
      }
      keyIssued.accept(id, ensured.get());
      sent.put(id, tool.created().apply(ensured.get(), record));
      known = Optional.of(ensured.get());
    }
    S wanted = tool.recorded().apply(known.get(), record);
    if (wanted.equals(sent.get(id))) {
      return Either.right(wanted);
    }
    return tool.update().apply(known.get(), record).map(done -> wanted).peek(done -> sent.put(id, wanted));
  }

  /**
   * Takes note of a record restored from a store: one the tool does not hold yet is pending with
   * {@code unsynced}'s error, to be retried; one it holds is not sent again until it changes.
   */
  void restored(I id, R record, Optional<CoexistError> unsynced) {
    if (unsynced.isPresent()) {
      sent.remove(id);
      pending.put(id, unsynced.get());
      return;
    }
    pending.remove(id);
    Optional<ExternalKey> key = tool.keyOf().apply(record);
    if (key.isPresent()) {
      sent.put(id, tool.recorded().apply(key.get(), record));
    } else {
      sent.remove(id);
    }
  }

  /** The records that are behind, with the last error of each. */
  Map<I, CoexistError> pending() {
    return Map.copyOf(pending);
  }
}
