package io.github.coexist.core.store;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The lease of an {@link InMemoryStateStore}, under the store's lock, expiring by its clock. */
final class MemoryLease implements Lease {
  private final Object lock;
  private final Clock clock;
  private Optional<LeaseGrant> current = Optional.empty();

  MemoryLease(Object lock, Clock clock) {
    this.lock = lock;
    this.clock = clock;
  }

  @Override
  public Either<CoexistError, Optional<LeaseGrant>> acquire(String holder, Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    Optional<CoexistError> refused = StoreLimits.acquire(holder, ttl);
    if (refused.isPresent()) {
      return Either.left(refused.get());
    }
    synchronized (lock) {
      Instant now = clock.instant();
      boolean live = current.filter(grant -> now.isBefore(grant.expiresAt())).isPresent();
      if (live && !current.get().holder().equals(holder)) {
        return Either.right(Optional.empty());
      }
      long token = live ? current.get().token() : current.map(LeaseGrant::token).orElse(0L) + 1;
      current = Optional.of(new LeaseGrant(holder, token, now.plus(ttl)));
      return Either.right(current);
    }
  }

  @Override
  public Either<CoexistError, Done> release(LeaseGrant grant) {
    Objects.requireNonNull(grant, "grant");
    synchronized (lock) {
      if (isCurrent(grant)) {
        current = Optional.of(new LeaseGrant(grant.holder(), grant.token(), clock.instant()));
      }
      return Either.right(Done.DONE);
    }
  }

  @Override
  public Either<CoexistError, Optional<LeaseGrant>> current() {
    synchronized (lock) {
      return Either.right(current);
    }
  }

  /** Whether {@code grant} is the current grant (expired or not); the caller holds the lock. */
  boolean isCurrent(LeaseGrant grant) {
    return current.filter(c -> c.token() == grant.token() && c.holder().equals(grant.holder())).isPresent();
  }
}
