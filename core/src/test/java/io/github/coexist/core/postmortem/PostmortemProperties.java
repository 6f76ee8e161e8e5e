package io.github.coexist.core.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.DeploymentLog;
import io.github.coexist.core.incident.IncidentDesk;
import io.github.coexist.core.incident.NewIncident;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.kernel.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Postmortems of random incident histories, acted on by random people. */
class PostmortemProperties {
  private static final List<String> PEOPLE = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi");

  enum Step { ACK, HOLD, RESUME, RESOLVE, REOPEN, MAJOR, DEPLOY }

  record Move(Step step, int person, int minutes) {}

  private static Gen<List<Move>> histories() {
    return lists().of(Generate.enumValues(Step.class).zip(integers().between(0, PEOPLE.size() - 1),
        integers().between(0, 180), Move::new)).ofSizeBetween(0, 15);
  }

  @Test
  @DisplayName("every timeline entry is in order, every activity is on it, and no findings name a person")
  void orderedAndBlameless() {
    qt().withExamples(150).forAll(histories(), integers().between(0, PEOPLE.size() - 1)).checkAssert((moves, reporter) -> {
      ManualClock clock = ManualClock.atMondayMorning();
      InMemoryServiceDirectory services = InMemoryServiceDirectory.of(
          Service.builder().id(ServiceId.of("shop")).owner(TeamId.of("team-shop")).addDependsOn(ServiceId.of("db")).build(),
          Service.builder().id(ServiceId.of("db")).owner(TeamId.of("team-db")).addDependsOn(ServiceId.of("shop")).build());
      DeploymentLog log = new DeploymentLog();
      IncidentDesk desk = IncidentDesk.builder(clock, services).deployments(log).ids(() -> IncidentId.of("INC-1")).build();
      String reporterName = PEOPLE.get(reporter);
      IncidentId id = desk.open(NewIncident.builder().title(reporterName + " sees errors").service("shop")
          .impact(2).urgency(1).reporter(Actor.person(reporterName)).build().get()).get().id();
      List<Instant> deployedAt = new ArrayList<>();
      for (Move move : moves) {
        clock.advance(Duration.ofMinutes(move.minutes()));
        Actor who = Actor.person(PEOPLE.get(move.person()));
        String name = PEOPLE.get(move.person());
        switch (move.step()) {
          case ACK -> desk.acknowledge(id, who);
          case HOLD -> desk.hold(id, "waiting for " + name, who);
          case RESUME -> desk.resume(id, who);
          case RESOLVE -> desk.resolve(id, name + " restarted it", who);
          case REOPEN -> desk.reopen(id, name + " still sees it", who);
          case MAJOR -> desk.markMajor(id, who);
          case DEPLOY -> deployedAt.add(log.record(new Deployment(DeploymentId.of("d-" + deployedAt.size()),
              ServiceId.of(move.person() % 2 == 0 ? "shop" : "db"), "production", Deployment.Status.SUCCESS,
              clock.instant(), Optional.of(clock.instant()), List.of(), Optional.empty(), Optional.empty(),
              Optional.empty(), Optional.empty())).get().startedAt());
        }
      }
      PostmortemDrafter drafter = PostmortemDrafter.builder(clock, desk, services).deployments(log).build();
      Postmortem draft = drafter.draft(id).get();

      assertThat(draft.timeline()).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
      assertThat(draft.timeline().stream().filter(e -> e.kind() == TimelineEntry.Kind.INCIDENT).count())
          .isEqualTo(desk.incident(id).get().activity().size());
      // Deployments until resolution (or now, while open) belong on the timeline; later ones do not.
      Instant end = desk.incident(id).get().resolvedAt().orElse(clock.instant());
      assertThat(draft.timeline().stream().filter(e -> e.kind() == TimelineEntry.Kind.DEPLOYMENT).count())
          .isEqualTo(deployedAt.stream().filter(at -> !at.isAfter(end)).count());
      String findings = (draft.summary() + "\n" + String.join("\n", draft.contributingFactors()) + "\n"
          + String.join("\n", draft.actionItems().stream().map(ActionItem::title).toList())).toLowerCase(Locale.ROOT);
      for (String person : PEOPLE) {
        assertThat(findings).doesNotContain(person);
      }
      assertThat(draft.contributingFactors()).isNotEmpty();
      assertThat(draft.actionItems()).isNotEmpty();
    });
  }
}
