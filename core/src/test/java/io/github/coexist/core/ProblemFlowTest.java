package io.github.coexist.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.incident.InMemoryIncidentRecords;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentActivity;
import io.github.coexist.core.incident.ProblemLink;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.kernel.ProblemId;
import io.github.coexist.core.problem.InMemoryProblemRecords;
import io.github.coexist.core.problem.NewProblem;
import io.github.coexist.core.problem.Problem;
import io.github.coexist.core.problem.ProblemState;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.testing.FakeRisk;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Problems and known errors in the incident flow: the link, the workaround, a recurrence after the fix. */
class ProblemFlowTest {
  private static final Actor ANALYST = Actor.person("ana");
  private static final String WORKAROUND = "restart the checkout pods";
  private final ManualClock clock = new ManualClock(Instant.parse("2025-03-04T10:00:00Z"));
  private final InMemoryIncidentRecords incidentRecords = new InMemoryIncidentRecords();
  private final InMemoryProblemRecords problemRecords = new InMemoryProblemRecords();
  private final Coexist coexist = Coexist.builder().clock(clock).riskAssessor(new FakeRisk())
      .serviceDirectory(InMemoryServiceDirectory.of(Service.of("shop", "shop-team")))
      .incidentRecords(incidentRecords).problemRecords(problemRecords)
      .build();

  @AfterEach
  void close() {
    coexist.close();
  }

  private Incident alert(String dedupKey) {
    Incident opened = coexist.incidents().raise(Alert.builder().source("prometheus").dedupKey(dedupKey)
        .service("shop").summary("db pool exhausted").severity("error").status("firing").at(clock.instant())
        .label(Alert.SIGNATURE_LABEL, "db-pool-exhausted").build().get()).get().incident().orElseThrow();
    return coexist.incidents().incident(opened.id()).get();
  }

  private Problem knownError() {
    ProblemId id = coexist.problems().raise(NewProblem.builder().title("db pool exhausted").service("shop")
        .signature("db-pool-exhausted").impact(2).urgency(2).raisedBy(ANALYST).build().get()).get().id();
    coexist.problems().assess(id, ANALYST).get();
    coexist.problems().startAnalysis(id, ANALYST).get();
    return coexist.problems().recordKnownError(id, "pool sized for last year's traffic", WORKAROUND, ANALYST).get();
  }

  @Test
  @DisplayName("a new incident on a known error is linked to its problem and shows the workaround: view, timeline, ITSM work notes")
  void knownErrorWorkaround() {
    Problem problem = knownError();

    Incident incident = alert("shop-5xx-1");

    assertThat(incident.problem()).contains(new ProblemLink(problem.id(), problem.externalKey(), Optional.of(WORKAROUND)));
    assertThat(incident.activity()).filteredOn(a -> a.action() == IncidentActivity.Action.PROBLEM_LINKED)
        .singleElement().satisfies(a -> assertThat(a.detail())
            .isEqualTo("linked to problem " + problem.id() + " (a known error); workaround: " + WORKAROUND));
    assertThat(incidentRecords.workNotes(incident.externalKey().orElseThrow()))
        .containsExactly("linked to problem " + problem.id() + " (a known error); workaround: " + WORKAROUND);
    assertThat(coexist.problems().problem(problem.id()).get().incidents()).contains(incident.id());
  }

  @Test
  @DisplayName("an open incident linked before its problem became a known error is told the workaround once it is")
  void workaroundLater() {
    ProblemId id = coexist.problems().raise(NewProblem.builder().title("db pool exhausted").service("shop")
        .signature("db-pool-exhausted").impact(2).urgency(2).raisedBy(ANALYST).build().get()).get().id();
    Incident incident = alert("shop-5xx-1");
    assertThat(incident.problem().map(ProblemLink::problem)).contains(id);
    assertThat(incident.problem().flatMap(ProblemLink::workaround)).isEmpty();

    coexist.problems().assess(id, ANALYST).get();
    coexist.problems().startAnalysis(id, ANALYST).get();
    coexist.problems().recordKnownError(id, "pool sized for last year's traffic", WORKAROUND, ANALYST).get();

    Incident told = coexist.incidents().incident(incident.id()).get();
    assertThat(told.problem().flatMap(ProblemLink::workaround)).contains(WORKAROUND);
    assertThat(told.activity()).filteredOn(a -> a.action() == IncidentActivity.Action.PROBLEM_LINKED)
        .extracting(IncidentActivity::detail).containsExactly("linked to problem " + id,
            "linked to problem " + id + " (a known error); workaround: " + WORKAROUND);
    // The tool's record was linked once; the workaround reaches it on the problem's own record.
    assertThat(incidentRecords.workNotes(told.externalKey().orElseThrow())).containsExactly("linked to problem " + id);
  }

  @Test
  @DisplayName("a recurrence after the problem was resolved reopens it, audited, and the ITSM record follows")
  void recurrenceReopens() {
    Problem problem = knownError();
    Incident first = alert("shop-5xx-1");
    coexist.problems().startFix(problem.id(), ChangeId.of("ch-00000009"), ANALYST).get();
    coexist.problems().resolve(problem.id(), "pool doubled", ANALYST).get();
    coexist.incidents().resolve(first.id(), "pods restarted", ANALYST).get();
    clock.advance(Duration.ofHours(2));

    Incident again = alert("shop-5xx-2");

    Problem reopened = coexist.problems().problem(problem.id()).get();
    assertThat(reopened.state()).isEqualTo(ProblemState.ROOT_CAUSE_ANALYSIS);
    assertThat(reopened.resolvedAt()).isEmpty();
    assertThat(reopened.incidents()).contains(first.id(), again.id());
    assertThat(again.problem().map(ProblemLink::problem)).contains(problem.id());
    assertThat(coexist.audit().read(1, 1000).get()).filteredOn(e -> e.action().equals("problem.reopened"))
        .singleElement().satisfies(e -> {
          assertThat(e.actor()).isEqualTo(Actor.COEXIST);
          assertThat(e.inputs()).containsEntry("incident", again.id().value());
          assertThat(e.outcome()).isEqualTo("RESOLVED -> ROOT_CAUSE_ANALYSIS");
        });
    assertThat(problemRecords.read(reopened.externalKey().orElseThrow()).get().state())
        .isEqualTo(ProblemState.ROOT_CAUSE_ANALYSIS);
  }
}
