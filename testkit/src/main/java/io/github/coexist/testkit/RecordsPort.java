package io.github.coexist.testkit;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A records port's five calls, whatever its value types, so one {@link RecordKind} shape serves
 * every kind of record: {@code new RecordsPort<>(records::system, records::ensure, records::find,
 * records::update, records::read)}.
 *
 * @param system the port's {@code system()}
 * @param ensure the port's {@code ensure}: creates the record of a value unless its key already has one
 * @param find the port's {@code find}: the record filed under an idempotency key, if any
 * @param update the port's {@code update}: brings the record under a key to a value
 * @param read the port's {@code read}: the record under a key as the tool holds it
 * @param <V> the value coexist sends
 * @param <R> what the tool reads back
 */
public record RecordsPort<V, R>(
    Supplier<String> system,
    Function<V, Either<CoexistError, ExternalKey>> ensure,
    Function<IdempotencyKey, Either<CoexistError, Optional<ExternalKey>>> find,
    BiFunction<ExternalKey, V, Either<CoexistError, R>> update,
    Function<ExternalKey, Either<CoexistError, R>> read) {}
