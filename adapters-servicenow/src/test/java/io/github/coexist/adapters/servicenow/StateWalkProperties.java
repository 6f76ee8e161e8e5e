package io.github.coexist.adapters.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.coexist.core.incident.IncidentState;
import io.github.coexist.core.problem.ProblemState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StateWalkProperties {

  @Test
  @DisplayName("every incident path uses only legal moves and ends on the target; none leaves a final state or returns to New")
  void incidentPaths() {
    IncidentState[] states = IncidentState.values();
    qt().withExamples(200)
        .forAll(integers().between(0, states.length - 1), integers().between(0, states.length - 1))
        .checkAssert((a, b) -> {
          IncidentState from = states[a];
          IncidentState to = states[b];
          Optional<List<IncidentState>> path = StateWalk.shortestPath(from, to, IncidentState::next);
          assertThat(path.isPresent()).isEqualTo(from == to || (!from.isTerminal() && to != IncidentState.NEW));
          path.ifPresent(steps -> {
            IncidentState at = from;
            for (IncidentState step : steps) {
              assertThat(at.canMoveTo(step)).as("%s -> %s", at, step).isTrue();
              at = step;
            }
            assertThat(at).isEqualTo(to);
          });
        });
  }

  @Test
  @DisplayName("every problem path uses only legal moves and ends on the target; closed is final")
  void problemPaths() {
    ProblemState[] states = ProblemState.values();
    qt().withExamples(200)
        .forAll(integers().between(0, states.length - 1), integers().between(0, states.length - 1))
        .checkAssert((a, b) -> {
          ProblemState from = states[a];
          ProblemState to = states[b];
          Optional<List<ProblemState>> path = StateWalk.shortestPath(from, to, ProblemState::next);
          if (from == ProblemState.CLOSED) {
            assertThat(path.isPresent()).isEqualTo(to == ProblemState.CLOSED);
          }
          path.ifPresent(steps -> {
            ProblemState at = from;
            for (ProblemState step : steps) {
              assertThat(at.canMoveTo(step)).as("%s -> %s", at, step).isTrue();
              at = step;
            }
            assertThat(at).isEqualTo(to);
          });
        });
  }
}
