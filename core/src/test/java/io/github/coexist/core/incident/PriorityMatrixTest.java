package io.github.coexist.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PriorityMatrixTest {

  @Test
  @DisplayName("the ITIL matrix gives priority = impact + urgency - 1 in every cell")
  void itilMatrix() {
    for (Impact impact : Impact.values()) {
      for (Urgency urgency : Urgency.values()) {
        assertThat(PriorityMatrix.itil().priority(impact, urgency).level())
            .isEqualTo(impact.level() + urgency.level() - 1);
      }
    }
    assertThat(PriorityMatrix.itil().priority(Impact.HIGH, Urgency.HIGH)).isEqualTo(Priority.CRITICAL);
    assertThat(PriorityMatrix.itil().priority(Impact.LOW, Urgency.LOW)).isEqualTo(Priority.PLANNING);
  }

  @Test
  @DisplayName("a configured matrix is used cell by cell")
  void configured() {
    PriorityMatrix flat = PriorityMatrix.of(new int[][] {{1, 1, 2}, {1, 2, 3}, {2, 3, 4}}).get();
    assertThat(flat.priority(Impact.HIGH, Urgency.LOW)).isEqualTo(Priority.HIGH);
    assertThat(flat.priority(Impact.LOW, Urgency.LOW)).isEqualTo(Priority.LOW);
    assertThat(flat).isNotEqualTo(PriorityMatrix.itil());
  }

  @Test
  @DisplayName("a bad matrix is refused with every problem listed")
  void badMatrix() {
    CoexistError error = PriorityMatrix.of(new int[][] {{1, 2, 9}, {2, 3}, {0, 4, 5}}).getLeft();
    assertThat(error).isInstanceOfSatisfying(CoexistError.InvalidInput.class, invalid ->
        assertThat(invalid.problems()).containsExactly(
            "impact 1 urgency 3: priority must be 1 to 5, was 9",
            "impact 2 needs 3 cells (urgency 1 to 3), had 2",
            "impact 3 urgency 1: priority must be 1 to 5, was 0"));
    assertThat(PriorityMatrix.of(new int[][] {{1, 2, 3}}).isLeft()).isTrue();
  }

  @Test
  @DisplayName("priority labels read P1 Critical to P5 Planning")
  void labels() {
    assertThat(Priority.CRITICAL.label()).isEqualTo("P1 Critical");
    assertThat(Priority.PLANNING.label()).isEqualTo("P5 Planning");
    assertThat(Priority.CRITICAL.isAbove(Priority.HIGH)).isTrue();
    assertThat(Priority.ofLevel(6)).isEmpty();
  }
}
