package io.github.coexist.core.signal;

import io.github.coexist.core.change.Decision;
import io.github.coexist.core.incident.AlertOutcome;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import java.util.Objects;
import java.util.Optional;

/**
 * What one accepted {@link Signal} produced in core, each part empty when the signal did not
 * touch it.
 *
 * @param change the change decided, moved or found
 * @param decision the gate's answer for {@code change}, when the signal asked or decided
 * @param deployment the deployment recorded
 * @param incident the incident opened, folded into or resolved
 * @param alert what the incident desk did with an alert, with its detail and the incident as it
 *     stands: present exactly when the signal was an alert
 */
public record SignalOutcome(Optional<ChangeId> change, Optional<Decision.Outcome> decision,
    Optional<DeploymentId> deployment, Optional<IncidentId> incident, Optional<AlertOutcome> alert) {
  /** Nothing produced: a signal that only informed core. */
  public static final SignalOutcome NOTHING =
      new SignalOutcome(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public SignalOutcome {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(alert, "alert");
  }

  /** An outcome that is not an alert's: {@link #alert()} is empty. */
  public SignalOutcome(Optional<ChangeId> change, Optional<Decision.Outcome> decision,
      Optional<DeploymentId> deployment, Optional<IncidentId> incident) {
    this(change, decision, deployment, incident, Optional.empty());
  }

  /** A change and the gate's answer for it. */
  public static SignalOutcome decided(ChangeId change, Decision.Outcome decision) {
    return new SignalOutcome(Optional.of(change), Optional.of(decision), Optional.empty(), Optional.empty());
  }

  /** A deployment recorded, under its change when it has one. */
  public static SignalOutcome deployed(DeploymentId deployment, Optional<ChangeId> change) {
    return new SignalOutcome(change, Optional.empty(), Optional.of(deployment), Optional.empty());
  }

  /** The incident an alert opened or folded into, when it did. */
  public static SignalOutcome incident(Optional<IncidentId> incident) {
    return new SignalOutcome(Optional.empty(), Optional.empty(), Optional.empty(), incident);
  }

  /** What the incident desk did with an alert: its incident's id and the whole {@code outcome}. */
  public static SignalOutcome alert(AlertOutcome outcome) {
    return new SignalOutcome(Optional.empty(), Optional.empty(), Optional.empty(),
        outcome.incident().map(i -> i.id()), Optional.of(outcome));
  }

  /** Each part of {@code later}, or this one's where {@code later} has none. */
  public SignalOutcome and(SignalOutcome later) {
    return new SignalOutcome(later.change.or(() -> change), later.decision.or(() -> decision),
        later.deployment.or(() -> deployment), later.incident.or(() -> incident), later.alert.or(() -> alert));
  }
}
