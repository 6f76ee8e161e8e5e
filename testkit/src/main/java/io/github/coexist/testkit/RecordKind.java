package io.github.coexist.testkit;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.Optional;
import java.util.UUID;

/**
 * One kind of record an ITSM tool keeps (changes, incidents, problems, ...), as the generic records
 * contracts ({@link EnsureContract}, {@link ReadContract}, {@link UpdateContract}) see it: the
 * port's calls ({@link RecordsPort}), and how to make and move a value of the kind. A kit implements it once for
 * its port; a port with the same shape ({@code ensure}, {@code find}, {@code update}, {@code
 * read}) gets the generic checks by implementing it too.
 *
 * @param <V> the value coexist sends (a {@code Change}, an {@code Incident}, ...)
 * @param <R> what the tool reads back (a {@code RecordedChange}, ...)
 */
public interface RecordKind<V, R> {
  /** The port under test, fresh for each test. */
  RecordsPort<V, R> port();

  /** The port's {@code system()}. */
  default String system() {
    return port().system().get();
  }

  /** The port's {@code ensure}: creates the record of {@code value} unless its key already has one. */
  default Either<CoexistError, ExternalKey> ensure(V value) {
    return port().ensure().apply(value);
  }

  /** The port's {@code find}: the record filed under {@code key}, if any. */
  default Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return port().find().apply(key);
  }

  /** The port's {@code update}: brings the record under {@code key} to {@code value}. */
  default Either<CoexistError, R> update(ExternalKey key, V value) {
    return port().update().apply(key, value);
  }

  /** The port's {@code read}: the record under {@code key} as the tool holds it. */
  default Either<CoexistError, R> read(ExternalKey key) {
    return port().read().apply(key);
  }
  /** A new value in the kind's first state, under an idempotency key no other test uses. */
  V fresh(String name);

  /** The idempotency key the port files {@code value} under. */
  IdempotencyKey idempotencyKey(V value);

  /** {@code value}, recorded under {@code key}, moved one legal step on, as coexist would send it. */
  V nextStep(V value, ExternalKey key);

  /** The key {@code recorded} was read back under. */
  ExternalKey key(R recorded);

  /** The lifecycle state of {@code recorded}. */
  Enum<?> state(R recorded);

  /** The state a new record is in. */
  Enum<?> firstState();

  /** The state {@link #nextStep} moves a new record to. */
  Enum<?> nextState();

  /** A key of this system that names no record; override when the tool's keys have a shape. */
  default ExternalKey missingKey() {
    return ExternalKey.of(system(), "kit-missing-" + UUID.randomUUID());
  }
}
