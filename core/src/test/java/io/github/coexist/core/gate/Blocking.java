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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Ports that hang like a tool that accepts connections and never answers, until released. */
final class Blocking {
  private Blocking() {}

  /** How long a test waits for something that should happen at once: a guard, not a measure. */
  static final long GUARD_SECONDS = 20;

  /**
   * Change records whose writes wait for {@link #release}; they count calls under way per change
   * and remember the most seen at once ({@link #mostAtOnce}), to catch a change written twice at once.
   */
  static final class Records implements ChangeRecords {
    final ChangeRecords delegate;
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch entered = new CountDownLatch(1);
    final AtomicInteger ensures = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    private final Map<IdempotencyKey, AtomicInteger> underWay = new ConcurrentHashMap<>();

    Records(ChangeRecords delegate) {
      this.delegate = delegate;
    }

    private <T> Either<CoexistError, T> hang(IdempotencyKey key, java.util.function.Supplier<Either<CoexistError, T>> call) {
      AtomicInteger now = underWay.computeIfAbsent(key, k -> new AtomicInteger());
      mostAtOnce.accumulateAndGet(now.incrementAndGet(), Math::max);
      try {
        entered.countDown();
        if (!release.await(GUARD_SECONDS, TimeUnit.SECONDS)) {
          return Either.left(new CoexistError.Unavailable("test tool never released"));
        }
        return call.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Either.left(new CoexistError.Unavailable("interrupted"));
      } finally {
        now.decrementAndGet();
      }
    }

    @Override
    public String system() {
      return delegate.system();
    }

    @Override
    public Either<CoexistError, ExternalKey> ensure(Change change) {
      return hang(change.idempotencyKey(), () -> {
        ensures.incrementAndGet();
        return delegate.ensure(change);
      });
    }

    @Override
    public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
      return delegate.find(key);
    }

    @Override
    public Either<CoexistError, RecordedChange> update(ExternalKey key, Change change) {
      return hang(change.idempotencyKey(), () -> delegate.update(key, change));
    }

    @Override
    public Either<CoexistError, RecordedChange> read(ExternalKey key) {
      return delegate.read(key);
    }
  }

  /** Gate replies that pass every reply on and also queue it, for a test to wait on. */
  static final class Replies implements GateReplies {
    final GateReplies delegate;
    final BlockingQueue<GateReply> sent = new LinkedBlockingQueue<>();

    Replies(GateReplies delegate) {
      this.delegate = delegate;
    }

    @Override
    public Either<CoexistError, Done> reply(GateReply reply) {
      Either<CoexistError, Done> done = delegate.reply(reply);
      sent.add(reply);
      return done;
    }

    /** The next reply sent, waiting for it up to the guard. */
    GateReply next() throws InterruptedException {
      GateReply reply = sent.poll(GUARD_SECONDS, TimeUnit.SECONDS);
      if (reply == null) {
        throw new AssertionError("no reply reached the pipeline within " + GUARD_SECONDS + " s");
      }
      return reply;
    }
  }
}
