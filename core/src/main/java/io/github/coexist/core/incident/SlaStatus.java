package io.github.coexist.core.incident;

import io.github.coexist.core.kernel.IncidentId;
import java.time.Instant;
import java.util.Objects;

/**
 * Both SLA clocks of one incident at one moment.
 *
 * @param incident the incident
 * @param priority its priority, which chose the targets
 * @param response the response clock
 * @param resolution the resolution clock
 * @param at the moment the clocks were read
 */
public record SlaStatus(
    IncidentId incident, Priority priority, SlaClock response, SlaClock resolution, Instant at) {
  public SlaStatus {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(at, "at");
  }

  /** Whether either clock is breached. */
  public boolean breached() {
    return response.breached() || resolution.breached();
  }
}
