package io.github.coexist.core.audit;

import io.github.coexist.core.internal.audit.FrozenInputs;
import io.github.coexist.core.kernel.Actor;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What is to be recorded in the audit trail, before the trail gives it a sequence number, a time
 * and a hash.
 *
 * @param actor who acted
 * @param action what happened, as a dotted name
 * @param subject what it happened to
 * @param policyVersion the policy version that decided, when a policy did
 * @param inputs the inputs the decision read
 * @param outcome what came of it
 */
public record AuditEvent(
    Actor actor,
    String action,
    String subject,
    Optional<String> policyVersion,
    SortedMap<String, String> inputs,
    String outcome) {
  public AuditEvent {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(policyVersion, "policyVersion");
    inputs = FrozenInputs.of(inputs);
    Objects.requireNonNull(outcome, "outcome");
  }

  /** An event with no policy version. */
  public static AuditEvent of(
      Actor actor, String action, String subject, Map<String, String> inputs, String outcome) {
    return new AuditEvent(actor, action, subject, Optional.empty(), FrozenInputs.of(inputs), outcome);
  }

  /** An event decided by the given policy version. */
  public static AuditEvent byPolicy(
      Actor actor, String action, String subject, String policyVersion,
      Map<String, String> inputs, String outcome) {
    return new AuditEvent(actor, action, subject, Optional.of(policyVersion), FrozenInputs.of(inputs), outcome);
  }
}
