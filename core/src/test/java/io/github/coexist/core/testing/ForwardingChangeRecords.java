package io.github.coexist.core.testing;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.RecordedChange;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Change records that hand every call to {@code delegate}: a test double overrides only the calls
 * it is about (a read that hangs, a close it records).
 */
public abstract class ForwardingChangeRecords implements ChangeRecords {
  protected final ChangeRecords delegate;

  protected ForwardingChangeRecords(ChangeRecords delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public String system() {
    return delegate.system();
  }

  @Override
  public Either<CoexistError, ExternalKey> ensure(Change change) {
    return delegate.ensure(change);
  }

  @Override
  public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return delegate.find(key);
  }

  @Override
  public Either<CoexistError, RecordedChange> update(ExternalKey key, Change change) {
    return delegate.update(key, change);
  }

  @Override
  public Either<CoexistError, RecordedChange> read(ExternalKey key) {
    return delegate.read(key);
  }

  @Override
  public Either<CoexistError, Map<ExternalKey, RecordedChange>> readAll(Collection<ExternalKey> keys) {
    return delegate.readAll(keys);
  }
}
