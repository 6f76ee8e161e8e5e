package io.github.coexist.core.catalog;

import io.github.coexist.core.kernel.Actor;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Whether requests for a catalog item need approval, and by whom: any one of the approvers (a
 * person, or a group whose members the embedding code lets act as that group). A requester never
 * approves their own request.
 *
 * @param approvers who may approve; empty when no approval is needed
 */
public record Approval(Set<Actor> approvers) {
  public Approval {
    approvers = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(approvers, "approvers")));
  }

  /** No approval needed: requests are approved by coexist on submission. */
  public static Approval none() {
    return new Approval(Set.of());
  }

  /** Approval by any one of {@code approvers}. */
  public static Approval by(Actor... approvers) {
    if (approvers.length == 0) {
      throw new IllegalArgumentException("name at least one approver, or use Approval.none()");
    }
    return new Approval(new LinkedHashSet<>(List.of(approvers)));
  }

  /** Whether requests need someone's approval. */
  public boolean required() {
    return !approvers.isEmpty();
  }
}
