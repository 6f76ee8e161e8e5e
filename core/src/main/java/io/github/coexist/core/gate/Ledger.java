package io.github.coexist.core.gate;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.risk.RiskContext;
import io.github.coexist.core.service.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Supplier;
import org.jspecify.annotations.NullUnmarked;

/**
 * The gate's own record of changes: by idempotency key (the one place a change is created, so one
 * key gives one change also under concurrent calls), by id, by external key, and per service the
 * changes that may still overlap a new one and the recent outcomes. Everything here follows from
 * the changes' states, so {@link #restore} rebuilds it from their records. Thread-safe.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
final class Ledger {
  /** Id order: a tick goes through its changes in an order their state decides, not their hash codes. */
  private static final Comparator<Tracked> BY_ID = Comparator.comparing(t -> t.id);

  private final ConcurrentHashMap<IdempotencyKey, Tracked> byKey = new ConcurrentHashMap<>();
  /** In id order, so a page of changes is read from any id without sorting them all. */
  private final ConcurrentSkipListMap<ChangeId, Tracked> byId = new ConcurrentSkipListMap<>();
  private final ConcurrentHashMap<ExternalKey, Tracked> byExternalKey = new ConcurrentHashMap<>();
  /** The newest attempt under a key whose first change failed or closed and was asked for again. */
  private final ConcurrentHashMap<IdempotencyKey, Tracked> latestAttempts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Lane, ServiceBook> books = new ConcurrentHashMap<>();
  /** Changes whose decision is pending: on an authority or a freeze. */
  private final Set<Tracked> waiting = new ConcurrentSkipListSet<>(BY_ID);
  /** Changes owed a write to the ITSM tool or a reply to the pipeline. */
  private final Set<Tracked> retries = new ConcurrentSkipListSet<>(BY_ID);

  /**
   * The tracked change for {@code key}, made with an id from {@code newId} the first time the key
   * is seen. The id is drawn outside the map's locks (a number source may reserve a block in a
   * database); a caller that loses a race for the same key wastes one number.
   */
  Tracked track(IdempotencyKey key, Supplier<ChangeId> newId) {
    Tracked known = byKey.get(key);
    if (known != null) {
      return known;
    }
    Tracked fresh = new Tracked(key, newId.get());
    Tracked raced = byKey.putIfAbsent(key, fresh);
    return raced != null ? raced : fresh;
  }

  /**
   * Tracks the change {@code record} is the state of, as it says, in every index: a change tracked
   * already (same id) takes the record's state; one tracked under the same key or id that is not
   * the record's change is forgotten, unless it was created later: a key is taken again only once
   * its first change was forgotten, so the record of that first change just counts in its
   * service's recent history and answers empty. A forgotten change's record only counts in its
   * service's recent history. Nobody hears of it: the record is not a move.
   */
  void restore(GateRecord record) {
    Change change = record.change();
    if (record.forgotten().isPresent()) {
      byId(change.id()).ifPresent(this::forget);
      restoreOutcome(change, !record.causedIncidents().isEmpty());
      return;
    }
    Tracked holder = byKey.get(change.idempotencyKey());
    if (holder != null && !holder.id.equals(change.id()) && createdAfter(holder, change)) {
      restoreOutcome(change, !record.causedIncidents().isEmpty());
      return;
    }
    Tracked t = trackRestored(change, holder);
    synchronized (t) {
      Optional<Change> before = Optional.ofNullable(t.change);
      t.restore(record);
      refile(t, before);
    }
    if (change.retryOf().isPresent()) {
      latestAttempts.merge(change.request().idempotencyKey(), t, (held, restored) -> createdAfter(held, change) ? held : restored);
    }
  }

  /** The latest attempt of the change first made under {@code root}'s key: {@code root} unless it was re-run. */
  Tracked latestAttempt(Tracked root) {
    return latestAttempts.getOrDefault(root.key, root);
  }

  /** Tracks {@code next}, a new attempt of the change first made under {@code rootKey}, as its latest. */
  void attempt(IdempotencyKey rootKey, Tracked next) {
    byKey.put(next.key, next);
    latestAttempts.put(rootKey, next);
  }

  private static boolean createdAfter(Tracked holder, Change change) {
    synchronized (holder) {
      Change held = holder.change;
      return held != null && (held.createdAt().isAfter(change.createdAt())
          || (held.createdAt().equals(change.createdAt()) && held.id().compareTo(change.id()) > 0));
    }
  }

  /** The change {@code change} is a state of, tracked under its key, made if need be; {@code holder} holds the key now. */
  private Tracked trackRestored(Change change, Tracked holder) {
    Tracked t = holder;
    if (t != null && !t.id.equals(change.id())) {
      forget(t);
      t = null;
    }
    Tracked sameId = byId.get(change.id());
    if (sameId != null && sameId != t) {
      forget(sameId);
    }
    if (t == null) {
      t = new Tracked(change.idempotencyKey(), change.id());
      byKey.put(t.key, t);
    }
    return t;
  }

  /** Files {@code t}, just restored, in every index as its state says; {@code before} is the state it had. */
  private void refile(Tracked t, Optional<Change> before) {
    Change change = t.change;
    byId.put(t.id, t);
    before.flatMap(Change::externalKey).filter(k -> !change.externalKey().equals(Optional.of(k)))
        .ifPresent(k -> byExternalKey.remove(k, t));
    change.externalKey().ifPresent(k -> byExternalKey.put(k, t));
    before.filter(b -> !lane(b).equals(lane(change))).ifPresent(b -> book(b).forget(t));
    member(waiting, t, change.decision().isPending());
    member(retries, t, t.needsRetry());
    published(t, t.publish());
    restoreOutcome(change, t.causedAnyIncident());
  }

  /** Counts {@code change}, if closed, in its service's recent outcomes, as failed if it was or caused an incident. */
  private void restoreOutcome(Change change, boolean causedIncident) {
    if (change.state() == ChangeState.CLOSED) {
      // A closed change is never moved again, so its last update is when it closed.
      book(change).restoreOutcome(change.id(), change.request().headSha(), change.updatedAt(),
          change.closeCode().equals(Optional.of(CloseCode.UNSUCCESSFUL)) || causedIncident);
    }
  }

  private static void member(Set<Tracked> set, Tracked t, boolean in) {
    if (in) {
      set.add(t);
    } else {
      set.remove(t);
    }
  }

  /** Indexes a change that now exists by id. */
  void created(Tracked t) {
    byId.put(t.id, t);
  }

  /** Files the snapshot {@code view} of {@code t}, just published, in its service's book. */
  void published(Tracked t, TrackedChange view) {
    book(view.change()).file(t, view);
  }

  void recordedAs(Tracked t, ExternalKey key) {
    byExternalKey.put(key, t);
  }

  /** The change asked for under {@code key}: its latest attempt. */
  Optional<Tracked> byKey(IdempotencyKey key) {
    Tracked latest = latestAttempts.get(key);
    return Optional.ofNullable(latest != null ? latest : byKey.get(key));
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

  /** Every tracked change with an id below {@code before} (every one when empty), highest id first. */
  Iterable<Tracked> descending(Optional<ChangeId> before) {
    return before.map(id -> byId.headMap(id, false)).orElse(byId).descendingMap().values();
  }

  /** Stops tracking {@code t}: its key, id and external key are free again. */
  void forget(Tracked t) {
    byKey.remove(t.key, t);
    latestAttempts.values().remove(t);
    byId.remove(t.id, t);
    Optional.ofNullable(t.change).flatMap(c -> c.externalKey()).ifPresent(k -> byExternalKey.remove(k, t));
    waiting.remove(t);
    retries.remove(t);
    Optional.ofNullable(t.change).ifPresent(c -> book(c).forget(t));
  }

  /**
   * The book of {@code service} in {@code environment}: a service's changes in one environment
   * never conflict with, nor count in the history of, its changes in another.
   */
  ServiceBook book(ServiceId service, String environment) {
    return books.computeIfAbsent(new Lane(service, environment), lane -> new ServiceBook(lane.service()));
  }

  /** The book {@code change} is filed in: its service, in its environment. */
  ServiceBook book(Change change) {
    Lane lane = lane(change);
    return books.computeIfAbsent(lane, l -> new ServiceBook(l.service()));
  }

  private static Lane lane(Change change) {
    return new Lane(change.service(), change.request().environment());
  }

  /**
   * How commit {@code sha} went on {@code service} in every environment but {@code environment},
   * counting changes closed within {@code window} before {@code now}; environments where it did not
   * run are left out.
   */
  List<RiskContext.CommitRuns> sameCommitElsewhere(ServiceId service, String environment, String sha,
      Instant now, Duration window) {
    Lane own = new Lane(service, environment);
    List<RiskContext.CommitRuns> runs = new ArrayList<>();
    for (var entry : books.entrySet()) {
      Lane lane = entry.getKey();
      if (lane.service().equals(service) && !lane.equals(own)) {
        int[] counts = entry.getValue().runsOf(sha, now, window);
        if (counts[0] + counts[1] > 0) {
          runs.add(new RiskContext.CommitRuns(lane.environment(), counts[0], counts[1]));
        }
      }
    }
    runs.sort(Comparator.comparing(RiskContext.CommitRuns::environment));
    return runs;
  }

  /** A service in one environment, the environment lower-case. */
  private record Lane(ServiceId service, String environment) {
    Lane {
      environment = environment.strip().toLowerCase(java.util.Locale.ROOT);
    }
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
    /** The changes in {@link #closed}. */
    private final Set<ChangeId> closedIds = new HashSet<>();
    /** How many of {@link #closed} failed. */
    private int failedClosed;

    private record Outcome(ChangeId change, Optional<String> sha, Instant at, boolean failed) {}

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
    synchronized void closed(ChangeId change, Optional<String> sha, Instant at, boolean failed) {
      ArrayDeque<Outcome> later = new ArrayDeque<>(0);
      while (!closed.isEmpty() && closed.peekLast().at().isAfter(at)) {
        later.addFirst(closed.removeLast());
      }
      closed.addLast(new Outcome(change, sha, at, failed));
      closed.addAll(later);
      closedIds.add(change);
      failedClosed += failed ? 1 : 0;
    }

    /** Counts {@code change}, closed earlier, as successful after all (the incident against it was released). */
    synchronized void succeededAfterAll(ChangeId change) {
      reclassify(change, false);
    }

    /** Counts {@code change}, closed earlier, as failed after all (it caused an incident). */
    synchronized void failedAfterAll(ChangeId change) {
      reclassify(change, true);
    }

    /**
     * Keeps the outcome of {@code change}, closed at {@code at}, restored from its record: once,
     * however often it is restored, and as failed if its last record says so.
     */
    synchronized void restoreOutcome(ChangeId change, Optional<String> sha, Instant at, boolean failed) {
      if (closedIds.contains(change)) {
        reclassify(change, failed);
      } else {
        closed(change, sha, at, failed);
      }
    }

    private void reclassify(ChangeId change, boolean failed) {
      if (!closedIds.contains(change)) {
        return;
      }
      List<Outcome> all = new ArrayList<>(closed);
      closed.clear();
      failedClosed = 0;
      for (Outcome o : all) {
        Outcome kept = o.change().equals(change) ? new Outcome(change, o.sha(), o.at(), failed) : o;
        closed.addLast(kept);
        failedClosed += kept.failed() ? 1 : 0;
      }
    }

    /**
     * The outcomes closed within {@code window} before {@code now}, forgetting older ones. Kept in
     * time order with a running count of failures, so this costs what it forgets, not the history.
     */
    synchronized RiskContext.RecentChanges recent(Instant now, Duration window) {
      forgetBefore(now.minus(window));
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

    private void forgetBefore(Instant from) {
      while (!closed.isEmpty() && closed.peekFirst().at().isBefore(from)) {
        Outcome old = closed.removeFirst();
        closedIds.remove(old.change());
        failedClosed -= old.failed() ? 1 : 0;
      }
    }

    /**
     * How many changes of commit {@code sha} closed within {@code window} before {@code now}:
     * succeeded, then failed. Another environment's book is read only for a change of the same
     * commit, so a scan of its recent outcomes is enough.
     */
    synchronized int[] runsOf(String sha, Instant now, Duration window) {
      forgetBefore(now.minus(window));
      int[] counts = new int[2];
      for (Outcome o : closed) {
        if (!o.at().isAfter(now) && o.sha().filter(sha::equals).isPresent()) {
          counts[o.failed() ? 1 : 0]++;
        }
      }
      return counts;
    }
  }
}
