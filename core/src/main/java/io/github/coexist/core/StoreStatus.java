package io.github.coexist.core;

import io.github.coexist.core.store.LeaseGrant;
import java.util.Objects;
import java.util.Optional;

/**
 * How coexist's durable state stands, for health checks and dashboards.
 *
 * @param location where the state is kept (never a password)
 * @param instance this instance's name
 * @param lease who holds the lease, if anyone ever took it
 * @param holdsLease whether this instance holds it (and processes signals)
 * @param revision the last revision of the store this instance applied
 * @param inboxBacklog signals received and not yet processed, or -1 when the store could not say
 * @param deadLetters inbox entries set aside because they could not be processed (a signal that
 *     cannot be read, or that trips a bug: the log names each), or -1 when the store could not say
 * @param unsaved records produced and not yet committed
 * @param problem what went wrong last, while it lasts; an instance that lost the lease with work
 *     the store does not hold says so here and must be restarted
 */
public record StoreStatus(
    String location,
    String instance,
    Optional<LeaseGrant> lease,
    boolean holdsLease,
    long revision,
    long inboxBacklog,
    long deadLetters,
    int unsaved,
    Optional<String> problem) {
  public StoreStatus {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(problem, "problem");
  }
}
