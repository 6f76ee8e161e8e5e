package io.github.coexist.core.internal.records;

import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.Collection;
import java.util.Optional;

/**
 * Not API. The records of a {@link RecordBook} as they are under its lock: valid only inside the
 * {@link RecordBook#read} or {@link RecordBook#write} call that handed it out.
 *
 * @param <I> the record id
 * @param <R> the record type
 */
public interface RecordView<I, R> {

  /** The record with this id, if there is one. */
  Optional<R> get(I id);

  /** The record with this id, or {@link CoexistError.NotFound} naming the kind of record. */
  Either<CoexistError, R> find(I id);

  /** Every record, oldest first; unmodifiable. */
  Collection<R> all();
}
