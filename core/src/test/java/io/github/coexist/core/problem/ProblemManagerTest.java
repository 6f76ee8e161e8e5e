package io.github.coexist.core.problem;

import static io.github.coexist.core.support.Results.right;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.audit.InMemoryAuditStore;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.incident.Impact;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentDesk;
import io.github.coexist.core.incident.Priority;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kernel.ProblemId;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.kernel.ManualClock;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProblemManagerTest {
  private static final Actor ANALYST = Actor.person("carol");
  private final ManualClock clock = ManualClock.atMondayMorning();
  private final List<ProblemEvent> events = new ArrayList<>();
  private final AuditTrail trail = new AuditTrail(new InMemoryAuditStore(), clock);
  private final AtomicInteger next = new AtomicInteger();
  private final ProblemManager problems = ProblemManager.builder(clock)
      .ids(() -> ProblemId.of("PRB-" + next.incrementAndGet()))
      .recurrence(new RecurrencePolicy(3, Duration.ofDays(1)))
      .listener(events::add)
      .audit(trail)
      .build();
  private final AtomicInteger incidents = new AtomicInteger();
  private final IncidentDesk desk = IncidentDesk.builder(clock, InMemoryServiceDirectory.of(Service.of("shop", "team-shop"),
          Service.of("db", "team-db")))
      .ids(() -> IncidentId.of("INC-" + incidents.incrementAndGet()))
      .listener(problems.incidentListener())
      .build();


  /** Fires and clears one alert, so each firing after the reopen window opens a new incident. */
  private Incident recur(String key, String service, String severity) {
    Alert firing = Alert.builder().source("prometheus").dedupKey(key).service(service).summary(key + " is failing")
        .severity(severity).status("firing").at(clock.instant()).build().get();
    Incident incident = right(desk.raise(firing)).incident().orElseThrow();
    clock.advance(Duration.ofMinutes(10));
    desk.raise(Alert.builder().source("prometheus").dedupKey(key).service(service).severity(severity)
        .status("resolved").at(clock.instant()).build().get());
    clock.advance(Duration.ofHours(2));
    return incident;
  }

  @Nested
  @DisplayName("recurrence")
  class Recurrence {
    @Test
    @DisplayName("the third incident with one signature on one service within the window raises a problem with all three")
    void raisesOnThreshold() {
      Incident first = recur("DiskFull", "db", "warning");
      recur("DiskFull", "db", "critical");
      assertThat(problems.problems()).isEmpty();
      Incident third = recur("DiskFull", "db", "warning");

      Problem problem = problems.problems().get(0);
      assertThat(problems.problems()).hasSize(1);
      assertThat(problem.raisedAutomatically()).isTrue();
      assertThat(problem.service()).isEqualTo(ServiceId.of("db"));
      assertThat(problem.signature()).contains("prometheus/db/DiskFull");
      assertThat(problem.incidents()).containsExactly(first.id(), IncidentId.of("INC-2"), third.id());
      assertThat(problem.impact()).isEqualTo(Impact.HIGH);
      assertThat(problem.priority()).isEqualTo(Priority.CRITICAL);
      assertThat(problem.title()).isEqualTo("Recurring: DiskFull is failing");
      assertThat(problem.activity().get(0).detail())
          .isEqualTo("3 incidents with signature 'prometheus/db/DiskFull' on db within 1 d");
      AuditEntry raised = trail.read(1, 10).get().get(0);
      assertThat(raised.action()).isEqualTo("problem.raised");
      assertThat(raised.policyVersion()).contains("recurrence-v1");
      assertThat(raised.inputs()).containsEntry("incidents", "INC-1,INC-2,INC-3");
    }

    @Test
    @DisplayName("later incidents with the signature are linked to the open problem instead of raising another")
    void linksLaterOnes() {
      for (int i = 0; i < 3; i++) {
        recur("DiskFull", "db", "warning");
      }
      Incident fourth = recur("DiskFull", "db", "warning");
      assertThat(problems.problems()).singleElement()
          .satisfies(p -> assertThat(p.incidents()).hasSize(4).contains(fourth.id()));
      assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Raised", "IncidentLinked");
    }

    @Test
    @DisplayName("incidents spread wider than the window, on other services or with other signatures raise nothing")
    void noPattern() {
      recur("DiskFull", "db", "warning");
      clock.advance(Duration.ofDays(2));
      recur("DiskFull", "db", "warning");
      recur("DiskFull", "shop", "warning");
      recur("CpuHigh", "db", "warning");
      recur("DiskFull", "db", "warning");
      assertThat(problems.problems()).isEmpty();
    }

    @Test
    @DisplayName("observing the same incident twice counts it once")
    void idempotent() {
      Incident incident = recur("DiskFull", "db", "warning");
      assertThat(right(problems.observe(incident))).isEmpty();
      assertThat(right(problems.observe(incident))).isEmpty();
      recur("DiskFull", "db", "warning");
      assertThat(problems.problems()).isEmpty();
    }

    @Test
    @DisplayName("once the problem is closed, a new recurrence raises a new problem")
    void afterClose() {
      for (int i = 0; i < 3; i++) {
        recur("DiskFull", "db", "warning");
      }
      ProblemId first = problems.problems().get(0).id();
      right(problems.close(first, Resolution.RISK_ACCEPTED, "disk is cheap", ANALYST));
      for (int i = 0; i < 3; i++) {
        recur("DiskFull", "db", "warning");
      }
      assertThat(problems.problems()).hasSize(2);
    }

    @Test
    @DisplayName("a problem raised by hand with a signature collects the incidents that carry it")
    void byHandWithSignature() {
      Problem problem = right(problems.raise(NewProblem.builder().title("Disk fills up").service("db")
          .impact(2).urgency(2).raisedBy(ANALYST).signature("prometheus/db/DiskFull").build().get()));
      Incident incident = recur("DiskFull", "db", "warning");
      assertThat(right(problems.problem(problem.id())).incidents()).containsExactly(incident.id());
    }
  }

  @Nested
  @DisplayName("lifecycle and known errors")
  class Lifecycle {
    @Test
    @DisplayName("a problem goes through assessment, analysis, known error, fix, resolution and closure")
    void fullPath() {
      ProblemId id = right(problems.raise(NewProblem.builder().title("Checkout times out").service("shop")
          .impact(1).urgency(2).raisedBy(ANALYST).build().get())).id();
      right(problems.assess(id, ANALYST));
      right(problems.startAnalysis(id, ANALYST));
      Problem known = right(problems.recordKnownError(id, "connection pool too small", "restart the pods", ANALYST));
      assertThat(known.isKnownError()).isTrue();
      assertThat(problems.knownErrors()).extracting(Problem::id).containsExactly(id);
      Problem fixing = right(problems.startFix(id, ChangeId.of("CHG-7"), ANALYST));
      assertThat(fixing.fix()).contains(ChangeId.of("CHG-7"));
      clock.advance(Duration.ofHours(1));
      Problem resolved = right(problems.resolve(id, "pool doubled", ANALYST));
      assertThat(resolved.resolvedAt()).contains(clock.instant());
      Problem closed = right(problems.close(id, Resolution.FIX_APPLIED, "no timeouts for a week", ANALYST));
      assertThat(closed.state()).isEqualTo(ProblemState.CLOSED);
      assertThat(closed.resolution()).contains(Resolution.FIX_APPLIED);
      assertThat(closed.isKnownError()).isFalse();
      assertThat(closed.externalKey()).isPresent();
      assertThat(trail.verify().get().intact()).isTrue();
      assertThat(trail.read(1, 100).get()).extracting(AuditEntry::action).containsExactly("problem.raised",
          "problem.assessed", "problem.analysis-started", "problem.known-error-recorded", "problem.fix-started",
          "problem.resolved", "problem.closed");
    }

    @Test
    @DisplayName("a fix is applied only to a resolved problem, and a resolved one closes only with its fix")
    void closingRules() {
      ProblemId id = right(problems.raise(NewProblem.builder().title("t").service("shop").impact(2).urgency(2)
          .raisedBy(ANALYST).build().get())).id();
      assertThat(problems.close(id, Resolution.FIX_APPLIED, "n", ANALYST).getLeft().message())
          .contains("a fix is applied only once the problem is resolved");
      assertThat(problems.recordKnownError(id, "c", "w", ANALYST).getLeft()).isInstanceOf(CoexistError.IllegalTransition.class);
      assertThat(problems.startFix(id, ChangeId.of("C"), ANALYST).getLeft()).isInstanceOf(CoexistError.IllegalTransition.class);
      right(problems.close(id, Resolution.DUPLICATE, "same as PRB-0", ANALYST));
      assertThat(problems.linkIncident(id, IncidentId.of("INC-9"), ANALYST).getLeft().message())
          .contains("a closed problem takes no more incidents");
    }

    @Test
    @DisplayName("a fix that does not hold sends the problem back to analysis")
    void reopen() {
      ProblemId id = right(problems.raise(NewProblem.builder().title("t").service("shop").impact(2).urgency(2)
          .raisedBy(ANALYST).build().get())).id();
      right(problems.assess(id, ANALYST));
      right(problems.startAnalysis(id, ANALYST));
      right(problems.startFix(id, ChangeId.of("C"), ANALYST));
      right(problems.resolve(id, "done", ANALYST));
      Problem reopened = right(problems.reopen(id, "timeouts are back", ANALYST));
      assertThat(reopened.state()).isEqualTo(ProblemState.ROOT_CAUSE_ANALYSIS);
      assertThat(reopened.resolvedAt()).isEmpty();
    }

    @Test
    @DisplayName("bad input is refused with every problem listed")
    void badInput() {
      CoexistError error = NewProblem.builder().impact(4).build().getLeft();
      assertThat(error).isInstanceOfSatisfying(CoexistError.InvalidInput.class, invalid ->
          assertThat(invalid.problems()).containsExactly("title is required", "service is required",
              "impact must be 1 to 3, was 4", "urgency must be 1 to 3, was 0", "raised by is required"));
      ProblemId id = right(problems.raise(NewProblem.builder().title("t").service("shop").impact(2).urgency(2)
          .raisedBy(ANALYST).build().get())).id();
      assertThat(problems.recordKnownError(id, " ", null, ANALYST).getLeft()).isInstanceOfSatisfying(
          CoexistError.InvalidInput.class, invalid -> assertThat(invalid.problems())
              .containsExactly("root cause is required", "workaround is required"));
      assertThat(problems.assess(ProblemId.of("nope"), ANALYST).getLeft()).isEqualTo(new CoexistError.NotFound("problem", "nope"));
    }

    @Test
    @DisplayName("open problems are listed per service")
    void perService() {
      right(problems.raise(NewProblem.builder().title("a").service("shop").impact(2).urgency(2).raisedBy(ANALYST).build().get()));
      ProblemId closed = right(problems.raise(NewProblem.builder().title("b").service("shop").impact(2).urgency(2)
          .raisedBy(ANALYST).build().get())).id();
      right(problems.close(closed, Resolution.CANCELED, "not one", ANALYST));
      assertThat(problems.openProblems(ServiceId.of("shop"))).hasSize(1);
      assertThat(problems.openProblems(ServiceId.of("db"))).isEmpty();
    }
  }

  @Nested
  @DisplayName("mirroring")
  class Mirroring {
    @Test
    @DisplayName("the record follows the state, the known error and the resolution")
    void follows() {
      InMemoryProblemRecords records = new InMemoryProblemRecords();
      ProblemManager mirrored = ProblemManager.builder(clock).records(records).build();
      ProblemId id = right(mirrored.raise(NewProblem.builder().title("t").service("shop").impact(2).urgency(2)
          .raisedBy(ANALYST).build().get())).id();
      right(mirrored.assess(id, ANALYST));
      Problem known = right(mirrored.recordKnownError(id, "cause", "restart", ANALYST));
      RecordedProblem recorded = right(records.read(known.externalKey().orElseThrow()));
      assertThat(recorded.state()).isEqualTo(ProblemState.ASSESS);
      assertThat(recorded.knownError()).isTrue();
      assertThat(recorded.workaround()).contains("restart");
      assertThat(mirrored.unsynced()).isEmpty();
    }

    @Test
    @DisplayName("a tool that is down leaves the problem pending until a resync")
    void pending() {
      InMemoryProblemRecords memory = new InMemoryProblemRecords();
      boolean[] down = {true};
      ProblemRecords flaky = new ProblemRecords() {
        @Override
        public String system() {
          return "flaky";
        }

        @Override
        public Either<CoexistError, io.github.coexist.core.kernel.ExternalKey> ensure(Problem problem) {
          return down[0] ? Either.left(new CoexistError.Unavailable("503")) : memory.ensure(problem);
        }

        @Override
        public Either<CoexistError, Optional<io.github.coexist.core.kernel.ExternalKey>> find(
            io.github.coexist.core.kernel.IdempotencyKey key) {
          return memory.find(key);
        }

        @Override
        public Either<CoexistError, RecordedProblem> update(io.github.coexist.core.kernel.ExternalKey key, Problem problem) {
          return memory.update(key, problem);
        }

        @Override
        public Either<CoexistError, RecordedProblem> read(io.github.coexist.core.kernel.ExternalKey key) {
          return memory.read(key);
        }
      };
      ProblemManager manager = ProblemManager.builder(clock).records(flaky).build();
      ProblemId id = right(manager.raise(NewProblem.builder().title("t").service("shop").impact(2).urgency(2)
          .raisedBy(ANALYST).build().get())).id();
      right(manager.assess(id, ANALYST));
      assertThat(manager.unsynced()).containsOnlyKeys(id);
      down[0] = false;
      assertThat(manager.resync()).isEmpty();
      Problem synced = right(manager.problem(id));
      assertThat(right(memory.read(synced.externalKey().orElseThrow())).state()).isEqualTo(ProblemState.ASSESS);
    }
  }

  @Test
  @DisplayName("the time of a problem is the clock's")
  void clockTime() {
    Instant before = clock.instant();
    Problem problem = right(problems.raise(NewProblem.builder().title("t").service("shop").impact(2).urgency(2)
        .raisedBy(ANALYST).build().get()));
    assertThat(problem.openedAt()).isEqualTo(before);
  }
}
