package io.github.coexist.core.incident;

import static io.github.coexist.core.incident.Fixtures.ALICE;
import static io.github.coexist.core.incident.Fixtures.BOB;
import static io.github.coexist.core.incident.Fixtures.alert;
import static io.github.coexist.core.incident.Fixtures.report;
import static io.github.coexist.core.support.Results.right;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.audit.AuditStore;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.audit.InMemoryAuditStore;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.kernel.ManualClock;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IncidentDeskTest {
  private final ManualClock clock = ManualClock.atMondayMorning();
  private final List<IncidentEvent> events = new ArrayList<>();

  @Nested
  @DisplayName("opening by a person")
  class Opening {
    @Test
    @DisplayName("a report opens a new incident assigned to the owning team with the matrix's priority")
    void opens() {
      IncidentDesk desk = Fixtures.desk(clock).listener(events::add).build();
      Incident incident = right(desk.open(report("payments", 2, 1)));
      assertThat(incident.state()).isEqualTo(IncidentState.NEW);
      assertThat(incident.priority()).isEqualTo(Priority.HIGH);
      assertThat(incident.assignmentGroup()).contains(TeamId.of("team-pay"));
      assertThat(incident.openedBy()).isEqualTo(ALICE);
      assertThat(incident.openedAt()).isEqualTo(clock.instant());
      assertThat(incident.signature()).isEqualTo("checkout fails for some users");
      assertThat(incident.externalKey()).hasValueSatisfying(k -> assertThat(k.system()).isEqualTo("memory"));
      assertThat(events).singleElement().isInstanceOf(IncidentEvent.Opened.class);
    }

    @Test
    @DisplayName("a bad report is refused with every problem listed")
    void badReport() {
      CoexistError error = NewIncident.builder().title(" ").impact(0).urgency(9).build().getLeft();
      assertThat(error).isInstanceOfSatisfying(CoexistError.InvalidInput.class, invalid ->
          assertThat(invalid.problems()).containsExactly("title is required", "service is required",
              "impact must be 1 to 3, was 0", "urgency must be 1 to 3, was 9", "reporter is required"));
    }

    @Test
    @DisplayName("a report declared major is major from the start, and says so to listeners")
    void major() {
      IncidentDesk desk = Fixtures.desk(clock).listener(events::add).build();
      Incident incident = right(desk.open(NewIncident.builder().title("All down").service("shop").impact(1)
          .urgency(1).reporter(ALICE).major(true).build().get()));
      assertThat(incident.major()).isTrue();
      assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Opened", "MarkedMajor");
    }
  }

  @Nested
  @DisplayName("the lifecycle")
  class Lifecycle {
    @Test
    @DisplayName("acknowledge, hold, resume, resolve, reopen, resolve and close stamp each time")
    void fullPath() {
      IncidentDesk desk = Fixtures.desk(clock).listener(events::add).build();
      IncidentId id = right(desk.open(report("shop", 1, 1))).id();
      clock.advance(Duration.ofMinutes(3));
      Incident acked = right(desk.acknowledge(id, BOB));
      assertThat(acked.state()).isEqualTo(IncidentState.IN_PROGRESS);
      assertThat(acked.acknowledgedAt()).contains(clock.instant());
      Incident held = right(desk.hold(id, "waiting for the payment provider", BOB));
      assertThat(held.holdReason()).contains("waiting for the payment provider");
      assertThat(right(desk.resume(id, BOB)).holdReason()).isEmpty();
      clock.advance(Duration.ofMinutes(30));
      Incident resolved = right(desk.resolve(id, "rolled back", BOB));
      assertThat(resolved.resolvedAt()).contains(clock.instant());
      Incident reopened = right(desk.reopen(id, "errors are back", ALICE));
      assertThat(reopened.reopenCount()).isEqualTo(1);
      assertThat(reopened.resolvedAt()).isEmpty();
      right(desk.resolve(id, "fixed the config", BOB));
      Incident closed = right(desk.close(id, BOB));
      assertThat(closed.state()).isEqualTo(IncidentState.CLOSED);
      assertThat(closed.closedAt()).contains(clock.instant());
      assertThat(closed.activity()).extracting(IncidentActivity::action).containsExactly(
          IncidentActivity.Action.OPENED, IncidentActivity.Action.ACKNOWLEDGED, IncidentActivity.Action.HELD,
          IncidentActivity.Action.RESUMED, IncidentActivity.Action.RESOLVED, IncidentActivity.Action.REOPENED,
          IncidentActivity.Action.RESOLVED, IncidentActivity.Action.CLOSED);
      assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly(
          "Opened", "Acknowledged", "Resolved", "Reopened", "Resolved", "Closed");
    }

    @Test
    @DisplayName("moves the lifecycle does not allow are refused with the reason, and change nothing")
    void illegalMoves() {
      IncidentDesk desk = Fixtures.desk(clock).build();
      IncidentId id = right(desk.open(report("shop", 2, 2))).id();
      CoexistError holdNew = desk.hold(id, "later", BOB).getLeft();
      assertThat(holdNew).isInstanceOf(CoexistError.IllegalTransition.class);
      assertThat(holdNew.message()).contains("only an incident in progress can be put on hold");
      assertThat(desk.close(id, BOB).getLeft().message()).contains("only a resolved incident can be closed");
      right(desk.cancel(id, "duplicate of INC-0", BOB));
      assertThat(desk.reopen(id, "again", BOB).getLeft()).isInstanceOf(CoexistError.IllegalTransition.class);
      assertThat(desk.assign(id, TeamId.of("team-db"), BOB).getLeft()).isInstanceOf(CoexistError.IllegalTransition.class);
      assertThat(right(desk.incident(id)).state()).isEqualTo(IncidentState.CANCELED);
    }

    @Test
    @DisplayName("reasons are required and unknown incidents are not found")
    void inputs() {
      IncidentDesk desk = Fixtures.desk(clock).build();
      IncidentId id = right(desk.open(report("shop", 2, 2))).id();
      assertThat(desk.resolve(id, " ", BOB).getLeft().message()).contains("a resolution note is required");
      assertThat(desk.cancel(id, null, BOB).getLeft().message()).contains("a reason to cancel is required");
      assertThat(desk.acknowledge(IncidentId.of("nope"), BOB).getLeft()).isEqualTo(new CoexistError.NotFound("incident", "nope"));
    }

    @Test
    @DisplayName("reassignment, reprioritising and the major flag are recorded, and repeating them changes nothing")
    void notes() {
      IncidentDesk desk = Fixtures.desk(clock).listener(events::add).build();
      IncidentId id = right(desk.open(report("shop", 3, 3))).id();
      assertThat(right(desk.assign(id, TeamId.of("team-db"), BOB)).assignmentGroup()).contains(TeamId.of("team-db"));
      Incident raised = right(desk.reprioritize(id, Impact.HIGH, Urgency.MEDIUM, BOB));
      assertThat(raised.priority()).isEqualTo(Priority.HIGH);
      right(desk.markMajor(id, BOB));
      int activities = right(desk.incident(id)).activity().size();
      right(desk.assign(id, TeamId.of("team-db"), BOB));
      right(desk.reprioritize(id, Impact.HIGH, Urgency.MEDIUM, BOB));
      right(desk.markMajor(id, BOB));
      assertThat(right(desk.incident(id)).activity()).hasSize(activities);
      assertThat(events).extracting(e -> e.getClass().getSimpleName())
          .containsExactly("Opened", "PriorityChanged", "MarkedMajor");
      assertThat(((IncidentEvent.PriorityChanged) events.get(1)).before()).isEqualTo(Priority.PLANNING);
    }

    @Test
    @DisplayName("open incidents can be listed per service")
    void openPerService() {
      IncidentDesk desk = Fixtures.desk(clock).build();
      right(desk.open(report("shop", 2, 2)));
      IncidentId resolved = right(desk.open(report("shop", 2, 2))).id();
      right(desk.resolve(resolved, "done", BOB));
      right(desk.open(report("db", 2, 2)));
      assertThat(desk.openIncidents(ServiceId.of("shop"))).hasSize(1);
      assertThat(desk.openIncidents()).hasSize(2);
      assertThat(desk.incidents()).hasSize(3);
    }
  }

  @Nested
  @DisplayName("audit")
  class Audit {
    @Test
    @DisplayName("every accepted transition is in the audit trail with actor, inputs and outcome; the chain verifies")
    void recorded() {
      InMemoryAuditStore store = new InMemoryAuditStore();
      AuditTrail trail = new AuditTrail(store, clock);
      IncidentDesk desk = Fixtures.desk(clock).audit(trail).build();
      IncidentId id = right(desk.open(report("shop", 2, 2))).id();
      right(desk.acknowledge(id, BOB));
      right(desk.resolve(id, "restarted", BOB));
      desk.close(IncidentId.of("unknown"), BOB);
      Seq<AuditEntry> entries = trail.read(1, 100).get();
      assertThat(entries).extracting(AuditEntry::action)
          .containsExactly("incident.opened", "incident.acknowledged", "incident.resolved");
      AuditEntry resolved = entries.get(2);
      assertThat(resolved.actor()).isEqualTo(BOB);
      assertThat(resolved.subject()).isEqualTo(id.value());
      assertThat(resolved.inputs()).containsEntry("resolution", "restarted").containsEntry("service", "shop");
      assertThat(resolved.outcome()).isEqualTo("IN_PROGRESS -> RESOLVED");
      assertThat(trail.verify().get().intact()).isTrue();
    }

    @Test
    @DisplayName("a transition the audit trail cannot record does not happen")
    void auditFailureRefuses() {
      AtomicBoolean down = new AtomicBoolean();
      InMemoryAuditStore memory = new InMemoryAuditStore();
      AuditStore flaky = new AuditStore() {
        @Override
        public Either<CoexistError, Done> append(AuditEntry entry) {
          return down.get() ? Either.left(new CoexistError.Unavailable("audit store down")) : memory.append(entry);
        }

        @Override
        public Either<CoexistError, Optional<AuditEntry>> last() {
          return memory.last();
        }

        @Override
        public Either<CoexistError, Seq<AuditEntry>> read(long from, int limit) {
          return memory.read(from, limit);
        }
      };
      IncidentDesk desk = Fixtures.desk(clock).audit(new AuditTrail(flaky, clock)).listener(events::add).build();
      IncidentId id = right(desk.open(report("shop", 2, 2))).id();
      down.set(true);
      assertThat(desk.acknowledge(id, BOB).getLeft()).isEqualTo(new CoexistError.Unavailable("audit store down"));
      assertThat(right(desk.incident(id)).state()).isEqualTo(IncidentState.NEW);
      assertThat(events).hasSize(1);
    }
  }

  @Nested
  @DisplayName("mirroring to the ITSM tool")
  class Mirroring {
    @Test
    @DisplayName("the record follows state, priority and the major flag")
    void follows() {
      InMemoryIncidentRecords records = new InMemoryIncidentRecords();
      IncidentDesk desk = Fixtures.desk(clock).records(records).build();
      Incident incident = right(desk.open(report("shop", 3, 3)));
      ExternalKey key = incident.externalKey().orElseThrow();
      assertThat(right(records.find(incident.recordKey()))).contains(key);
      right(desk.acknowledge(incident.id(), BOB));
      right(desk.reprioritize(incident.id(), Impact.HIGH, Urgency.HIGH, BOB));
      right(desk.markMajor(incident.id(), BOB));
      RecordedIncident recorded = right(records.read(key));
      assertThat(recorded.state()).isEqualTo(IncidentState.IN_PROGRESS);
      assertThat(recorded.priority()).isEqualTo(Priority.CRITICAL);
      assertThat(recorded.major()).isTrue();
    }

    @Test
    @DisplayName("a tool that is down leaves incidents pending, never lost, and a resync catches up")
    void pendingThenResync() {
      AtomicBoolean down = new AtomicBoolean(true);
      InMemoryIncidentRecords memory = new InMemoryIncidentRecords();
      IncidentRecords flaky = new IncidentRecords() {
        @Override
        public String system() {
          return "flaky";
        }

        @Override
        public Either<CoexistError, ExternalKey> ensure(Incident incident) {
          return down.get() ? Either.left(new CoexistError.Unavailable("503")) : memory.ensure(incident);
        }

        @Override
        public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
          return memory.find(key);
        }

        @Override
        public Either<CoexistError, RecordedIncident> update(ExternalKey key, Incident incident) {
          return down.get() ? Either.left(new CoexistError.Unavailable("503")) : memory.update(key, incident);
        }

        @Override
        public Either<CoexistError, RecordedIncident> read(ExternalKey key) {
          return memory.read(key);
        }
      };
      IncidentDesk desk = Fixtures.desk(clock).records(flaky).build();
      Incident incident = right(desk.open(report("shop", 2, 2)));
      right(desk.acknowledge(incident.id(), BOB));
      assertThat(incident.externalKey()).isEmpty();
      assertThat(desk.unsynced()).containsOnlyKeys(incident.id());
      down.set(false);
      assertThat(desk.resync()).isEmpty();
      ExternalKey key = right(desk.incident(incident.id())).externalKey().orElseThrow();
      assertThat(right(memory.read(key)).state()).isEqualTo(IncidentState.IN_PROGRESS);
    }
  }

  @Nested
  @DisplayName("listeners and SLA checks")
  class Listening {
    @Test
    @DisplayName("a listener that throws is logged and the command still succeeds")
    void throwingListener() {
      List<IncidentEvent> heard = new ArrayList<>();
      IncidentDesk desk = Fixtures.desk(clock).listener(IncidentListener.composite(
          e -> { throw new IllegalStateException("boom"); }, heard::add)).build();
      assertThat(desk.open(report("shop", 2, 2)).isRight()).isTrue();
      assertThat(heard).hasSize(1);
    }

    @Test
    @DisplayName("a breached SLA clock is signalled once, and the check lists breached incidents")
    void slaBreachSignalledOnce() {
      IncidentDesk desk = Fixtures.desk(clock).listener(events::add).build();
      IncidentId id = right(desk.raise(alert("Down", "firing", clock.instant()))).incident().orElseThrow().id();
      assertThat(desk.checkSlas()).isEmpty();
      clock.advance(Duration.ofMinutes(16));
      assertThat(desk.checkSlas()).singleElement().satisfies(s -> {
        assertThat(s.incident()).isEqualTo(id);
        assertThat(s.response().breached()).isTrue();
        assertThat(s.resolution().breached()).isFalse();
      });
      desk.checkSlas();
      assertThat(events).filteredOn(e -> e instanceof IncidentEvent.SlaBreached).singleElement()
          .satisfies(e -> assertThat(((IncidentEvent.SlaBreached) e).clock().kind()).isEqualTo(SlaClock.Kind.RESPONSE));
      assertThat(right(desk.sla(id)).breached()).isTrue();
    }
  }
}
