package io.github.coexist.core.change;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link ApprovalPolicy} says about one deployment request: approve it now, reject it
 * now, or ask an authority. The gate turns the verdict into lifecycle moves and a {@link Decision}.
 *
 * @param kind approve, reject, or ask an authority
 * @param model the change model that applies (it gives the change type)
 * @param authority the authority to ask, for {@link Kind#ASK_AUTHORITY}
 * @param retrospectiveReview whether the change must be reviewed after the fact (emergencies)
 * @param reasons one sentence per reason, in the order they weighed
 * @param policyVersion the version of the policy that gave the verdict
 */
public record PolicyVerdict(
    Kind kind,
    ChangeModel model,
    Optional<ChangeAuthority> authority,
    boolean retrospectiveReview,
    List<String> reasons,
    String policyVersion) {

  /** The three things a policy can say. */
  public enum Kind {
    /** Approve now, without a person. */
    APPROVE,
    /** Reject now, without a person. */
    REJECT,
    /** Ask the named authority and wait. */
    ASK_AUTHORITY
  }

  public PolicyVerdict {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(authority, "authority");
    reasons = List.copyOf(reasons);
    Objects.requireNonNull(policyVersion, "policyVersion");
    if ((kind == Kind.ASK_AUTHORITY) != authority.isPresent()) {
      throw new IllegalArgumentException("an authority is named exactly when one is asked");
    }
  }

  /** The change type the verdict's model gives. */
  public ChangeType type() {
    return model.type();
  }
}
