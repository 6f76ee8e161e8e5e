package io.github.coexist.core.gate;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.GateReplies;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.change.RecordedChange;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.Durability;
import io.github.coexist.core.kernel.ExternalKey;
import io.vavr.control.Either;
import io.github.coexist.core.internal.delivery.Lane;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.NullUnmarked;

/**
 * The gate's writes to the outside: mirroring a change into the ITSM tool and answering the
 * pipeline. What a change owes is part of its state ({@link Tracked#owe}), published before it is
 * delivered, so a write is never lost to a crash: {@link #deliver} is the one way it goes out,
 * right after the move that caused it and again on every tick while a tool is down. Outbox first:
 * a write goes out only once the state that owes it is durable ({@link Durability}); until then
 * the pass is held and the commit that makes it durable delivers it. A transient failure leaves
 * the write owed; any other is shown on the read side and logged once per cause. A record the tool
 * refuses for good is the gate's to judge ({@code refusals}); the reply owed with it waits for that
 * judgement, and the judgement's reply then follows at once in the pipeline's lane, here or on
 * workers alike, so the pipeline learns why nobody can approve. Delivering twice is harmless: the
 * ITSM record is ensured by the change's idempotency key, a reply is a status.
 *
 * <p>Where the writes run: by default on the caller's thread, the ITSM record first and then the
 * reply (naming the record just created), before {@link #deliver} returns. Given workers, each
 * tool has its own lane per change ({@link Tracked#toRecords}, {@link Tracked#toPipeline}) on its
 * own workers, so a hanging ITSM tool delays neither the reply nor the caller: the reply names
 * the ITSM record when it is known by then, and does not wait for it. Per change and tool, the
 * writes still go one at a time, latest state first read when each pass starts.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
final class Outbound {
  private static final Logger LOG = LoggerFactory.getLogger(Outbound.class);

  private final ChangeRecords records;
  private final GateReplies replies;
  private final Ledger ledger;
  private final Consumer<Tracked> publish;
  private final BiPredicate<Tracked, CoexistError> refusals;
  private final ReportedCauses reported = new ReportedCauses();
  private final Optional<Executor> recordWorkers;
  private final Optional<Executor> replyWorkers;
  private final Durability durability;

  /**
   * Writes through {@code records} and {@code replies}, on {@code recordWorkers} and {@code
   * replyWorkers} when given, else on the caller's thread; {@code publish} publishes a change,
   * under its lock; {@code refusals} judges a change whose record the tool refused for good, under
   * its lock, and says whether that decided it; nothing goes out before {@code durability} says
   * the state owing it is committed.
   */
  Outbound(ChangeRecords records, GateReplies replies, Ledger ledger, Consumer<Tracked> publish,
      BiPredicate<Tracked, CoexistError> refusals, Optional<Executor> recordWorkers, Optional<Executor> replyWorkers,
      Durability durability) {
    this.records = records;
    this.replies = replies;
    this.ledger = ledger;
    this.publish = publish;
    this.refusals = refusals;
    this.recordWorkers = recordWorkers;
    this.replyWorkers = replyWorkers;
    this.durability = durability;
  }

  /** Notes that {@code t} now owes what its state just kept says; under its lock, after the keeper took it. */
  void owed(Tracked t) {
    t.owedAt = durability.mark();
  }

  String system() {
    return records.system();
  }

  /** Reads the records as the ITSM tool holds them now, in as few calls as it allows. */
  Either<CoexistError, Map<ExternalKey, RecordedChange>> readAll(Collection<ExternalKey> keys) {
    return records.readAll(keys);
  }

  /**
   * Runs {@code read} in {@code lane} on the ITSM tool's workers, so a read of the tool holds up
   * no caller; false when there are no workers (the caller reads itself). A read the full workers
   * refuse is left to the next ask.
   */
  boolean readOnWorkers(Lane lane, BooleanSupplier read) {
    if (recordWorkers.isEmpty()) {
      return false;
    }
    if (!lane.ask(recordWorkers.get(), read)) {
      LOG.info("{} workers busy: approvals are read back at a later tick", records.system());
    }
    return true;
  }

  /** The reply telling the pipeline the change's current decision; call under the change's lock. */
  GateReply replyFor(Tracked t) {
    Change c = t.change;
    Optional<String> refusal = t.sync == TrackedChange.Sync.FAILED ? Optional.ofNullable(t.problem) : Optional.empty();
    return new GateReply(c.id(), c.externalKey(), c.decision().outcome(), Comments.of(c, t.explanation, refusal),
        c.request().source(), c.request().replyTo());
  }

  /**
   * Delivers what {@code t} owes, or hands it to the workers: the latest snapshot to the ITSM tool
   * (creating its record if needed) and the reply to the pipeline; settles each outcome into {@code
   * t} and publishes it. The remote calls run outside the change's lock, in its lanes, so they
   * reach each tool in order; call without holding the change's lock. True when nothing is owed
   * any more by the time this returns (with workers, typically false until they delivered).
   */
  boolean deliver(Tracked t) {
    if (recordWorkers.isEmpty() && replyWorkers.isEmpty()) {
      return t.toRecords.runHere(() -> t.toPipeline.runHere(() -> pass(t, true, true)));
    }
    boolean here = true;
    here &= lane(t, t.toRecords, recordWorkers, () -> pass(t, true, false));
    here &= lane(t, t.toPipeline, replyWorkers, () -> pass(t, false, true));
    synchronized (t) {
      return here && !t.needsRetry();
    }
  }

  /** Runs {@code pass} in {@code lane}: here when there are no workers (answering its outcome), else on them (false). */
  private boolean lane(Tracked t, Lane lane, Optional<Executor> workers, BooleanSupplier pass) {
    if (workers.isEmpty()) {
      return lane.runHere(pass);
    }
    if (!lane.ask(workers.get(), pass)) {
      LOG.info("workers busy, change {} stays owed until a tick", t.id);
    }
    return false;
  }

  /**
   * One delivery of what {@code t} owes the ITSM tool ({@code toRecords}) and the pipeline ({@code
   * toPipeline}); runs in the lanes of those tools. True when {@code t} owes nothing any more.
   */
  private boolean pass(Tracked t, boolean toRecords, boolean toPipeline) {
    Owed owed;
    synchronized (t) {
      if (!t.needsRetry()) {
        ledger.retries().remove(t);
        return true;
      }
      owed = new Owed(t.moves,
          toRecords && t.sync == TrackedChange.Sync.PENDING ? Optional.of(t.change) : Optional.empty(),
          toPipeline ? Optional.ofNullable(t.pendingReply) : Optional.empty(), t.change.externalKey());
      if ((owed.change().isPresent() || owed.reply().isPresent()) && !committed(t)) {
        return false;
      }
    }
    if (owed.change().isEmpty() && owed.reply().isEmpty()) {
      return false;
    }
    Optional<Synced> synced = owed.change().map(this::sync);
    Optional<ExternalKey> key = synced.flatMap(Synced::ensured).or(owed::key);
    // A reply owed with a refused record waits for the gate's judgement of the refusal (settle).
    Optional<Replied> replied = owed.reply().filter(r -> synced.filter(Synced::refused).isEmpty())
        .map(r -> reply(key.isPresent() && r.externalKey().isEmpty() ? Comments.withKey(r, key.get()) : r));
    boolean answerRefusal;
    synchronized (t) {
      synced.ifPresent(s -> settle(t, owed.move(), s));
      replied.ifPresent(r -> settle(t, owed.reply().orElseThrow(), r));
      publish.accept(t);
      answerRefusal = t.pendingReply != null && synced.filter(Synced::refused).isPresent();
      if (answerRefusal) {
        owed(t);
      }
      if (!t.needsRetry()) {
        ledger.retries().remove(t);
        return true;
      }
    }
    // The judgement's reply goes now, in the pipeline's lane (here, or on its workers), not at the next tick.
    return answerRefusal && lane(t, t.toPipeline, replyWorkers, () -> pass(t, false, true));
  }

  /**
   * Whether the state that made {@code t} owe its writes is committed; if not, a commit waiter
   * delivers them once it is (one waiter per mark). Under {@code t}'s lock.
   */
  private boolean committed(Tracked t) {
    long mark = t.owedAt;
    if (t.heldAt >= mark) {
      return false;
    }
    if (durability.durableOr(mark, () -> released(t, mark))) {
      return true;
    }
    t.heldAt = mark;
    return false;
  }

  /** The commit holding mark {@code mark} of {@code t} ended: what it owes goes out now. */
  private void released(Tracked t, long mark) {
    synchronized (t) {
      if (t.heldAt == mark) {
        t.heldAt = -1;
      }
    }
    deliver(t);
  }

  /** What a change owed when its delivery began. */
  private record Owed(long move, Optional<Change> change, Optional<GateReply> reply, Optional<ExternalKey> key) {}

  /**
   * How syncing one snapshot went: the key of the record it created, and the error if any;
   * {@code refused} when the tool refused the record for good (not a state it kept).
   */
  private record Synced(Optional<ExternalKey> ensured, Optional<CoexistError> error, boolean refused) {
    Synced(Optional<ExternalKey> ensured, CoexistError answer) {
      this(ensured, Optional.of(answer), !answer.isTransient());
    }
  }

  /** How sending one reply went: the reply as sent, and the error if any. */
  private record Replied(GateReply sent, Optional<CoexistError> error) {}

  /** Creates the record if needed and brings it up to {@code change}; remote calls only. */
  private Synced sync(Change change) {
    Optional<ExternalKey> ensured = Optional.empty();
    Change sent = change;
    if (change.externalKey().isEmpty()) {
      Either<CoexistError, ExternalKey> key = records.ensure(change);
      if (key.isLeft()) {
        return new Synced(ensured, key.getLeft());
      }
      ensured = Optional.of(key.get());
      sent = change.recordedAs(key.get());
    }
    Either<CoexistError, RecordedChange> updated = records.update(sent.externalKey().orElseThrow(), sent);
    if (updated.isLeft()) {
      return new Synced(ensured, updated.getLeft());
    }
    if (updated.get().state() != sent.state()) {
      return new Synced(ensured, Optional.of(new CoexistError.Conflict(records.system() + " holds "
          + updated.get().key().display() + " in state " + updated.get().state() + " after it was moved to "
          + sent.state())), false);
    }
    return new Synced(ensured, Optional.empty(), false);
  }

  private Replied reply(GateReply reply) {
    Either<CoexistError, Done> sent = replies.reply(reply);
    return new Replied(reply, sent.isLeft() ? Optional.of(sent.getLeft()) : Optional.empty());
  }

  /**
   * Takes in how syncing the snapshot of move {@code move} went: synced only if the change has not
   * moved since (its newer snapshot is still owed, and delivered next).
   */
  private void settle(Tracked t, long move, Synced synced) {
    synced.ensured().filter(k -> t.change.externalKey().isEmpty()).ifPresent(k -> {
      t.change = t.change.recordedAs(k);
      ledger.recordedAs(t, k);
    });
    boolean latest = t.moves == move;
    if (synced.error().isEmpty()) {
      t.sync = latest ? TrackedChange.Sync.SYNCED : t.sync;
      return;
    }
    CoexistError error = synced.error().get();
    if (error.isTransient()) {
      LOG.info("{} did not take change {} yet, will retry: {}", records.system(), t.id, error.message());
    } else {
      if (reported.first(records.system(), error)) {
        LOG.warn("{} refused change {}: {} (logged once per cause; other changes it refuses for it at debug)",
            records.system(), t.id, error.message());
      } else {
        LOG.debug("{} refused change {}: {}", records.system(), t.id, error.message());
      }
      t.sync = latest ? TrackedChange.Sync.FAILED : t.sync;
      t.problem = records.system() + ": " + error.message();
      if (synced.refused() && latest && (refusals.test(t, error) || t.pendingReply != null)) {
        // The reply held back, or the one the judgement owes, says what the tool refused.
        t.pendingReply = replyFor(t);
      }
    }
  }

  /** Takes in how sending {@code owed} went, unless a newer reply replaced it meanwhile. */
  private void settle(Tracked t, GateReply owed, Replied replied) {
    boolean current = owed.equals(t.pendingReply);
    if (replied.error().isEmpty()) {
      t.pendingReply = current ? null : t.pendingReply;
      return;
    }
    CoexistError error = replied.error().get();
    if (error.isTransient()) {
      LOG.info("pipeline not answered about change {} yet, will retry: {}", t.id, error.message());
      t.pendingReply = current ? replied.sent() : t.pendingReply;
    } else {
      LOG.warn("pipeline refused the answer about change {}: {}", t.id, error.message());
      t.pendingReply = current ? null : t.pendingReply;
      t.problem = "reply: " + error.message();
    }
  }
}
