package io.github.coexist.core.internal.records;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Not API. The store behind the in-memory records ports ({@code InMemoryIncidentRecords}, ...):
 * numbered records as a tool issues them ({@code memory:INC0000001}), created once per idempotency
 * key and changed atomically one record at a time. Thread-safe.
 *
 * @param <S> a record as the store holds it
 */
public final class MemoryRecords<S> {
  private final String system;
  private final String prefix;
  private final String kind;
  private final Map<IdempotencyKey, ExternalKey> keys = new ConcurrentHashMap<>();
  private final Map<String, S> records = new ConcurrentHashMap<>();
  private final AtomicLong numbers;

  /**
   * An empty store of {@code system} whose keys read {@code prefix} and a seven-digit number,
   * counting from {@code first}; {@code kind} names a record in errors ({@code incident record}).
   */
  public MemoryRecords(String system, String prefix, long first, String kind) {
    this.system = system;
    this.prefix = prefix;
    this.kind = kind;
    this.numbers = new AtomicLong(first);
  }

  /** The key of the record created under {@code key}, creating it with {@code created} the first time. */
  public ExternalKey ensure(IdempotencyKey key, Function<ExternalKey, S> created) {
    return keys.computeIfAbsent(key, k -> {
      ExternalKey issued = ExternalKey.of(system, String.format("%s%07d", prefix, numbers.getAndIncrement()));
      records.put(issued.id(), created.apply(issued));
      return issued;
    });
  }

  /** The key of the record created under {@code key}, if there is one. */
  public Optional<ExternalKey> find(IdempotencyKey key) {
    return Optional.ofNullable(keys.get(key));
  }

  /** Changes the record atomically; a refusal leaves it as it was. */
  public Either<CoexistError, S> update(ExternalKey key, Function<S, Either<CoexistError, S>> change) {
    if (!key.system().equals(system)) {
      return Either.left(notFound(key));
    }
    // computeIfPresent() runs the change atomically per record; the result travels out through the reference.
    AtomicReference<Either<CoexistError, S>> result = new AtomicReference<>();
    records.computeIfPresent(key.id(), (id, stored) -> {
      Either<CoexistError, S> changed = change.apply(stored);
      result.set(changed);
      return changed.getOrElse(stored);
    });
    Either<CoexistError, S> changed = result.get();
    return changed == null ? Either.left(notFound(key)) : changed;
  }

  /** The record under {@code key}, or {@link CoexistError.NotFound}. */
  public Either<CoexistError, S> read(ExternalKey key) {
    S stored = key.system().equals(system) ? records.get(key.id()) : null;
    return stored == null ? Either.left(notFound(key)) : Either.right(stored);
  }

  /** How many records the store holds. */
  public int size() {
    return records.size();
  }

  private CoexistError notFound(ExternalKey key) {
    return new CoexistError.NotFound(kind, key.toString());
  }
}
