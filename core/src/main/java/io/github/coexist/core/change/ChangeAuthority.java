package io.github.coexist.core.change;

import io.github.coexist.core.kernel.Actor;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Who may approve a change, how many of them must, and how long they have.
 *
 * <p>A vote counts when its actor is one of {@link #approvers()} (a person, or a group the ITSM
 * tool reports as deciding), or, when {@link #anyPerson()} holds, when it is any person. Nobody
 * approves their own change: the requester's vote never counts. Core cannot see inside groups;
 * list the people, or let the ITSM tool decide for the group.
 *
 * @param name the authority's name ({@code peer}, {@code change-manager}, {@code cab}, {@code ecab})
 * @param approvers the actors whose votes count
 * @param anyPerson whether any person's vote counts as well (a peer review)
 * @param quorum how many different approvers must approve; one rejection rejects
 * @param expiry how long the authority has before the request expires and the change is rejected
 */
public record ChangeAuthority(String name, Set<Actor> approvers, boolean anyPerson, int quorum, Duration expiry) {
  public ChangeAuthority {
    Objects.requireNonNull(name, "name");
    approvers = Set.copyOf(approvers);
    Objects.requireNonNull(expiry, "expiry");
  }

  /** An authority of the listed approvers. */
  public static ChangeAuthority of(String name, int quorum, Duration expiry, Actor... approvers) {
    return new ChangeAuthority(name, Set.of(approvers), false, quorum, expiry);
  }

  /** An authority where any person other than the requester may vote (a peer review). */
  public static ChangeAuthority anyPerson(String name, int quorum, Duration expiry) {
    return new ChangeAuthority(name, Set.of(), true, quorum, expiry);
  }

  /**
   * Whether {@code voter}'s vote counts on a change {@code requester} asked for. A system account
   * never votes, and the requester, however the name is spelled ({@link Actor#isSameAs}), never
   * approves their own change.
   */
  public boolean accepts(Actor voter, Actor requester) {
    if (voter.kind() == Actor.Kind.SYSTEM || voter.isSameAs(requester)) {
      return false;
    }
    if (anyPerson && voter.kind() == Actor.Kind.PERSON) {
      return true;
    }
    for (Actor approver : approvers) {
      if (approver.isSameAs(voter)) {
        return true;
      }
    }
    return false;
  }

}
