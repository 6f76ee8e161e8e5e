package io.github.coexist.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Who holds the {@link Lease}, until when, under which fencing token.
 *
 * @param holder the instance's name (host and process, for people)
 * @param token grows each time the lease changes hands; fences commits
 * @param expiresAt when the lease is free to take unless renewed, by the store's clock
 */
public record LeaseGrant(String holder, long token, Instant expiresAt) {
  public LeaseGrant {
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
