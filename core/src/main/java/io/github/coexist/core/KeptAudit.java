package io.github.coexist.core;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.audit.AuditStore;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.util.Optional;

/**
 * The audit trail of a {@link io.github.coexist.core.store.StateStore}, appended through {@link
 * Keeping}: an entry goes into the next group commit with the records of the work it audits,
 * instead of a transaction of its own. It refuses an entry that does not follow the last one
 * appended (kept or waiting), as the store would, so {@link io.github.coexist.core.audit.AuditTrail}
 * chains to the real last entry; reads see what is committed. Thread-safe.
 */
final class KeptAudit implements AuditStore {
  private final Keeping keeping;
  private final AuditStore kept;
  /** Guarded by this: the last entry appended or read from the store, until {@link #forget()}. */
  private Optional<AuditEntry> tail = Optional.empty();
  /** Guarded by this: whether {@link #tail} is known. */
  private boolean known;

  KeptAudit(Keeping keeping, AuditStore kept) {
    this.keeping = keeping;
    this.kept = kept;
  }

  @Override
  public synchronized Either<CoexistError, Done> append(AuditEntry entry) {
    Either<CoexistError, Optional<AuditEntry>> last = last();
    if (last.isLeft()) {
      return Either.left(last.getLeft());
    }
    long expected = last.get().map(AuditEntry::sequence).orElse(0L) + 1;
    if (entry.sequence() != expected) {
      return Either.left(new CoexistError.Conflict("audit entry " + entry.sequence() + " does not follow entry "
          + (expected - 1) + "; the chain cannot fork"));
    }
    keeping.append(entry);
    tail = Optional.of(entry);
    return Either.right(Done.DONE);
  }

  @Override
  public synchronized Either<CoexistError, Optional<AuditEntry>> last() {
    if (known) {
      return Either.right(tail);
    }
    Either<CoexistError, Optional<AuditEntry>> read = kept.last();
    read.peek(last -> {
      tail = last;
      known = true;
    });
    return read;
  }

  @Override
  public Either<CoexistError, Seq<AuditEntry>> read(long from, int limit) {
    return kept.read(from, limit);
  }

  /**
   * Reads the last entry from the store again at the next append: another instance may have
   * appended since this one last did (called when this instance takes the lease).
   */
  synchronized void forget() {
    known = false;
  }
}
