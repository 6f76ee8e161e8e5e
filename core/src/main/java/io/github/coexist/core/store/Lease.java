package io.github.coexist.core.store;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.Optional;

/**
 * Port: the one lease that says which instance does the work that must run once (processing
 * the inbox, {@code tick()}, delivering pending writes). The holder renews it well within its
 * time to live; when the holder dies, another instance takes it once it expired. Each grant
 * carries a fencing token that grows with every change of holder: a {@link Batch} fenced by an
 * old grant is refused, so an instance that paused past its lease cannot overwrite its
 * successor's work. Expiry is judged by the store's own clock, not the callers'.
 */
public interface Lease {

  /**
   * Takes the lease for {@code holder} if it is free or expired, or renews it if {@code holder}
   * holds it, for {@code ttl}. Answers the grant when {@code holder} holds the lease now, or
   * empty when another instance does.
   */
  Either<CoexistError, Optional<LeaseGrant>> acquire(String holder, Duration ttl);

  /** Gives the lease up if {@code grant} is still the current one, so another can take it at once. */
  Either<CoexistError, Done> release(LeaseGrant grant);

  /** The current grant, expired or not, if the lease was ever taken. */
  Either<CoexistError, Optional<LeaseGrant>> current();
}
