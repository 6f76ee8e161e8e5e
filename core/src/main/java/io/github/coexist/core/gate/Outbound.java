package io.github.coexist.core.gate;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.GateReplies;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.change.RecordedChange;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.ExternalKey;
import io.vavr.control.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate's writes to the outside: mirroring a change into the ITSM tool and answering the
 * pipeline. Nothing is lost to a tool that is down: a transient failure leaves the change marked
 * for retry on the next tick; any other failure is logged and shown on the read side. Callers
 * hold the tracked change's lock.
 */
final class Outbound {
  private static final Logger LOG = LoggerFactory.getLogger(Outbound.class);

  private final ChangeRecords records;
  private final GateReplies replies;
  private final Ledger ledger;

  Outbound(ChangeRecords records, GateReplies replies, Ledger ledger) {
    this.records = records;
    this.replies = replies;
    this.ledger = ledger;
  }

  String system() {
    return records.system();
  }

  /** Creates the record if needed and brings it up to the latest snapshot. */
  void sync(Tracked t) {
    if (t.change.externalKey().isEmpty()) {
      Either<CoexistError, ExternalKey> ensured = records.ensure(t.change);
      if (ensured.isLeft()) {
        syncFailed(t, ensured.getLeft());
        return;
      }
      t.change = t.change.recordedAs(ensured.get());
      ledger.recordedAs(t, ensured.get());
    }
    Change change = t.change;
    Either<CoexistError, RecordedChange> updated = records.update(change.externalKey().orElseThrow(), change);
    if (updated.isLeft()) {
      syncFailed(t, updated.getLeft());
    } else if (updated.get().state() != change.state()) {
      syncFailed(t, new CoexistError.Conflict(records.system() + " holds " + updated.get().key().display()
          + " in state " + updated.get().state() + " after it was moved to " + change.state()));
    } else {
      t.sync = TrackedChange.Sync.SYNCED;
    }
  }

  /** Reads the record as the ITSM tool holds it now. */
  Either<CoexistError, RecordedChange> read(ExternalKey key) {
    return records.read(key);
  }

  /** Tells the pipeline the change's current decision. */
  void reply(Tracked t) {
    Change c = t.change;
    send(t, new GateReply(c.id(), c.externalKey(), c.decision().outcome(), Comments.of(c, t.explanation),
        c.request().source(), c.request().replyTo()));
  }

  /** Retries what failed transiently; true when nothing is left to retry. */
  boolean retry(Tracked t) {
    if (t.sync == TrackedChange.Sync.PENDING) {
      sync(t);
    }
    if (t.pendingReply != null) {
      send(t, t.pendingReply);
    }
    return !t.needsRetry();
  }

  private void send(Tracked t, GateReply reply) {
    Either<CoexistError, Done> sent = replies.reply(reply);
    if (sent.isRight()) {
      t.pendingReply = null;
      return;
    }
    CoexistError error = sent.getLeft();
    if (error.isTransient()) {
      LOG.info("pipeline not answered about change {} yet, will retry: {}", t.id, error.message());
      t.pendingReply = reply;
      ledger.retries().add(t);
    } else {
      LOG.warn("pipeline refused the answer about change {}: {}", t.id, error.message());
      t.pendingReply = null;
      t.problem = "reply: " + error.message();
    }
  }

  private void syncFailed(Tracked t, CoexistError error) {
    if (error.isTransient()) {
      LOG.info("{} did not take change {} yet, will retry: {}", records.system(), t.id, error.message());
      t.sync = TrackedChange.Sync.PENDING;
      ledger.retries().add(t);
    } else {
      LOG.warn("{} refused change {}: {}", records.system(), t.id, error.message());
      t.sync = TrackedChange.Sync.FAILED;
      t.problem = records.system() + ": " + error.message();
    }
  }
}
