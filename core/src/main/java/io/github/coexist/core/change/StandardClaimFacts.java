package io.github.coexist.core.change;

import io.github.coexist.core.service.Tier;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gate knows about the service when a request claims a standard change template, beyond
 * the request and its risk: what the template's {@link StandardChangeLimits} are checked against.
 *
 * @param tier the service's tier; empty when the directory does not know the service
 * @param urgentIncidents open P1 and P2 incidents on the service
 * @param demotion why the template is demoted to normal (too many of its changes failed); empty
 *     while it is not
 */
public record StandardClaimFacts(Optional<Tier> tier, int urgentIncidents, Optional<String> demotion) {
  public StandardClaimFacts {
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(demotion, "demotion");
    if (urgentIncidents < 0) {
      throw new IllegalArgumentException("urgent incidents cannot be negative");
    }
  }

  /** Nothing known: the tier unknown, no incident open, the template not demoted. */
  public static StandardClaimFacts unknown() {
    return new StandardClaimFacts(Optional.empty(), 0, Optional.empty());
  }
}
