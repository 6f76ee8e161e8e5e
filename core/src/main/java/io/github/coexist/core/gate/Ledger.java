package io.github.coexist.core.gate;

import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.risk.RiskContext;
import io.github.coexist.core.service.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The gate's own record of changes: by idempotency key (the one place a change is created, so one
 * key gives one change also under concurrent calls), by id, by external key, and per service the
 * changes that may still overlap a new one and the recent outcomes. Thread-safe.
 */
final class Ledger {
  private final ConcurrentHashMap<IdempotencyKey, Tracked> byKey = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ChangeId, Tracked> byId = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ExternalKey, Tracked> byExternalKey = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ServiceId, ServiceBook> books = new ConcurrentHashMap<>();
  /** Changes whose decision is pending: on an authority or a freeze. */
  private final Set<Tracked> waiting = ConcurrentHashMap.newKeySet();
  /** Changes whose ITSM record or reply must be retried. */
  private final Set<Tracked> retries = ConcurrentHashMap.newKeySet();

  /** The tracked change for {@code key}, made by {@code newId} the first time the key is seen. */
  Tracked track(IdempotencyKey key, Supplier<ChangeId> newId) {
    return byKey.computeIfAbsent(key, k -> new Tracked(k, newId.get()));
  }

  /** Indexes a change that now exists by id. */
  void created(Tracked t) {
    byId.put(t.id, t);
  }

  /** Files the snapshot {@code view} of {@code t}, just published, in its service's book. */
  void published(Tracked t, TrackedChange view) {
    book(view.change().service()).file(t, view);
  }

  void recordedAs(Tracked t, ExternalKey key) {
    byExternalKey.put(key, t);
  }

  Optional<Tracked> byKey(IdempotencyKey key) {
    return Optional.ofNullable(byKey.get(key));
  }

  Optional<Tracked> byId(ChangeId id) {
    return Optional.ofNullable(byId.get(id));
  }

  Optional<Tracked> byExternalKey(ExternalKey key) {
    return Optional.ofNullable(byExternalKey.get(key));
  }

  Iterable<Tracked> all() {
    return byId.values();
  }

  /** Stops tracking {@code t}: its key, id and external key are free again. */
  void forget(Tracked t) {
    byKey.remove(t.key, t);
    byId.remove(t.id, t);
    Optional.ofNullable(t.change).flatMap(c -> c.externalKey()).ifPresent(k -> byExternalKey.remove(k, t));
    waiting.remove(t);
    retries.remove(t);
    Optional.ofNullable(t.change).ifPresent(c -> book(c.service()).forget(t));
  }

  ServiceBook book(ServiceId service) {
    return books.computeIfAbsent(service, ServiceBook::new);
  }

  Set<Tracked> waiting() {
    return waiting;
  }

  Set<Tracked> retries() {
    return retries;
  }

  /**
   * One service's changes that may still overlap a new one, and its recent closed outcomes. Each
   * change is filed from its published snapshot: a change being implemented overlaps whatever
   * comes, one planned overlaps what its planned window meets, and a finished one (in Review or
   * closed) nothing. Planned windows are indexed by time ({@link WindowIndex}) and leave once
   * they ended, so finding the overlaps costs the logarithm of the backlog, not its size.
   */
  static final class ServiceBook {
    private final ServiceId service;
    private final WindowIndex planned = new WindowIndex();
    private final WindowIndex implementing = new WindowIndex();
    private final ArrayDeque<Outcome> closed = new ArrayDeque<>();
    /** How many of {@link #closed} failed. */
    private int failedClosed;

    private record Outcome(ChangeId change, Instant at, boolean failed) {}

    ServiceBook(ServiceId service) {
      this.service = service;
    }

    /** Files {@code t} as its snapshot {@code view} says. */
    synchronized void file(Tracked t, TrackedChange view) {
      ChangeState state = view.change().state();
      if (state.isTerminal() || state == ChangeState.REVIEW) {
        forget(t);
        return;
      }
      Instant start = view.change().plannedStart();
      // A window ending before it starts (only a request built without its builder has one) ends as it starts.
      Instant end = later(view.change().plannedEnd(), start);
      RiskContext.Overlap window = new RiskContext.Overlap(t.id.value(), service, start, end);
      if (state == ChangeState.IMPLEMENT) {
        planned.remove(t);
        implementing.put(t, window);
      } else {
        implementing.remove(t);
        planned.put(t, window);
      }
    }

    synchronized void forget(Tracked t) {
      planned.remove(t);
      implementing.remove(t);
    }

    /**
     * Adds to {@code found} the changes but {@code self} that overlap [start, until): every one
     * being implemented, and every one planned to meet the window and end after {@code now}.
     */
    synchronized void overlaps(Tracked self, Instant start, Instant until, Instant now, Overlapping found) {
      // The index counts over a window that is not empty; an empty one is read as one nanosecond.
      Instant end = later(until, start.plusNanos(1));
      planned.dropEndedBy(now);
      WindowIndex.Window own = planned.of(self);
      boolean selfCounted = implementing.of(self) != null
          || (own != null && own.start().isBefore(end) && start.isBefore(own.end()));
      int count = planned.count(start, end) + implementing.size() - (selfCounted ? 1 : 0);
      found.add(service, count, planned.nearest(start, end, start, found.keep(), self));
      found.add(service, 0, implementing.nearest(Instant.MIN, Instant.MAX, start, found.keep(), self));
    }

    private static Instant later(Instant a, Instant b) {
      return a.isAfter(b) ? a : b;
    }

    /** Keeps the outcome, in time order (a clock read a little earlier by another thread goes before). */
    synchronized void closed(ChangeId change, Instant at, boolean failed) {
      ArrayDeque<Outcome> later = new ArrayDeque<>(0);
      while (!closed.isEmpty() && closed.peekLast().at().isAfter(at)) {
        later.addFirst(closed.removeLast());
      }
      closed.addLast(new Outcome(change, at, failed));
      closed.addAll(later);
      failedClosed += failed ? 1 : 0;
    }

    /** Counts {@code change}, closed earlier, as failed after all (it caused an incident). */
    synchronized void failedAfterAll(ChangeId change) {
      List<Outcome> all = new ArrayList<>(closed);
      closed.clear();
      failedClosed = 0;
      for (Outcome o : all) {
        Outcome kept = o.change().equals(change) ? new Outcome(change, o.at(), true) : o;
        closed.addLast(kept);
        failedClosed += kept.failed() ? 1 : 0;
      }
    }

    /**
     * The outcomes closed within {@code window} before {@code now}, forgetting older ones. Kept in
     * time order with a running count of failures, so this costs what it forgets, not the history.
     */
    synchronized RiskContext.RecentChanges recent(Instant now, Duration window) {
      Instant from = now.minus(window);
      while (!closed.isEmpty() && closed.peekFirst().at().isBefore(from)) {
        failedClosed -= closed.removeFirst().failed() ? 1 : 0;
      }
      int total = closed.size();
      int failed = failedClosed;
      // Outcomes after now (a clock ahead of this one closed them) do not count yet; they are last.
      for (Iterator<Outcome> it = closed.descendingIterator(); it.hasNext(); ) {
        Outcome outcome = it.next();
        if (!outcome.at().isAfter(now)) {
          break;
        }
        total--;
        failed -= outcome.failed() ? 1 : 0;
      }
      return new RiskContext.RecentChanges(window, total, failed);
    }
  }
}
