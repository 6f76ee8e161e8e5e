package io.github.coexist.core.support;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The body of an ITSM tool's records port for tests (incidents, problems): it can be taken down
 * and brought back, and copied, so that a desk restored after a restart talks to the same tool as
 * the desk before it. Keys read {@code tool:T1}, {@code tool:T2}, ... Thread-safe.
 *
 * @param <R> the record as coexist holds it
 * @param <S> the record as the tool holds it
 */
public final class FlakyTool<R, S> {
  private final Function<R, IdempotencyKey> recordKey;
  private final BiFunction<ExternalKey, R, S> created;
  private final BiFunction<ExternalKey, R, S> recorded;
  private final Map<IdempotencyKey, ExternalKey> keys = new HashMap<>();
  private final Map<ExternalKey, S> records = new HashMap<>();
  private int issued;
  private int writes;
  private boolean down;

  /** A tool creating {@code created} under each record key once, and storing {@code recorded} on update. */
  public FlakyTool(Function<R, IdempotencyKey> recordKey, BiFunction<ExternalKey, R, S> created,
      BiFunction<ExternalKey, R, S> recorded) {
    this.recordKey = recordKey;
    this.created = created;
    this.recorded = recorded;
  }

  /** A copy holding the same records, up or down as this one is. */
  public synchronized FlakyTool<R, S> copy() {
    FlakyTool<R, S> copy = new FlakyTool<>(recordKey, created, recorded);
    copy.keys.putAll(keys);
    copy.records.putAll(records);
    copy.issued = issued;
    copy.writes = writes;
    copy.down = down;
    return copy;
  }

  /** Takes the tool down, or brings it back. */
  public synchronized void down(boolean down) {
    this.down = down;
  }

  /** How many creates and updates the tool took. */
  public synchronized int writes() {
    return writes;
  }

  /** Every record the tool holds, by key. */
  public synchronized Map<ExternalKey, S> records() {
    return Map.copyOf(records);
  }

  /** The port's {@code ensure}. */
  public synchronized Either<CoexistError, ExternalKey> ensure(R record) {
    if (down) {
      return Either.left(new CoexistError.Unavailable("the tool is down"));
    }
    ExternalKey key = keys.computeIfAbsent(recordKey.apply(record), k -> ExternalKey.of("tool", "T" + ++issued));
    if (!records.containsKey(key)) {
      records.put(key, created.apply(key, record));
      writes++;
    }
    return Either.right(key);
  }

  /** The port's {@code find}. */
  public synchronized Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return Either.right(Optional.ofNullable(keys.get(key)));
  }

  /** The port's {@code update}. */
  public synchronized Either<CoexistError, S> update(ExternalKey key, R record) {
    if (down) {
      return Either.left(new CoexistError.Unavailable("the tool is down"));
    }
    if (!records.containsKey(key)) {
      return Either.left(new CoexistError.NotFound("record", key.toString()));
    }
    S now = recorded.apply(key, record);
    records.put(key, now);
    writes++;
    return Either.right(now);
  }

  /** The port's {@code read}. */
  public synchronized Either<CoexistError, S> read(ExternalKey key) {
    return Optional.ofNullable(records.get(key)).<Either<CoexistError, S>>map(Either::right)
        .orElseGet(() -> Either.left(new CoexistError.NotFound("record", key.toString())));
  }
}
