package io.github.coexist.core.incident;

import io.github.coexist.core.delivery.Deployment;
import static io.github.coexist.core.incident.Fixtures.ALICE;
import static io.github.coexist.core.incident.Fixtures.deployment;
import static io.github.coexist.core.incident.Fixtures.report;
import static io.github.coexist.core.support.Results.right;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.delivery.DeploymentLog;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.ExternalKey;
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
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CorrelationTest {
  private final ManualClock clock = ManualClock.atMondayMorning();
  private final Instant now = clock.instant();
  private final TestChanges changes = new TestChanges();

  private Instant ago(int minutes) {
    return now.minus(Duration.ofMinutes(minutes));
  }

  private IncidentDesk desk(DeploymentLog log) {
    return Fixtures.desk(clock).deployments(log).changes(changes).changeLinks(changes).build();
  }

  @Nested
  @DisplayName("ranking")
  class Ranking {
    @Test
    @DisplayName("same-service deployments in the window come first, newest first, then dependencies by distance")
    void order() {
      DeploymentLog log = Fixtures.log(
          deployment("d-shop-old", "shop", ago(600), Optional.empty()),
          deployment("d-shop-new", "shop", ago(30), Optional.of("C1")),
          deployment("d-pay", "payments", ago(20), Optional.empty()),
          deployment("d-db", "db", ago(10), Optional.empty()),
          deployment("d-search", "search", ago(5), Optional.empty()),
          deployment("d-too-old", "shop", ago(60 * 25), Optional.empty()));
      changes.add("C1", "shop", ChangeState.REVIEW, ago(35));
      IncidentDesk desk = desk(log);
      IncidentId id = right(desk.open(report("shop", 1, 1))).id();
      clock.advance(Duration.ofMinutes(1));
      log.record(deployment("d-after", "shop", clock.instant(), Optional.empty()));

      List<Suspect> suspects = right(desk.suspects(id));

      assertThat(suspects).extracting(s -> s.deployment().map(DeploymentId::value).orElse("-"))
          .containsExactly("d-shop-new", "d-shop-old", "d-pay", "d-db");
      assertThat(suspects).extracting(Suspect::rank).containsExactly(1, 2, 3, 4);
      assertThat(suspects).extracting(Suspect::kind).containsExactly(Suspect.Kind.SAME_SERVICE,
          Suspect.Kind.SAME_SERVICE, Suspect.Kind.DEPENDENCY, Suspect.Kind.DEPENDENCY);
      assertThat(suspects.get(0).change()).contains(ChangeId.of("C1"));
      assertThat(suspects.get(0).reason()).isEqualTo("shop deployed (deployment d-shop-new) 30 min before the incident was detected");
      assertThat(suspects.get(2).reason()).isEqualTo(
          "payments, which shop depends on directly, deployed (deployment d-pay) 20 min before the incident was detected");
      assertThat(suspects.get(3).hops()).isEqualTo(2);
      assertThat(suspects.get(3).reason()).contains("through 2 steps");
    }

    @Test
    @DisplayName("a staging deployment of the same service is no suspect for a production incident (case 1)")
    void stagingIsNoSuspect() {
      Deployment staging = new Deployment(DeploymentId.of("d-staging"), ServiceId.of("shop"), "staging",
          Deployment.Status.SUCCESS, ago(5), Optional.of(ago(4)), List.of(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty());
      DeploymentLog log = Fixtures.log(staging, deployment("d-prod", "shop", ago(30), Optional.empty()));
      IncidentDesk desk = desk(log);
      IncidentId id = right(desk.open(report("shop", 1, 1))).id();
      assertThat(right(desk.suspects(id))).extracting(s -> s.deployment().map(DeploymentId::value).orElse("-"))
          .containsExactly("d-prod");
    }

    @Test
    @DisplayName("the explicit caused-by link ranks first, and its change is not listed twice")
    void explicitFirst() {
      DeploymentLog log = Fixtures.log(
          deployment("d-shop", "shop", ago(30), Optional.empty()),
          deployment("d-pay", "payments", ago(50), Optional.of("C9")));
      changes.add("C9", "payments", ChangeState.CLOSED, ago(55));
      IncidentDesk desk = desk(log);
      IncidentId id = right(desk.open(NewIncident.builder().title("Payments failing").service("shop").impact(1)
          .urgency(1).reporter(ALICE).causedBy("C9").build().get())).id();

      List<Suspect> suspects = right(desk.suspects(id));

      assertThat(suspects).extracting(Suspect::kind).containsExactly(Suspect.Kind.EXPLICIT_LINK, Suspect.Kind.SAME_SERVICE);
      assertThat(suspects.get(0).change()).contains(ChangeId.of("C9"));
      assertThat(suspects.get(0).service()).isEqualTo(ServiceId.of("payments"));
      assertThat(suspects.get(0).reason()).isEqualTo("change C9 is recorded as the cause of this incident");
    }

    @Test
    @DisplayName("implemented changes without a deployment are suspects; planned or canceled ones are not")
    void changesWithoutDeployments() {
      changes.add("C-impl", "shop", ChangeState.IMPLEMENT, ago(40));
      changes.add("C-new", "shop", ChangeState.NEW, ago(40));
      changes.add("C-cancel", "shop", ChangeState.CANCELED, ago(40));
      changes.add("C-dep", "db", ChangeState.CLOSED, ago(90));
      IncidentDesk desk = desk(new DeploymentLog());
      IncidentId id = right(desk.open(report("shop", 2, 2))).id();

      List<Suspect> suspects = right(desk.suspects(id));

      assertThat(suspects).extracting(s -> s.change().orElseThrow().value()).containsExactly("C-impl", "C-dep");
      assertThat(suspects.get(0).deployment()).isEmpty();
      assertThat(suspects.get(0).reason()).isEqualTo("shop was changed (change C-impl, implement) 40 min before the incident was detected");
    }

    @Test
    @DisplayName("a change deployed twice is suspected once, for its latest deployment")
    void changeOnce() {
      DeploymentLog log = Fixtures.log(
          deployment("d-1", "shop", ago(100), Optional.of("C1")),
          deployment("d-2", "shop", ago(20), Optional.of("C1")));
      changes.add("C1", "shop", ChangeState.CLOSED, ago(110));
      IncidentDesk desk = desk(log);
      IncidentId id = right(desk.open(report("shop", 2, 2))).id();
      assertThat(right(desk.suspects(id))).singleElement()
          .satisfies(s -> assertThat(s.deployment()).contains(DeploymentId.of("d-2")));
    }

    @Test
    @DisplayName("an incident detected by an alert looks back from the first alert")
    void fromFirstAlert() {
      DeploymentLog log = Fixtures.log(deployment("d-1", "shop", ago(80), Optional.empty()));
      IncidentDesk desk = Fixtures.desk(clock).deployments(log)
          .correlationPolicy(new CorrelationPolicy(Duration.ofHours(1), 5)).build();
      Alert early = Fixtures.alert("Latency", "firing", ago(15));
      IncidentId id = right(desk.raise(early)).incident().orElseThrow().id();
      assertThat(right(desk.suspects(id))).isEmpty();
      log.record(deployment("d-2", "shop", ago(70), Optional.empty()));
      assertThat(right(desk.suspects(id))).extracting(s -> s.deployment().orElseThrow().value()).containsExactly("d-2");
    }
  }

  @Nested
  @DisplayName("dependency graphs")
  class Graphs {
    @Test
    @DisplayName("a cycle in the dependency graph is walked once, each service at its shortest distance")
    void cycles() {
      InMemoryServiceDirectory cyclic = InMemoryServiceDirectory.of(
          Service.builder().id(ServiceId.of("a")).owner(TeamId.of("t")).addDependsOn(ServiceId.of("b")).build(),
          Service.builder().id(ServiceId.of("b")).owner(TeamId.of("t")).addDependsOn(ServiceId.of("c")).build(),
          Service.builder().id(ServiceId.of("c")).owner(TeamId.of("t")).addDependsOn(ServiceId.of("a"), ServiceId.of("b")).build());
      DeploymentLog log = Fixtures.log(
          deployment("d-a", "a", ago(50), Optional.empty()),
          deployment("d-b", "b", ago(40), Optional.empty()),
          deployment("d-c", "c", ago(30), Optional.empty()));
      IncidentDesk desk = IncidentDesk.builder(clock, cyclic).ids(Fixtures.sequentialIds()).deployments(log).build();
      IncidentId id = right(desk.open(report("a", 2, 2))).id();

      List<Suspect> suspects = right(desk.suspects(id));

      assertThat(suspects).extracting(s -> s.service().value()).containsExactly("a", "b", "c");
      assertThat(suspects).extracting(Suspect::hops).containsExactly(0, 1, 2);
    }

    @Test
    @DisplayName("a dependency depth of zero looks at the incident's own service only")
    void depthZero() {
      DeploymentLog log = Fixtures.log(
          deployment("d-shop", "shop", ago(30), Optional.empty()),
          deployment("d-pay", "payments", ago(20), Optional.empty()));
      IncidentDesk desk = Fixtures.desk(clock).deployments(log)
          .correlationPolicy(new CorrelationPolicy(Duration.ofHours(24), 0)).build();
      IncidentId id = right(desk.open(report("shop", 2, 2))).id();
      assertThat(right(desk.suspects(id))).extracting(s -> s.service().value()).containsExactly("shop");
    }
  }

  @Nested
  @DisplayName("confirming a suspect")
  class Confirming {
    @Test
    @DisplayName("confirming a change links incident and change both ways and mirrors the cause")
    void bothWays() {
      DeploymentLog log = Fixtures.log(deployment("d-1", "shop", ago(30), Optional.of("C1")));
      changes.add("C1", "shop", ChangeState.REVIEW, ago(35));
      InMemoryIncidentRecords records = new InMemoryIncidentRecords();
      List<IncidentEvent> events = new ArrayList<>();
      IncidentDesk desk = Fixtures.desk(clock).deployments(log).changes(changes).changeLinks(changes)
          .records(records).listener(events::add).build();
      IncidentId id = right(desk.open(report("shop", 1, 1))).id();

      Incident confirmed = right(desk.confirmSuspect(id, ChangeId.of("C1"), ALICE));

      CausedBy cause = confirmed.causedBy().orElseThrow();
      assertThat(cause.change()).contains(ChangeId.of("C1"));
      assertThat(cause.deployment()).contains(DeploymentId.of("d-1"));
      assertThat(cause.changeRecord()).contains(ExternalKey.of("servicenow", "CHG-C1"));
      assertThat(changes.links).containsExactly("C1 caused " + id);
      assertThat(right(records.read(confirmed.externalKey().orElseThrow())).causedBy())
          .contains(ExternalKey.of("servicenow", "CHG-C1"));
      assertThat(events).filteredOn(e -> e instanceof IncidentEvent.CauseConfirmed).hasSize(1);
      assertThat(right(desk.suspects(id)).get(0).kind()).isEqualTo(Suspect.Kind.EXPLICIT_LINK);
    }

    @Test
    @DisplayName("confirming the same cause again only repeats the change side; another cause is a conflict")
    void idempotentAndConflict() {
      changes.add("C1", "shop", ChangeState.REVIEW, ago(35));
      changes.add("C2", "shop", ChangeState.REVIEW, ago(25));
      IncidentDesk desk = desk(new DeploymentLog());
      IncidentId id = right(desk.open(report("shop", 1, 1))).id();
      right(desk.confirmSuspect(id, ChangeId.of("C1"), ALICE));
      int activities = right(desk.incident(id)).activity().size();
      right(desk.confirmSuspect(id, ChangeId.of("C1"), ALICE));
      assertThat(right(desk.incident(id)).activity()).hasSize(activities);
      assertThat(changes.links).hasSize(2);
      assertThat(desk.confirmSuspect(id, ChangeId.of("C2"), ALICE).getLeft()).isInstanceOf(CoexistError.Conflict.class);
    }

    @Test
    @DisplayName("an unknown change or deployment is not found")
    void unknown() {
      IncidentDesk desk = desk(new DeploymentLog());
      IncidentId id = right(desk.open(report("shop", 1, 1))).id();
      assertThat(desk.confirmSuspect(id, ChangeId.of("nope"), ALICE).getLeft())
          .isEqualTo(new CoexistError.NotFound("change", "nope"));
      assertThat(desk.confirmSuspect(id, DeploymentId.of("nope"), ALICE).getLeft())
          .isEqualTo(new CoexistError.NotFound("deployment", "nope"));
    }

    @Test
    @DisplayName("confirming a deployment records it, with its change linked when it has one")
    void byDeployment() {
      DeploymentLog log = Fixtures.log(deployment("d-1", "payments", ago(30), Optional.of("C7")),
          deployment("d-2", "shop", ago(20), Optional.empty()));
      changes.add("C7", "payments", ChangeState.CLOSED, ago(35));
      IncidentDesk desk = desk(log);
      IncidentId id = right(desk.open(report("shop", 1, 1))).id();
      CausedBy cause = right(desk.confirmSuspect(id, DeploymentId.of("d-1"), ALICE)).causedBy().orElseThrow();
      assertThat(cause.change()).contains(ChangeId.of("C7"));
      assertThat(changes.links).containsExactly("C7 caused " + id);
      IncidentId other = right(desk.open(report("shop", 1, 1))).id();
      CausedBy plain = right(desk.confirmSuspect(other, DeploymentId.of("d-2"), ALICE)).causedBy().orElseThrow();
      assertThat(plain.change()).isEmpty();
      assertThat(plain.describe()).isEqualTo("deployment d-2");
    }
  }
}
