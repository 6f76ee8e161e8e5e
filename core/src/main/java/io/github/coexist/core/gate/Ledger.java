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
import java.util.LinkedHashSet;
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

  /** Indexes a change that now exists by id and makes it a candidate for overlaps. */
  void created(Tracked t) {
    byId.put(t.id, t);
    book(t.change.service()).activate(t);
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
  }

  ServiceBook book(ServiceId service) {
    return books.computeIfAbsent(service, s -> new ServiceBook());
  }

  Set<Tracked> waiting() {
    return waiting;
  }

  Set<Tracked> retries() {
    return retries;
  }

  /**
   * One service's changes that may still overlap a new one, and its recent closed outcomes.
   * Entries leave the active set lazily, on the next scan, once they can no longer overlap
   * anything to come: finished, or planned to end before now and not being implemented.
   */
  static final class ServiceBook {
    private final Set<Tracked> active = new LinkedHashSet<>();
    private final ArrayDeque<Outcome> closed = new ArrayDeque<>();

    private record Outcome(ChangeId change, Instant at, boolean failed) {}

    synchronized void activate(Tracked t) {
      active.add(t);
    }

    /** Adds to {@code out} every active change but {@code self} planned to overlap [start, end). */
    synchronized void overlaps(Tracked self, Instant start, Instant end, Instant now, List<RiskContext.Overlap> out) {
      for (Iterator<Tracked> it = active.iterator(); it.hasNext(); ) {
        Tracked other = it.next();
        TrackedChange view = other.view();
        if (view == null) {
          continue;
        }
        ChangeState state = view.change().state();
        boolean implementing = state == ChangeState.IMPLEMENT;
        if (state.isTerminal() || state == ChangeState.REVIEW
            || (!implementing && !view.change().plannedEnd().isAfter(now))) {
          it.remove();
          continue;
        }
        if (other != self && (implementing
            || (view.change().plannedStart().isBefore(end) && start.isBefore(view.change().plannedEnd())))) {
          out.add(new RiskContext.Overlap(other.id.value(), view.change().service(),
              view.change().plannedStart(), view.change().plannedEnd()));
        }
      }
    }

    synchronized void closed(ChangeId change, Instant at, boolean failed) {
      closed.addLast(new Outcome(change, at, failed));
    }

    /** Counts {@code change}, closed earlier, as failed after all (it caused an incident). */
    synchronized void failedAfterAll(ChangeId change) {
      List<Outcome> all = new ArrayList<>(closed);
      closed.clear();
      all.forEach(o -> closed.addLast(o.change().equals(change) ? new Outcome(change, o.at(), true) : o));
    }

    /** The outcomes closed within {@code window} before {@code now}, forgetting older ones. */
    synchronized RiskContext.RecentChanges recent(Instant now, Duration window) {
      Instant from = now.minus(window);
      while (!closed.isEmpty() && closed.peekFirst().at().isBefore(from)) {
        closed.removeFirst();
      }
      int total = 0;
      int failed = 0;
      for (Outcome outcome : closed) {
        if (!outcome.at().isAfter(now)) {
          total++;
          failed += outcome.failed() ? 1 : 0;
        }
      }
      return new RiskContext.RecentChanges(window, total, failed);
    }
  }
}
