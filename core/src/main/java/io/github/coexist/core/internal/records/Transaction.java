package io.github.coexist.core.internal.records;

import io.github.coexist.core.audit.AuditEvent;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Not API. One {@link RecordBook#write write} under the book's lock: reads the records and commits
 * steps. What it commits is mirrored and announced after the lock is released.
 *
 * @param <I> the record id
 * @param <R> the record type
 * @param <E> the event type
 */
public final class Transaction<I, R, E> implements RecordView<I, R> {
  private final RecordBook<I, R, E> book;
  private final Set<I> touched = new LinkedHashSet<>();

  Transaction(RecordBook<I, R, E> book) {
    this.book = book;
  }

  @Override
  public Optional<R> get(I id) {
    return book.stored(id);
  }

  @Override
  public Either<CoexistError, R> find(I id) {
    return get(id).<Either<CoexistError, R>>map(Either::right).orElseGet(() -> Either.left(book.notFound(id)));
  }

  @Override
  public Collection<R> all() {
    return book.storedAll();
  }

  /**
   * Audits the step (a refusal commits nothing and is returned), then stores its record, updates
   * the indexes and queues its events. A step that changes nothing is not stored at all.
   */
  public Either<CoexistError, R> commit(Step<R, E> step) {
    I id = book.idOf(step.after());
    Optional<R> before = get(id);
    if (step.audit().isEmpty() && step.events().isEmpty() && before.equals(Optional.of(step.after()))) {
      return Either.right(step.after());
    }
    Optional<CoexistError> refused = step.audit().flatMap(this::audit);
    if (refused.isPresent()) {
      return Either.left(refused.get());
    }
    book.store(before, step.after());
    step.events().forEach(this::emit);
    touched.add(id);
    return Either.right(step.after());
  }

  /** Records {@code event} in the audit trail, when there is one; returns the trail's refusal. */
  public Optional<CoexistError> audit(AuditEvent event) {
    return book.audit(event);
  }

  /** Queues an event that belongs to no commit (a breached SLA, an offered survey). */
  public void emit(E event) {
    book.queue(event);
  }

  /**
   * Hands the book's keeper the record's state again: for a desk whose kept form holds more than
   * the record, when that more changed.
   */
  public void keep(I id) {
    book.keep(id);
  }

  /**
   * Puts back {@code record} as a store kept it (replacing the one with its id): indexed, but not
   * audited, announced, mirrored now or handed to the keeper. A record the tool does not hold yet
   * ({@code unsynced}, with its last error) is pending, retried by the next resync.
   */
  public void restore(R record, Optional<CoexistError> unsynced) {
    book.restore(record, unsynced);
  }

  Set<I> touched() {
    return touched;
  }
}
