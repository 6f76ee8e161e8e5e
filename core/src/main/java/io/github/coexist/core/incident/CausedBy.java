package io.github.coexist.core.incident;

import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.ExternalKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The change or deployment recorded as an incident's cause: the explicit link that counts towards
 * change failure rate.
 *
 * @param change the change, when the cause went through change enablement
 * @param deployment the deployment, when known
 * @param changeRecord where the ITSM tool keeps the change, when it does, for the incident's
 *     caused-by field
 * @param confirmedBy who recorded the link
 * @param confirmedAt when
 */
public record CausedBy(
    Optional<ChangeId> change,
    Optional<DeploymentId> deployment,
    Optional<ExternalKey> changeRecord,
    Actor confirmedBy,
    Instant confirmedAt) {

  public CausedBy {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(changeRecord, "changeRecord");
    Objects.requireNonNull(confirmedBy, "confirmedBy");
    Objects.requireNonNull(confirmedAt, "confirmedAt");
    if (change.isEmpty() && deployment.isEmpty()) {
      throw new IllegalArgumentException("a cause names a change, a deployment or both");
    }
  }

  /** "change CHG-1 (deployment 42)", for people. */
  public String describe() {
    return change.map(c -> "change " + c).orElse("")
        + (change.isPresent() && deployment.isPresent() ? " (deployment " + deployment.get() + ")" : "")
        + (change.isEmpty() ? "deployment " + deployment.get() : "");
  }
}
