package io.github.coexist.core.audit;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.Optional;

/** The embedded default {@link AuditStore}: entries in memory, in order. Thread-safe. */
public final class InMemoryAuditStore implements AuditStore {
  private final java.util.List<AuditEntry> entries = new ArrayList<>();

  /** An empty store. */
  public InMemoryAuditStore() {}

  @Override
  public synchronized Either<CoexistError, Done> append(AuditEntry entry) {
    long expected = entries.size() + 1L;
    if (entry.sequence() != expected) {
      return Either.left(new CoexistError.Conflict(
          "audit entry " + entry.sequence() + " does not follow entry " + (expected - 1)));
    }
    entries.add(entry);
    return Either.right(Done.DONE);
  }

  @Override
  public synchronized Either<CoexistError, Optional<AuditEntry>> last() {
    return Either.right(entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1)));
  }

  @Override
  public synchronized Either<CoexistError, Seq<AuditEntry>> read(long from, int limit) {
    if (from < 1 || limit < 0) {
      return Either.left(CoexistError.invalid("from must be at least 1 and limit not negative"));
    }
    int start = (int) Math.min(from - 1, entries.size());
    int end = (int) Math.min((long) start + limit, entries.size());
    return Either.right(List.ofAll(entries.subList(start, end)));
  }

  /** Replaces an entry in place: only for tests that prove tampering is detected. */
  synchronized void tamper(AuditEntry replacement) {
    entries.set((int) replacement.sequence() - 1, replacement);
  }
}
