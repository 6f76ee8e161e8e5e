package io.github.coexist.core.gate;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.GateReplies;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.change.RecordedChange;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Ports that fail with a chosen error until told to recover. */
final class Flaky {
  private Flaky() {}

  /**
   * Change records that answer {@link #failure} to every write while it is set, and run
   * {@link #beforeUpdate} (if set) before each update they pass on.
   */
  static final class Records implements ChangeRecords {
    final ChangeRecords delegate;
    final AtomicReference<CoexistError> failure = new AtomicReference<>();
    final AtomicInteger failedCalls = new AtomicInteger();
    final AtomicReference<Runnable> beforeUpdate = new AtomicReference<>();

    Records(ChangeRecords delegate) {
      this.delegate = delegate;
    }

    Records failWith(CoexistError error) {
      failure.set(error);
      return this;
    }

    void recover() {
      failure.set(null);
    }

    private <T> Either<CoexistError, T> guard(java.util.function.Supplier<Either<CoexistError, T>> call) {
      CoexistError error = failure.get();
      if (error != null) {
        failedCalls.incrementAndGet();
        return Either.left(error);
      }
      return call.get();
    }

    @Override
    public String system() {
      return delegate.system();
    }

    @Override
    public Either<CoexistError, ExternalKey> ensure(Change change) {
      return guard(() -> delegate.ensure(change));
    }

    @Override
    public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
      return delegate.find(key);
    }

    @Override
    public Either<CoexistError, RecordedChange> update(ExternalKey key, Change change) {
      return guard(() -> {
        Runnable action = beforeUpdate.get();
        if (action != null) {
          action.run();
        }
        return delegate.update(key, change);
      });
    }

    @Override
    public Either<CoexistError, RecordedChange> read(ExternalKey key) {
      return guard(() -> delegate.read(key));
    }
  }

  /** Gate replies that answer {@link #failure} while it is set. */
  static final class Replies implements GateReplies {
    final GateReplies delegate;
    final AtomicReference<CoexistError> failure = new AtomicReference<>();

    Replies(GateReplies delegate) {
      this.delegate = delegate;
    }

    @Override
    public Either<CoexistError, Done> reply(GateReply reply) {
      CoexistError error = failure.get();
      return error != null ? Either.left(error) : delegate.reply(reply);
    }
  }
}
