package io.github.coexist.core.audit;

import io.github.coexist.core.internal.audit.FrozenInputs;
import io.github.coexist.core.kernel.Actor;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One link of the audit trail: a decision or transition with its inputs, the policy version that
 * made it, who acted and when, chained to the entry before it by {@link #previousHash()}.
 *
 * @param sequence the entry's position in the trail, from 1
 * @param at when it happened
 * @param actor who acted
 * @param action what happened, as a dotted name ({@code change.decided}, {@code change.transitioned})
 * @param subject what it happened to (a change id, an incident id)
 * @param policyVersion the policy version that made the decision, when a policy did
 * @param inputs the inputs the decision read, as sorted name/value pairs
 * @param outcome what came of it ({@code approved}, {@code ASSESS -> AUTHORIZE})
 * @param previousHash the hash of the entry before, or {@link AuditTrail#GENESIS} for the first
 * @param hash SHA-256 over this entry's content and {@code previousHash}, lower-case hex
 */
public record AuditEntry(
    long sequence,
    Instant at,
    Actor actor,
    String action,
    String subject,
    Optional<String> policyVersion,
    SortedMap<String, String> inputs,
    String outcome,
    String previousHash,
    String hash) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(policyVersion, "policyVersion");
    inputs = FrozenInputs.of(inputs);
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(hash, "hash");
  }

  /** The inputs as an unmodifiable map. */
  public Map<String, String> inputMap() {
    return inputs;
  }
}
