package io.github.coexist.core.incident;

import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.service.ServiceId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A change or deployment suspected of causing an incident, with its rank and the reason, in one
 * sentence a person can check.
 *
 * @param rank 1 for the strongest suspect
 * @param kind why it is suspected
 * @param service the service it changed
 * @param change the change, when it went through change enablement
 * @param deployment the deployment, when there was one
 * @param at when it happened (deployment start, or the change's planned start)
 * @param hops how many dependency steps lie between the incident's service and the suspect's (0
 *     for the same service)
 * @param reason one sentence saying why it is suspected
 */
public record Suspect(
    int rank,
    Kind kind,
    ServiceId service,
    Optional<ChangeId> change,
    Optional<DeploymentId> deployment,
    Instant at,
    int hops,
    String reason) {

  /** Why something is suspected, strongest first. */
  public enum Kind {
    /** Recorded as the cause: by a person confirming it, or in the report. */
    EXPLICIT_LINK,
    /** Deployed to, or changed on, the incident's own service shortly before it. */
    SAME_SERVICE,
    /** Deployed to, or changed on, a service the incident's service depends on. */
    DEPENDENCY
  }

  public Suspect {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reason, "reason");
    if (rank < 1 || hops < 0) {
      throw new IllegalArgumentException("a suspect's rank starts at 1 and its hops at 0");
    }
    if (change.isEmpty() && deployment.isEmpty()) {
      throw new IllegalArgumentException("a suspect names a change, a deployment or both");
    }
  }
}
