package io.github.coexist.core.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.kernel.Actor;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ApprovalsTest {
  private static final Instant T0 = Instant.parse("2025-03-04T10:00:00Z");
  private static final Actor ALICE = Actor.person("alice");
  private static final Actor BOB = Actor.person("bob");
  private static final Actor CAROL = Actor.person("carol");
  private final ChangeAuthority cab = ChangeAuthority.of("cab", 2, Duration.ofHours(8), ALICE, BOB, CAROL);
  private final Approvals requested = Approvals.requested(cab, Actor.person("dave"), T0);

  private static Vote approve(Actor actor) {
    return new Vote(actor, Vote.Verdict.APPROVE, "", T0);
  }

  @Test
  @DisplayName("approved once the quorum of different approvers approves")
  void quorum() {
    Approvals one = requested.with(approve(ALICE));
    assertThat(one.status()).isEqualTo(ApprovalStatus.REQUESTED);
    assertThat(one.waitingFor()).isEqualTo("1 of 2 cab approvals");
    assertThat(one.with(approve(BOB)).status()).isEqualTo(ApprovalStatus.APPROVED);
  }

  @Test
  @DisplayName("a second approval by the same actor counts once")
  void duplicateCountsOnce() {
    Approvals twice = requested.with(approve(ALICE)).with(approve(ALICE));
    assertThat(twice.approvalCount()).isEqualTo(1);
    assertThat(twice.votes()).hasSize(1);
    assertThat(twice.status()).isEqualTo(ApprovalStatus.REQUESTED);
  }

  @Test
  @DisplayName("one person spelled two ways counts once towards the quorum")
  void spellingsCountOnce() {
    Approvals twice = requested.with(approve(ALICE)).with(approve(Actor.person("ALICE")));
    assertThat(twice.approvalCount()).isEqualTo(1);
    assertThat(twice.status()).isEqualTo(ApprovalStatus.REQUESTED);
  }

  @Test
  @DisplayName("the requester is refused under any spelling, system accounts never vote, listed approvers match however spelled")
  void separationOfDuties() {
    Actor requester = Actor.person("codertocat");
    ChangeAuthority peers = ChangeAuthority.anyPerson("peer", 1, Duration.ofHours(8));
    for (String spelling : new String[] {"codertocat", "CODERTOCAT", "person:Codertocat", "coder\u200btocat",
        "c\u043ed\u0435rt\u043ecat", "ｃｏｄｅｒｔｏｃａｔ"}) {
      assertThat(peers.accepts(Actor.person(spelling), requester)).as(spelling).isFalse();
    }
    assertThat(peers.accepts(Actor.person("octocat"), requester)).isTrue();
    assertThat(peers.accepts(Actor.system("coexist"), requester)).as("a system account").isFalse();
    assertThat(cab.accepts(Actor.COEXIST, requester)).isFalse();
    assertThat(cab.accepts(Actor.person("Alice"), requester)).as("a listed approver, capitalised").isTrue();
    assertThat(cab.accepts(Actor.person("mallory"), requester)).isFalse();
  }

  @Test
  @DisplayName("one rejection rejects, even after approvals")
  void rejection() {
    Approvals rejected = requested.with(approve(ALICE)).with(new Vote(BOB, Vote.Verdict.REJECT, "no", T0));
    assertThat(rejected.status()).isEqualTo(ApprovalStatus.REJECTED);
  }

  @Test
  @DisplayName("a voter who changes their mind replaces their earlier vote")
  void changedMind() {
    Approvals changed = requested.with(approve(ALICE)).with(new Vote(ALICE, Vote.Verdict.REJECT, "", T0));
    assertThat(changed.votes()).singleElement().extracting(Vote::verdict).isEqualTo(Vote.Verdict.REJECT);
  }

  @Test
  @DisplayName("expires exactly at the authority's expiry after the request")
  void expiry() {
    assertThat(requested.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(8)));
    assertThat(requested.expiredAt(T0.plus(Duration.ofHours(8)).minusMillis(1))).isFalse();
    assertThat(requested.expiredAt(T0.plus(Duration.ofHours(8)))).isTrue();
  }

  @Test
  @DisplayName("the authority accepts its approvers, never the requester, and persons only when open to any")
  void eligibility() {
    assertThat(cab.accepts(ALICE, Actor.person("dave"))).isTrue();
    assertThat(cab.accepts(Actor.person("eve"), Actor.person("dave"))).isFalse();
    assertThat(cab.accepts(ALICE, ALICE)).isFalse();
    ChangeAuthority peer = ChangeAuthority.anyPerson("peer", 1, Duration.ofHours(1));
    assertThat(peer.accepts(Actor.person("eve"), ALICE)).isTrue();
    assertThat(peer.accepts(Actor.system("bot"), ALICE)).isFalse();
    assertThat(peer.accepts(ALICE, ALICE)).isFalse();
  }
}
