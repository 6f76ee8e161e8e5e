package io.github.coexist.core.incident;

import static io.github.coexist.core.incident.Fixtures.alert;
import static io.github.coexist.core.support.Results.right;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.incident.AlertOutcome.Kind;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.error.CoexistError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AlertIntakeTest {
  private final ManualClock clock = ManualClock.atMondayMorning();
  private final List<IncidentEvent> events = new ArrayList<>();

  private IncidentDesk desk(AlertPolicy policy) {
    return Fixtures.desk(clock).alertPolicy(policy).listener(events::add).build();
  }

  private Instant tick(int minutes) {
    return clock.advance(Duration.ofMinutes(minutes));
  }

  @Nested
  @DisplayName("dedup")
  class Dedup {
    @Test
    @DisplayName("repeats of one alert fold into one open incident, counted")
    void repeatsFold() {
      IncidentDesk desk = desk(AlertPolicy.defaults());
      AlertOutcome first = right(desk.raise(alert("HighLatency", "firing", tick(0))));
      AlertOutcome second = right(desk.raise(alert("HighLatency", "firing", tick(1))));
      AlertOutcome third = right(desk.raise(alert("HighLatency", "firing", tick(1))));
      assertThat(first.kind()).isEqualTo(Kind.OPENED);
      assertThat(second.kind()).isEqualTo(Kind.FOLDED);
      assertThat(third.kind()).isEqualTo(Kind.FOLDED);
      assertThat(desk.incidents()).hasSize(1);
      Incident incident = third.incident().orElseThrow();
      assertThat(incident.alerts().orElseThrow().count()).isEqualTo(3);
      assertThat(incident.alerts().orElseThrow().firstAt()).isEqualTo(first.incident().orElseThrow().openedAt());
      assertThat(events).hasSize(1).first().isInstanceOf(IncidentEvent.Opened.class);
    }

    @Test
    @DisplayName("different keys, or the same key from another source, open different incidents")
    void differentKeys() {
      IncidentDesk desk = desk(AlertPolicy.defaults());
      right(desk.raise(alert("HighLatency", "firing", tick(0))));
      right(desk.raise(alert("ErrorRate", "firing", tick(1))));
      right(desk.raise(Alert.builder().source("datadog").dedupKey("HighLatency").service("shop").summary("s")
          .severity("error").status("firing").at(tick(1)).build().get()));
      assertThat(desk.openIncidents()).hasSize(3);
    }

    @Test
    @DisplayName("an alert opens an incident assigned to the service's owner, prioritised by severity")
    void assignment() {
      IncidentDesk desk = desk(AlertPolicy.defaults());
      Incident incident = right(desk.raise(alert("Disk", "payments", "warning", "firing", tick(0))))
          .incident().orElseThrow();
      assertThat(incident.assignmentGroup()).hasValueSatisfying(t -> assertThat(t.value()).isEqualTo("team-pay"));
      assertThat(incident.priority()).isEqualTo(Priority.MODERATE);
      assertThat(incident.openedBy()).isEqualTo(Actor.system("prometheus"));
      assertThat(incident.signature()).isEqualTo("prometheus/payments/Disk");
    }

    @Test
    @DisplayName("an alert for a service the directory does not know still opens an incident, unassigned")
    void unknownService() {
      IncidentDesk desk = desk(AlertPolicy.defaults());
      Incident incident = right(desk.raise(alert("Down", "ghost", "critical", "firing", tick(0))))
          .incident().orElseThrow();
      assertThat(incident.assignmentGroup()).isEmpty();
      assertThat(incident.activity().get(0).detail()).contains("not in the service directory");
    }

    @Test
    @DisplayName("a more severe repeat escalates the priority; a milder one never lowers it")
    void escalation() {
      IncidentDesk desk = desk(AlertPolicy.defaults());
      right(desk.raise(alert("Latency", "shop", "warning", "firing", tick(0))));
      Incident escalated = right(desk.raise(alert("Latency", "shop", "critical", "firing", tick(1))))
          .incident().orElseThrow();
      assertThat(escalated.priority()).isEqualTo(Priority.CRITICAL);
      Incident kept = right(desk.raise(alert("Latency", "shop", "info", "firing", tick(1)))).incident().orElseThrow();
      assertThat(kept.priority()).isEqualTo(Priority.CRITICAL);
      assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Opened", "PriorityChanged");
    }

    @Test
    @DisplayName("an alert older than one already taken for its key is stale and changes nothing")
    void stale() {
      IncidentDesk desk = desk(AlertPolicy.defaults());
      Instant t0 = tick(0);
      right(desk.raise(alert("Latency", "firing", t0.plusSeconds(60))));
      AlertOutcome stale = right(desk.raise(alert("Latency", "resolved", t0)));
      assertThat(stale.kind()).isEqualTo(Kind.STALE);
      assertThat(desk.openIncidents()).hasSize(1);
    }
  }

  @Nested
  @DisplayName("clearing")
  class Clearing {
    @Test
    @DisplayName("a clear resolves the incident when auto-resolve is on")
    void autoResolve() {
      IncidentDesk desk = desk(AlertPolicy.defaults());
      right(desk.raise(alert("Latency", "firing", tick(0))));
      AlertOutcome cleared = right(desk.raise(alert("Latency", "resolved", tick(5))));
      assertThat(cleared.kind()).isEqualTo(Kind.RESOLVED);
      Incident incident = cleared.incident().orElseThrow();
      assertThat(incident.state()).isEqualTo(IncidentState.RESOLVED);
      assertThat(incident.resolvedAt()).contains(clock.instant());
      assertThat(incident.activity()).last().extracting(IncidentActivity::actor).isEqualTo(Actor.system("prometheus"));
    }

    @Test
    @DisplayName("with auto-resolve off a clear is recorded and the incident stays open")
    void autoResolveOff() {
      IncidentDesk desk = desk(AlertPolicy.defaults().withAutoResolve(false));
      right(desk.raise(alert("Latency", "firing", tick(0))));
      AlertOutcome cleared = right(desk.raise(alert("Latency", "resolved", tick(5))));
      assertThat(cleared.kind()).isEqualTo(Kind.CLEAR_RECORDED);
      assertThat(cleared.incident().orElseThrow().state()).isEqualTo(IncidentState.NEW);
      assertThat(cleared.incident().orElseThrow().activity()).last()
          .extracting(IncidentActivity::action).isEqualTo(IncidentActivity.Action.ALERT_CLEARED);
    }

    @Test
    @DisplayName("a major incident is never resolved by its alert clearing")
    void majorStaysOpen() {
      IncidentDesk desk = desk(AlertPolicy.defaults());
      Incident incident = right(desk.raise(alert("Latency", "firing", tick(0)))).incident().orElseThrow();
      right(desk.markMajor(incident.id(), Fixtures.ALICE));
      AlertOutcome cleared = right(desk.raise(alert("Latency", "resolved", tick(5))));
      assertThat(cleared.kind()).isEqualTo(Kind.CLEAR_RECORDED);
      assertThat(right(desk.incident(incident.id())).isOpen()).isTrue();
    }

    @Test
    @DisplayName("a clear without an open incident says so")
    void clearWithoutIncident() {
      IncidentDesk desk = desk(AlertPolicy.defaults());
      AlertOutcome cleared = right(desk.raise(alert("Latency", "resolved", tick(0))));
      assertThat(cleared.kind()).isEqualTo(Kind.NO_OPEN_INCIDENT);
      assertThat(cleared.incident()).isEmpty();
      assertThat(desk.incidents()).isEmpty();
    }
  }

  @Nested
  @DisplayName("reopening and flapping")
  class Flapping {
    @Test
    @DisplayName("an alert firing again soon after its incident resolved reopens it")
    void reopenWithinWindow() {
      IncidentDesk desk = desk(AlertPolicy.defaults());
      right(desk.raise(alert("Latency", "firing", tick(0))));
      right(desk.raise(alert("Latency", "resolved", tick(5))));
      AlertOutcome again = right(desk.raise(alert("Latency", "firing", tick(10))));
      assertThat(again.kind()).isEqualTo(Kind.REOPENED);
      assertThat(again.incident().orElseThrow().reopenCount()).isEqualTo(1);
      assertThat(desk.incidents()).hasSize(1);
    }

    @Test
    @DisplayName("a reopened incident nobody acknowledged still waits for a response: its clock runs and breaches, and it can be acknowledged")
    void reopenedUnacknowledged() {
      IncidentDesk desk = desk(AlertPolicy.defaults());
      right(desk.raise(alert("Latency", "firing", tick(0))));
      right(desk.raise(alert("Latency", "resolved", tick(5))));
      Incident reopened = right(desk.raise(alert("Latency", "firing", tick(10)))).incident().orElseThrow();
      tick(180);

      SlaClock response = right(desk.sla(reopened.id())).response();
      assertThat(response.phase()).isEqualTo(SlaClock.Phase.RUNNING);
      assertThat(response.elapsed()).as("5 min before the clear and 3 h since the reopen")
          .isEqualTo(Duration.ofMinutes(185));
      assertThat(response.breached()).isTrue();

      Incident acknowledged = right(desk.acknowledge(reopened.id(), Fixtures.ALICE));
      assertThat(acknowledged.acknowledgedAt()).contains(clock.instant());
      assertThat(right(desk.sla(reopened.id())).response().phase()).isEqualTo(SlaClock.Phase.STOPPED);
      assertThat(desk.acknowledge(reopened.id(), Fixtures.ALICE).getLeft())
          .as("acknowledged once").isInstanceOf(CoexistError.IllegalTransition.class);
    }

    @Test
    @DisplayName("an alert firing long after its incident resolved opens a new one")
    void newAfterWindow() {
      IncidentDesk desk = desk(AlertPolicy.defaults());
      right(desk.raise(alert("Latency", "firing", tick(0))));
      right(desk.raise(alert("Latency", "resolved", tick(5))));
      AlertOutcome again = right(desk.raise(alert("Latency", "firing", tick(120))));
      assertThat(again.kind()).isEqualTo(Kind.OPENED);
      assertThat(desk.incidents()).hasSize(2);
    }

    @Test
    @DisplayName("a flapping alert keeps one incident open and its clears are suppressed")
    void flappingSuppressed() {
      IncidentDesk desk = desk(AlertPolicy.defaults().withReopenWindow(Duration.ZERO));
      List<Kind> kinds = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        kinds.add(right(desk.raise(alert("Latency", "firing", tick(2)))).kind());
        kinds.add(right(desk.raise(alert("Latency", "resolved", tick(2)))).kind());
      }
      // Changes: f (none), r 1, f 2, r 3, f 4: flapping from the fourth change on.
      assertThat(kinds).containsExactly(Kind.OPENED, Kind.RESOLVED, Kind.OPENED, Kind.RESOLVED,
          Kind.REOPENED, Kind.SUPPRESSED_FLAPPING, Kind.FOLDED, Kind.SUPPRESSED_FLAPPING,
          Kind.FOLDED, Kind.SUPPRESSED_FLAPPING, Kind.FOLDED, Kind.SUPPRESSED_FLAPPING);
      assertThat(desk.incidents()).hasSize(2);
      assertThat(desk.openIncidents()).hasSize(1);
      assertThat(desk.openIncidents().get(0).activity())
          .extracting(IncidentActivity::action).contains(IncidentActivity.Action.ALERT_FLAPPING);
    }

    @Test
    @DisplayName("once the alert calms down, its clear resolves the incident again")
    void calmsDown() {
      IncidentDesk desk = desk(AlertPolicy.defaults().withFlapping(2, Duration.ofMinutes(10)));
      right(desk.raise(alert("Latency", "firing", tick(0))));
      right(desk.raise(alert("Latency", "resolved", tick(1))));
      assertThat(right(desk.raise(alert("Latency", "firing", tick(1)))).kind()).isEqualTo(Kind.REOPENED);
      assertThat(right(desk.raise(alert("Latency", "resolved", tick(1)))).kind()).isEqualTo(Kind.SUPPRESSED_FLAPPING);
      assertThat(right(desk.raise(alert("Latency", "firing", tick(30)))).kind()).isEqualTo(Kind.FOLDED);
      assertThat(right(desk.raise(alert("Latency", "resolved", tick(30)))).kind()).isEqualTo(Kind.RESOLVED);
    }
  }
}
