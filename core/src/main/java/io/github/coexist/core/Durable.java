package io.github.coexist.core;

import io.github.coexist.core.audit.AuditStore;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.signal.SignalOutcome;
import io.github.coexist.core.store.Inbox;
import io.github.coexist.core.store.InboxEntry;
import io.github.coexist.core.store.LeaseGrant;
import io.github.coexist.core.store.StateStore;
import io.github.coexist.core.store.StoredRecord;
import io.github.coexist.core.store.StoredState;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Coexist's state kept in a {@link StateStore}: the records the services produce (committed by
 * {@link Keeping}), the inbox of signals received, and the lease that makes one instance the
 * writer. The lease holder processes the inbox and commits, fenced by its grant; every other
 * instance is a standby that applies what the holder committed. An instance that loses the lease
 * with work it could not commit has state the store does not hold: it reports itself diverged and
 * must be restarted (its records are lost to the store, but its inbox entries were not marked
 * done, so the new holder processes them again). Thread-safe.
 */
final class Durable {
  private static final Logger LOG = LoggerFactory.getLogger(Durable.class);
  /** Inbox entries read at a time. */
  static final int INBOX_BATCH = 256;
  /**
   * Entries processed per commit at most, and how long a commit may wait for more: one commit
   * makes many fast entries durable, while slow ones (a tool that takes its time) are each
   * committed soon after they are done.
   */
  static final int COMMIT_EVERY = 64;
  static final Duration COMMIT_WITHIN = Duration.ofMillis(50);

  private final StateStore store;
  private final Keeping keeping;
  private final KeptAudit audit;
  private final Clock clock;
  private final String instance;
  private final Duration leaseTtl;
  private final Consumer<List<StoredRecord>> restore;
  private final Object processing = new Object();
  private volatile Optional<LeaseGrant> grant = Optional.empty();
  private volatile long revision;
  private volatile Optional<String> diverged = Optional.empty();
  private volatile Optional<String> lastProblem = Optional.empty();
  private volatile Runnable wake = () -> { };

  Durable(StateStore store, Clock clock, String instance, Duration leaseTtl, Consumer<List<StoredRecord>> restore) {
    this.store = store;
    this.keeping = new Keeping(store);
    this.audit = new KeptAudit(keeping, store.audit());
    this.clock = clock;
    this.instance = instance;
    this.leaseTtl = leaseTtl;
    this.restore = restore;
  }

  Keeping keeping() {
    return keeping;
  }

  /** The store's audit trail, appended to in the same commits as the records. */
  AuditStore audit() {
    return audit;
  }

  Duration leaseTtl() {
    return leaseTtl;
  }

  /** Reads everything the store holds into the services; at start-up, before anything else. */
  Either<CoexistError, Integer> load() {
    return catchUp();
  }

  /** Keeps {@code signal} in the inbox; wakes the processor when it is new. */
  Either<CoexistError, Inbox.Receipt> receive(String deliveryKey, Signal signal) {
    Either<CoexistError, Inbox.Receipt> kept = store.inbox().record(deliveryKey, signal, clock.instant());
    kept.filter(receipt -> receipt instanceof Inbox.Receipt.Recorded).peek(recorded -> wake.run());
    return kept;
  }

  /** What to run when a new signal waits in the inbox (the tick thread's wake-up). */
  void onReceive(Runnable wake) {
    this.wake = wake;
    // A delivery held for a commit asks for one the same way: processing ends with a commit.
    keeping.onWaiting(wake);
  }

  /** Whether this instance holds the lease and may write. */
  boolean holdsLease() {
    return grant.isPresent() && diverged.isEmpty();
  }

  /**
   * Takes or renews the lease. Taking it over from another holder first applies everything that
   * holder committed; losing it with uncommitted work marks this instance diverged.
   */
  synchronized void holdLease() {
    if (diverged.isPresent()) {
      return;
    }
    Either<CoexistError, Optional<LeaseGrant>> acquired = store.lease().acquire(instance, leaseTtl);
    if (acquired.isLeft()) {
      problem("the lease could not be renewed: " + acquired.getLeft().message());
      return;
    }
    Optional<LeaseGrant> now = acquired.get();
    Optional<LeaseGrant> before = grant;
    if (now.isPresent() && (before.isEmpty() || before.get().token() != now.get().token())) {
      // Every taking of the lease adds one to its token: one more than ours means it lapsed and
      // nobody took it in between, so nobody else wrote. More means somebody did.
      if (before.isPresent() && now.get().token() != before.get().token() + 1) {
        lost("the lease changed hands (token " + before.get().token() + " to " + now.get().token() + ")");
        return;
      }
      if (before.isEmpty()) {
        // A standby until now: the holder before may have appended to the audit trail.
        audit.forget();
      }
      Either<CoexistError, Integer> caughtUp = catchUp();
      if (caughtUp.isLeft()) {
        problem("took the lease but could not read the store: " + caughtUp.getLeft().message());
        store.lease().release(now.get());
        return;
      }
      LOG.info("{} holds the lease {}(token {})", instance, before.isPresent() ? "again after it lapsed " : "now ",
          now.get().token());
    } else if (now.isEmpty() && before.isPresent()) {
      lost("another instance holds the lease");
      return;
    }
    grant = now;
    keeping.fence(now);
  }

  private void lost(String why) {
    grant = Optional.empty();
    keeping.fence(Optional.empty());
    if (keeping.waiting() > 0) {
      diverged = Optional.of(instance + " lost the lease with work the store does not hold (" + why
          + "): restart it");
      LOG.error("{}", diverged.get());
    } else {
      LOG.warn("{} lost the lease: {}; standing by", instance, why);
    }
  }

  /** On a standby: applies what the holder committed since the last look. */
  synchronized Either<CoexistError, Integer> catchUp() {
    // What this instance committed itself, it holds already.
    revision = Math.max(revision, keeping.revision());
    Either<CoexistError, StoredState> read = store.load(revision);
    if (read.isLeft()) {
      return Either.left(read.getLeft());
    }
    StoredState state = read.get();
    if (!state.records().isEmpty()) {
      restore.accept(state.records());
    }
    revision = Math.max(revision, state.revision());
    return Either.right(state.records().size());
  }

  /**
   * Processes the inbox's pending entries in order through {@code accept}, committing each batch
   * with its entries marked done. A signal core refuses for good is done (its refusal is its
   * outcome); one refused for a transient reason stops the batch, to be tried again.
   */
  Either<CoexistError, Integer> processInbox(Function<Signal, Either<CoexistError, SignalOutcome>> accept) {
    synchronized (processing) {
      int processed = 0;
      while (holdsLease()) {
        Either<CoexistError, Seq<InboxEntry>> pending = store.inbox().pending(INBOX_BATCH);
        if (pending.isLeft()) {
          return Either.left(pending.getLeft());
        }
        int taken = 0;
        int uncommitted = 0;
        long since = clock.millis();
        for (InboxEntry entry : pending.get()) {
          Either<CoexistError, SignalOutcome> outcome;
          try (MDC.MDCCloseable delivery = MDC.putCloseable(LogContext.DELIVERY, entry.deliveryKey())) {
            outcome = accept.apply(entry.signal());
          } catch (RuntimeException bug) {
            // A signal that trips a bug would stop every signal behind it: it is logged whole and set
            // aside as a dead letter (kept in the inbox, marked, counted), and the others go on.
            Either<CoexistError, Done> setAside = store.inbox().setAside(entry.sequence(), "processing failed: " + bug);
            if (setAside.isLeft()) {
              return Either.left(setAside.getLeft());
            }
            LOG.error("inbox entry {} ({}) set aside as a dead letter: processing it failed", entry.sequence(),
                entry.deliveryKey(), bug);
            taken++;
            continue;
          }
          if (outcome.isLeft() && outcome.getLeft().isTransient()) {
            LOG.info("inbox entry {} ({}) waits: {}", entry.sequence(), entry.deliveryKey(),
                outcome.getLeft().message());
            break;
          }
          outcome.peekLeft(refused -> LOG.info("inbox entry {} ({}) refused: {}", entry.sequence(),
              entry.deliveryKey(), refused.message()));
          keeping.inboxDone(entry.sequence());
          taken++;
          uncommitted++;
          if (uncommitted >= COMMIT_EVERY || clock.millis() - since >= COMMIT_WITHIN.toMillis()) {
            Either<CoexistError, Done> committed = flush();
            if (committed.isLeft()) {
              return Either.left(committed.getLeft());
            }
            processed += uncommitted;
            uncommitted = 0;
            since = clock.millis();
          }
        }
        Either<CoexistError, Done> committed = flush();
        if (committed.isLeft()) {
          return Either.left(committed.getLeft());
        }
        processed += uncommitted;
        if (taken < INBOX_BATCH) {
          break;
        }
      }
      return Either.right(processed);
    }
  }

  /**
   * Commits what the services produced, fenced by the lease; a standby commits nothing (only the
   * holder writes), and a refusal for a stale lease makes this instance a standby.
   */
  Either<CoexistError, Done> flush() {
    if (!holdsLease()) {
      return Either.left(new CoexistError.Unavailable(diverged.orElse(instance + " does not hold the lease: "
          + "only the holder writes")));
    }
    long before = keeping.revision();
    Either<CoexistError, Done> committed = keeping.flush();
    committed.peekLeft(error -> {
      problem("could not write: " + error.message());
      if (error instanceof CoexistError.Conflict) {
        lost("the store refused a commit under the old lease");
      }
    });
    if (committed.isRight() && keeping.revision() > before) {
      lastProblem = Optional.empty(); // the store took a write: whatever failed before works again
    }
    return committed;
  }

  /** Gives the lease up at shutdown, so a standby takes over at once. */
  void release() {
    grant.ifPresent(held -> store.lease().release(held));
    grant = Optional.empty();
  }

  StoreStatus status() {
    Optional<LeaseGrant> holder = store.lease().current().getOrElse(Optional.empty());
    long backlog = store.inbox().backlog().getOrElse(-1L);
    long deadLetters = store.inbox().deadLetters().getOrElse(-1L);
    return new StoreStatus(store.location(), instance, holder, holdsLease(), Math.max(revision, keeping.revision()),
        backlog, deadLetters, keeping.waiting(),
        diverged.or(() -> lastProblem));
  }

  /** Records that work was refused because the store could not give what it needed. */
  void refused(CoexistError error) {
    problem("could not write: " + error.message());
  }

  private void problem(String description) {
    lastProblem = Optional.of(description);
    LOG.warn("{}: {}", instance, description);
  }
}
