package io.github.coexist.core.incident;

import static io.github.coexist.core.incident.Fixtures.ALICE;
import static io.github.coexist.core.incident.Fixtures.BOB;
import static io.github.coexist.core.incident.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.IncidentActivity.Action;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.service.Tier;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 16, case 4: major incidents declared by themselves, their roles and timed stakeholder updates. */
class MajorIncidentTest {
  private final ManualClock clock = ManualClock.atMondayMorning();
  private final InMemoryServiceDirectory services = InMemoryServiceDirectory.of(
      Service.builder().id(ServiceId.of("payments")).owner(TeamId.of("team-pay")).tier(Tier.TIER_1).build(),
      Service.builder().id(ServiceId.of("search")).owner(TeamId.of("team-search")).tier(Tier.TIER_3).build());
  private final IncidentDesk desk = IncidentDesk.builder(clock, services).stakeholderUpdates(Duration.ofMinutes(20)).build();

  @Test
  @DisplayName("a P1 on a tier-1 service is declared major; a P1 on tier 3, or a P2 on tier 1, is not")
  void declaredByItself() {
    Incident p1 = desk.open(report("payments", 1, 1)).get();
    assertThat(p1.major()).isTrue();
    assertThat(p1.activity()).anyMatch(a -> a.action() == Action.MARKED_MAJOR && a.actor().equals(Actor.COEXIST)
        && a.detail().equals("declared a major incident: P1 on tier-1 service payments"));
    assertThat(desk.open(report("search", 1, 1)).get().major()).isFalse();
    Incident p2 = desk.open(report("payments", 2, 1)).get();
    assertThat(p2.major()).isFalse();
    assertThat(desk.reprioritize(p2.id(), Impact.HIGH, Urgency.HIGH, ALICE).get().major()).isTrue();
  }

  @Test
  @DisplayName("roles and stakeholder updates go in the timeline; an update is noted due each interval without one")
  void rolesAndUpdates() {
    Incident major = desk.open(report("payments", 1, 1)).get();
    desk.assignRole(major.id(), IncidentDesk.Role.COMMANDER, BOB, ALICE).get();
    desk.assignRole(major.id(), IncidentDesk.Role.COMMUNICATIONS, ALICE, ALICE).get();
    clock.advance(Duration.ofMinutes(19));
    assertThat(desk.remindStakeholders()).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(desk.remindStakeholders()).hasSize(1);
    assertThat(desk.remindStakeholders()).isEmpty();
    clock.advance(Duration.ofMinutes(5));
    desk.stakeholderUpdate(major.id(), "payments degraded; rollback under way", ALICE).get();
    clock.advance(Duration.ofMinutes(20));
    assertThat(desk.remindStakeholders()).hasSize(1);
    assertThat(desk.incident(major.id()).get().activity()).extracting(IncidentActivity::action).containsSubsequence(
        Action.MARKED_MAJOR, Action.ROLE_ASSIGNED, Action.ROLE_ASSIGNED, Action.STAKEHOLDER_UPDATE_DUE,
        Action.STAKEHOLDER_UPDATE, Action.STAKEHOLDER_UPDATE_DUE);
    assertThat(desk.incident(major.id()).get().activity()).anyMatch(a -> a.detail().equals("commander: bob"));

    Incident minor = desk.open(report("search", 3, 3)).get();
    assertThat(desk.assignRole(minor.id(), IncidentDesk.Role.COMMANDER, BOB, ALICE).getLeft())
        .isInstanceOf(CoexistError.Conflict.class);
  }
}
