package io.github.coexist.core.problem;

import static io.github.coexist.core.support.Results.right;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.incident.Impact;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentState;
import io.github.coexist.core.incident.Priority;
import io.github.coexist.core.incident.Urgency;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.kernel.ProblemId;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.support.Latest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProblemManagerRestoreTest {
  private final ManualClock clock = ManualClock.atMondayMorning();
  private final ToolProblems tool = new ToolProblems();
  private final Latest<ProblemId, KeptProblem> kept = new Latest<>(k -> k.problem().id());
  private final Latest<List<Object>, Recurrence> counted = new Latest<>(r -> List.of(r.service(), r.signature()));

  private ProblemManager.Builder manager() {
    return ProblemManager.builder(clock).records(tool).recurrence(new RecurrencePolicy(3, Duration.ofHours(1)));
  }

  private ProblemManager keeping() {
    return manager().keeper(kept).recurrenceKeeper(counted).build();
  }

  private ProblemManager restored() {
    ProblemManager manager = manager().build();
    manager.restore(kept.shuffled(5), counted.shuffled(6));
    return manager;
  }

  private Incident incident(int n) {
    clock.advance(Duration.ofMinutes(10));
    return Incident.builder().id(IncidentId.of("INC-" + n)).title("disk full").service(ServiceId.of("db"))
        .state(IncidentState.NEW).impact(Impact.MEDIUM).urgency(Urgency.MEDIUM).priority(Priority.MODERATE)
        .signature("prometheus/DiskFull").openedBy(Actor.system("prometheus")).openedAt(clock.instant())
        .updatedAt(clock.instant()).build();
  }

  @Test
  @DisplayName("incidents counted before the restart and one after it raise the problem, with all of them")
  void recurrenceSpansTheRestart() {
    ProblemManager before = keeping();
    assertThat(right(before.observe(incident(1)))).isEmpty();
    assertThat(right(before.observe(incident(2)))).isEmpty();

    Problem raised = right(restored().observe(incident(3))).orElseThrow();

    assertThat(raised.incidents()).extracting(IncidentId::value).containsExactly("INC-1", "INC-2", "INC-3");
    assertThat(raised.id()).isEqualTo(ProblemId.of("PRB-00000001"));
  }

  @Test
  @DisplayName("after the restart a recurring incident is linked to the problem its signature raised, and ids go on")
  void openProblemKeepsItsSignature() {
    ProblemManager before = keeping();
    for (int n = 1; n <= 3; n++) {
      right(before.observe(incident(n)));
    }
    assertThat(counted.byKey().values()).extracting(r -> r.sightings().size()).containsExactly(0);

    ProblemManager after = restored();
    Problem linked = right(after.observe(incident(4))).orElseThrow();
    Problem byHand = right(after.raise(NewProblem.builder().title("slow").service("db").impact(2).urgency(2)
        .raisedBy(Actor.person("carol")).build().get()));

    assertThat(linked.incidents()).hasSize(4);
    assertThat(byHand.id()).isEqualTo(ProblemId.of("PRB-00000002"));
  }

  @Test
  @DisplayName("a problem the tool did not take before the restart is created in the tool by the next resync")
  void pendingCreateIsRetried() {
    tool.tool.down(true);
    Problem problem = right(keeping().raise(NewProblem.builder().title("slow").service("db").impact(2).urgency(2)
        .raisedBy(Actor.person("carol")).build().get()));
    tool.tool.down(false);

    ProblemManager after = restored();
    assertThat(after.unsynced()).containsOnlyKeys(problem.id());
    assertThat(after.resync()).isEmpty();
    assertThat(tool.tool.records()).hasSize(1);
    assertThat(right(after.problem(problem.id())).externalKey()).isPresent();
  }
}
