package io.github.coexist.core.change;

import io.github.coexist.core.kernel.Actor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The approval a change is asking of its authority, and the votes so far. Immutable: {@link
 * #with(Vote)} gives the tally after one more vote.
 *
 * <p>Counting: one rejection rejects; the change is approved once {@link ChangeAuthority#quorum()}
 * different actors approve. An actor who votes again replaces their earlier vote, so no one counts
 * twice.
 *
 * @param authority who is asked
 * @param requester who asked for the change; their own vote never counts
 * @param votes the counted votes, one per actor, in the order first cast
 * @param requestedAt when the approval was asked for
 * @param expiresAt when the request expires and the change is rejected
 */
public record Approvals(
    ChangeAuthority authority, Actor requester, List<Vote> votes, Instant requestedAt, Instant expiresAt) {
  public Approvals {
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(requester, "requester");
    votes = List.copyOf(votes);
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** A fresh request to {@code authority}, expiring after the authority's expiry. */
  public static Approvals requested(ChangeAuthority authority, Actor requester, Instant at) {
    return new Approvals(authority, requester, List.of(), at, at.plus(authority.expiry()));
  }

  /** The tally with {@code vote} counted, replacing an earlier vote by the same actor. */
  public Approvals with(Vote vote) {
    List<Vote> next = new ArrayList<>(votes.size() + 1);
    boolean replaced = false;
    for (Vote earlier : votes) {
      if (earlier.actor().isSameAs(vote.actor())) {
        next.add(vote);
        replaced = true;
      } else {
        next.add(earlier);
      }
    }
    if (!replaced) {
      next.add(vote);
    }
    return new Approvals(authority, requester, next, requestedAt, expiresAt);
  }

  /** How many different actors approve. */
  public int approvalCount() {
    return (int) votes.stream().filter(v -> v.verdict() == Vote.Verdict.APPROVE).count();
  }

  /** Whether someone rejected. */
  public boolean rejected() {
    return votes.stream().anyMatch(v -> v.verdict() == Vote.Verdict.REJECT);
  }

  /** Rejected if anyone rejected, approved once the quorum approves, else still requested. */
  public ApprovalStatus status() {
    if (rejected()) {
      return ApprovalStatus.REJECTED;
    }
    return approvalCount() >= authority.quorum() ? ApprovalStatus.APPROVED : ApprovalStatus.REQUESTED;
  }

  /** Whether the request has expired at {@code now}. */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** What the change waits for, in words: {@code 1 of 2 cab approvals}. */
  public String waitingFor() {
    return approvalCount() + " of " + authority.quorum() + " " + authority.name()
        + (authority.quorum() == 1 ? " approval" : " approvals");
  }
}
