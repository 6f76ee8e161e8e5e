package io.github.coexist.core.store;

import io.github.coexist.core.audit.AuditStore;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;

/**
 * Port: where coexist keeps its records. Every record has a kind and a key
 * ({@link StoredRecord#kind()}, {@link StoredRecord#key()}); a later write of the same kind and
 * key replaces the earlier one. Each write is stamped with a revision, a number that grows with
 * every commit across all instances, so a standby can read what changed since it last looked.
 * Implementations are thread-safe and pass {@code StateStoreCompatibilityKit} from coexist-testkit.
 */
public interface StateStore extends AutoCloseable {

  /**
   * Where the records are kept, for people ({@code "embedded file /srv/coexist-data/coexist.db"},
   * {@code "PostgreSQL at db.internal:5432/coexist"}): never a password.
   */
  String location();

  /**
   * The latest state of every record written in a revision after {@code revision}, in revision
   * order; {@code 0} reads everything.
   */
  Either<CoexistError, StoredState> load(long revision);

  /**
   * Writes {@code batch} atomically: its records, its deletions, its audit entries appended to
   * {@link #audit()}, and its inbox entries marked done, all or none. A deleted record is no longer
   * loaded (a standby that loaded it before is not told: delete only what no longer matters). Refuses with {@link CoexistError.Conflict},
   * writing nothing, a batch fenced by a lease grant that is no longer the current one, and one
   * whose audit entries do not follow the last entry kept one by one (the chain cannot fork).
   * Answers the revision the batch was written at (the last revision, unchanged, for an empty
   * batch).
   */
  Either<CoexistError, Long> commit(Batch batch);

  /**
   * Reserves {@code count} numbers of {@code sequence} ({@code "change"}, {@code "incident"},
   * ...) that were never handed out before, by this instance or any other, before or after a
   * restart. The numbers of a block are consecutive; blocks grow.
   */
  Either<CoexistError, NumberBlock> reserve(String sequence, int count);

  /** The inbox kept in the same store, so an entry is marked done in the same transaction. */
  Inbox inbox();

  /**
   * The audit trail kept in the same store, so that a {@link Batch}'s audit entries are written in
   * the same transaction as the state they record. Appending to it directly works too, one entry
   * per transaction.
   */
  AuditStore audit();

  /** The lease kept in the same store, which fences its commits. */
  Lease lease();

  /** Releases connections and files; the records stay. */
  @Override
  void close();
}
