package io.github.coexist.spring;

import io.github.coexist.core.Coexist;
import io.github.coexist.core.StoreStatus;
import io.github.coexist.core.store.LeaseGrant;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * coexist in the actuator's {@code /actuator/health}: down while its state cannot be committed or
 * it lost the lease with work the store does not hold (the reason is the {@code problem} detail);
 * otherwise up, with where the state is kept, who holds the lease, and the inbox backlog and dead
 * letters. In memory, up with {@code store: memory}.
 */
public class CoexistHealthIndicator extends AbstractHealthIndicator {
  private final Coexist coexist;

  /** The health of {@code coexist}. */
  public CoexistHealthIndicator(Coexist coexist) {
    super("coexist health check failed");
    this.coexist = coexist;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    if (coexist.storeStatus().isEmpty()) {
      health.up().withDetail("store", "memory");
      return;
    }
    StoreStatus status = coexist.storeStatus().get();
    health.withDetail("store", status.location())
        .withDetail("instance", status.instance())
        .withDetail("holdsLease", status.holdsLease())
        .withDetail("leaseHolder", status.lease().map(LeaseGrant::holder).orElse("nobody"))
        .withDetail("inboxBacklog", status.inboxBacklog())
        .withDetail("deadLetters", status.deadLetters());
    status.problem().ifPresentOrElse(problem -> health.down().withDetail("problem", problem), health::up);
  }
}
