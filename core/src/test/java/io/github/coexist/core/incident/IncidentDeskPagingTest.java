package io.github.coexist.core.incident;

import static io.github.coexist.core.incident.Fixtures.ALICE;
import static io.github.coexist.core.incident.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kernel.ProblemId;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.problem.NewProblem;
import io.github.coexist.core.problem.Problem;

import io.github.coexist.core.problem.ProblemManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Pages of incidents and problems: in id order as people read ids, from any id on, filtered, each record once. */
class IncidentDeskPagingTest {
  private final ManualClock clock = ManualClock.atMondayMorning();
  private final IncidentDesk desk = Fixtures.desk(clock).build();

  @Test
  @DisplayName("pages of incidents walk every one once, INC-9 before INC-10, and a filter keeps its place")
  void incidentsPageInIdOrder() {
    for (int i = 0; i < 23; i++) {
      IncidentId id = desk.open(report(i % 2 == 0 ? "shop" : "db", 2, 2)).get().id();
      if (i % 3 == 0) {
        desk.resolve(id, "fixed", ALICE).get();
      }
    }

    assertThat(walkIncidents(t -> true, 4)).isEqualTo(desk.incidents().stream().map(Incident::id).toList())
        .hasSize(23).startsWith(IncidentId.of("INC-1"), IncidentId.of("INC-2")).contains(IncidentId.of("INC-10"));
    assertThat(walkIncidents(t -> true, 4).indexOf(IncidentId.of("INC-9")))
        .isLessThan(walkIncidents(t -> true, 4).indexOf(IncidentId.of("INC-10")));
    assertThat(walkIncidents(Incident::isOpen, 5)).isEqualTo(desk.openIncidents().stream().map(Incident::id).toList())
        .hasSize(15);
    assertThat(desk.incidents(Optional.of(IncidentId.of("INC-23")), t -> true, 10)).isEmpty();
    assertThat(desk.incidents(Optional.of(IncidentId.of("INC-5")), t -> true, 2)).extracting(Incident::id)
        .containsExactly(IncidentId.of("INC-6"), IncidentId.of("INC-7"));
  }

  @Test
  @DisplayName("pages of problems walk every one once, in id order")
  void problemsPageInIdOrder() {
    AtomicInteger next = new AtomicInteger();
    ProblemManager problems = ProblemManager.builder(clock).ids(() -> ProblemId.of("PRB-" + next.incrementAndGet()))
        .build();
    for (int i = 0; i < 12; i++) {
      problems.raise(NewProblem.builder().title("Disk fills up " + i).service("db").impact(2).urgency(2)
          .raisedBy(ALICE).build().get()).get();
    }
    List<ProblemId> walked = new ArrayList<>();
    Optional<ProblemId> after = Optional.empty();
    for (List<Problem> page = problems.problems(after, p -> true, 5); !page.isEmpty();
        page = problems.problems(after, p -> true, 5)) {
      page.forEach(p -> walked.add(p.id()));
      after = Optional.of(page.get(page.size() - 1).id());
    }

    assertThat(walked).isEqualTo(problems.problems().stream().map(Problem::id).toList()).hasSize(12)
        .endsWith(ProblemId.of("PRB-11"), ProblemId.of("PRB-12"));
  }

  private List<IncidentId> walkIncidents(Predicate<Incident> filter, int limit) {
    List<IncidentId> walked = new ArrayList<>();
    Optional<IncidentId> after = Optional.empty();
    for (List<Incident> page = desk.incidents(after, filter, limit); !page.isEmpty();
        page = desk.incidents(after, filter, limit)) {
      assertThat(page.size()).isLessThanOrEqualTo(limit);
      page.forEach(i -> walked.add(i.id()));
      after = Optional.of(page.get(page.size() - 1).id());
      assertThat(walked.size()).as("a walk that ends").isLessThan(1000);
    }
    return walked;
  }
}
