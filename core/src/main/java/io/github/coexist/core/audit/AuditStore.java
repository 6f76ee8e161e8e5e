package io.github.coexist.core.audit;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.util.Optional;

/**
 * Port: where audit entries are kept. Append-only: an implementation keeps entries in the order
 * appended and never changes one. The chaining and its verification live in {@link AuditTrail},
 * so a store needs no cryptography. Implementations are thread-safe and pass {@code
 * AuditStoreCompatibilityKit} from coexist-testkit.
 */
public interface AuditStore {

  /**
   * Keeps {@code entry} after the last one. Refuses with {@link CoexistError.Conflict} an entry
   * whose sequence is not the last one's plus one, so two writers can never fork the chain.
   */
  Either<CoexistError, Done> append(AuditEntry entry);

  /** The last entry appended, if any. */
  Either<CoexistError, Optional<AuditEntry>> last();

  /** Entries from sequence {@code from} (inclusive, from 1), at most {@code limit} of them. */
  Either<CoexistError, Seq<AuditEntry>> read(long from, int limit);
}
