package io.github.coexist.core.gate;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.risk.RiskContext;
import java.util.Objects;
import java.util.Optional;

/**
 * The gate's answer to one call: the outcome, the change it is about, and whether this call
 * created the change or found it by its idempotency key.
 *
 * @param outcome approved, rejected, or pending
 * @param change the change as it stands after the call; its {@link Change#decision()} says why
 * @param created whether this call created the change (false when the key was seen before)
 * @param waitingFor what a pending change waits for, in words
 * @param conflicts other changes planned on the service or its dependencies in the same window:
 *     how many, and the {@value RiskContext.Overlaps#NEAREST} nearest
 */
public record GateDecision(
    Decision.Outcome outcome,
    Change change,
    boolean created,
    Optional<String> waitingFor,
    RiskContext.Overlaps conflicts) {
  public GateDecision {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(waitingFor, "waitingFor");
    Objects.requireNonNull(conflicts, "conflicts");
  }

  /** The decision with its reasons and policy version. */
  public Decision decision() {
    return change.decision();
  }

  /** This decision, its change recorded by the ITSM tool under {@code key} unless it was already. */
  GateDecision recordedAs(ExternalKey key) {
    return change.externalKey().isPresent() ? this
        : new GateDecision(outcome, change.recordedAs(key), created, waitingFor, conflicts);
  }

  /** Whether the pipeline may deploy. */
  public boolean approved() {
    return outcome == Decision.Outcome.APPROVED;
  }
}
