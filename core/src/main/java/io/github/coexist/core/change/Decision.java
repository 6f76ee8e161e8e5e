package io.github.coexist.core.change;

import io.github.coexist.core.kernel.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the change gate decided about a change, why, and under which policy version.
 *
 * @param outcome approved, rejected, or pending
 * @param reasons one sentence per reason, in the order they weighed
 * @param policyVersion the version of the approval policy that decided
 * @param authority the change authority the change waits for or was decided by ({@code cab})
 * @param waitingFor what a pending change waits for, in words ("2 of 3 CAB approvals")
 * @param decidedBy who decided; coexist itself for automatic decisions
 * @param decidedAt when the decision was made (or, for pending, when it was last updated)
 * @param expiresAt when a pending decision expires and the change is rejected
 */
public record Decision(
    Outcome outcome,
    List<String> reasons,
    String policyVersion,
    Optional<String> authority,
    Optional<String> waitingFor,
    Actor decidedBy,
    Instant decidedAt,
    Optional<Instant> expiresAt) {

  /** The three answers a gate can give. */
  public enum Outcome {
    /** Deploy. */
    APPROVED,
    /** Do not deploy. */
    REJECTED,
    /** Not decided yet: waiting for an authority, a freeze to end, or evidence. */
    PENDING
  }

  public Decision {
    Objects.requireNonNull(outcome, "outcome");
    reasons = List.copyOf(reasons);
    Objects.requireNonNull(policyVersion, "policyVersion");
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(waitingFor, "waitingFor");
    Objects.requireNonNull(decidedBy, "decidedBy");
    Objects.requireNonNull(decidedAt, "decidedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /**
   * Whether a policy approved the change without a person or an authority: what the KPIs'
   * auto-approval ratio counts. The one definition of an auto-approval.
   */
  public boolean autoApproved() {
    return outcome == Outcome.APPROVED && authority.isEmpty() && decidedBy.equals(Actor.COEXIST);
  }

  /** Whether the gate may still change its answer. */
  public boolean isPending() {
    return outcome == Outcome.PENDING;
  }
}
