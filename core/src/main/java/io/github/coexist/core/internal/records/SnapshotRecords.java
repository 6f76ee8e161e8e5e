package io.github.coexist.core.internal.records;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Not API: may change in any release. The body of an in-memory records port whose records simply
 * take coexist's latest snapshot ({@code InMemoryIncidentRecords}, {@code InMemoryProblemRecords}):
 * the port holds one and delegates the port's {@code ensure}, {@code find}, {@code update} and
 * {@code read} to it, so no internal type shows in the port's public API. Thread-safe.
 *
 * @param <R> the record type, as coexist keeps it
 * @param <S> the record as the store holds it
 */
public final class SnapshotRecords<R, S> {
  private final MemoryRecords<S> records;
  private final Function<R, IdempotencyKey> recordKey;
  private final BiFunction<ExternalKey, R, S> created;
  private final BiFunction<ExternalKey, R, S> recorded;

  /**
   * A store of {@code system} numbering keys {@code prefix}0000001 on; {@code created} is what
   * {@code ensure} stores, {@code recorded} what {@code update} does.
   */
  public SnapshotRecords(String system, String prefix, String kind, Function<R, IdempotencyKey> recordKey,
      BiFunction<ExternalKey, R, S> created, BiFunction<ExternalKey, R, S> recorded) {
    this.records = new MemoryRecords<>(system, prefix, 1, kind);
    this.recordKey = recordKey;
    this.created = created;
    this.recorded = recorded;
  }

  /** Creates the record once per record key and returns its key. */
  public Either<CoexistError, ExternalKey> ensure(R record) {
    return Either.right(records.ensure(recordKey.apply(record), key -> created.apply(key, record)));
  }

  /** The key of the record created under {@code key}, if there is one. */
  public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return Either.right(records.find(key));
  }

  /** Replaces the record with {@code record}'s snapshot. */
  public Either<CoexistError, S> update(ExternalKey key, R record) {
    return records.update(key, old -> Either.right(recorded.apply(key, record)));
  }

  /** The record as held now. */
  public Either<CoexistError, S> read(ExternalKey key) {
    return records.read(key);
  }
}
