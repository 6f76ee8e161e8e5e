package io.github.coexist.core.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every legal and every illegal one-step transition of every change type, against a table written by hand. */
class ChangeLifecycleTest {
  // The expected moves, written out independently of the implementation.
  private static final Map<ChangeType, Set<String>> LEGAL = Map.of(
      ChangeType.NORMAL, Set.of(
          "NEW>ASSESS", "NEW>CANCELED",
          "ASSESS>AUTHORIZE", "ASSESS>CANCELED",
          "AUTHORIZE>SCHEDULED", "AUTHORIZE>CANCELED",
          "SCHEDULED>IMPLEMENT", "SCHEDULED>CANCELED",
          "IMPLEMENT>REVIEW",
          "REVIEW>CLOSED"),
      ChangeType.STANDARD, Set.of(
          "NEW>SCHEDULED", "NEW>CANCELED",
          "SCHEDULED>IMPLEMENT", "SCHEDULED>CANCELED",
          "IMPLEMENT>REVIEW",
          "REVIEW>CLOSED"),
      ChangeType.EMERGENCY, Set.of(
          "NEW>AUTHORIZE", "NEW>CANCELED",
          "AUTHORIZE>SCHEDULED", "AUTHORIZE>CANCELED",
          "SCHEDULED>IMPLEMENT", "SCHEDULED>CANCELED",
          "IMPLEMENT>REVIEW",
          "REVIEW>CLOSED"));

  static Stream<Arguments> everyPair() {
    return Stream.of(ChangeType.values()).flatMap(type -> Stream.of(ChangeState.values())
        .flatMap(from -> Stream.of(ChangeState.values()).map(to -> Arguments.of(type, from, to))));
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("everyPair")
  @DisplayName("a move is allowed exactly when the table lists it, and an illegal one is a typed error")
  void everyTransition(ChangeType type, ChangeState from, ChangeState to) {
    boolean legal = LEGAL.get(type).contains(from + ">" + to);
    assertThat(ChangeLifecycle.allows(type, from, to)).isEqualTo(legal);
    Either<CoexistError, ChangeState> moved = ChangeLifecycle.move(type, from, to);
    if (legal) {
      assertThat(moved.get()).isEqualTo(to);
    } else {
      assertThat(moved.getLeft()).isInstanceOfSatisfying(CoexistError.IllegalTransition.class, e -> {
        assertThat(e.from()).isEqualTo(from.name().toLowerCase());
        assertThat(e.to()).isEqualTo(to.name().toLowerCase());
        assertThat(e.entity()).isEqualTo(type.name().toLowerCase() + " change");
        assertThat(e.reason()).isNotBlank();
      });
    }
  }

  @Nested
  @DisplayName("types")
  class Types {
    @Test
    @DisplayName("a standard change skips Assess and Authorize, and says so when asked to go there")
    void standardSkips() {
      assertThat(ChangeLifecycle.visits(ChangeType.STANDARD, ChangeState.ASSESS)).isFalse();
      assertThat(ChangeLifecycle.visits(ChangeType.STANDARD, ChangeState.AUTHORIZE)).isFalse();
      assertThat(ChangeLifecycle.move(ChangeType.STANDARD, ChangeState.NEW, ChangeState.AUTHORIZE).getLeft().message())
          .contains("pre-authorised");
    }

    @Test
    @DisplayName("an emergency change goes straight from New to Authorize")
    void emergencyGoesStraightToAuthorize() {
      assertThat(ChangeLifecycle.next(ChangeType.EMERGENCY, ChangeState.NEW))
          .containsExactlyInAnyOrder(ChangeState.AUTHORIZE, ChangeState.CANCELED);
      assertThat(ChangeLifecycle.visits(ChangeType.EMERGENCY, ChangeState.ASSESS)).isFalse();
    }

    @Test
    @DisplayName("closed and canceled are terminal for every type")
    void terminal() {
      for (ChangeType type : ChangeType.values()) {
        assertThat(ChangeLifecycle.next(type, ChangeState.CLOSED)).isEmpty();
        assertThat(ChangeLifecycle.next(type, ChangeState.CANCELED)).isEmpty();
      }
    }

    @Test
    @DisplayName("once implementation starts a change can no longer be canceled")
    void noCancelAfterImplement() {
      for (ChangeType type : ChangeType.values()) {
        for (ChangeState s : EnumSet.of(ChangeState.IMPLEMENT, ChangeState.REVIEW)) {
          assertThat(ChangeLifecycle.allows(type, s, ChangeState.CANCELED)).isFalse();
        }
      }
    }
  }

  @Nested
  @DisplayName("paths")
  class Paths {
    @Test
    @DisplayName("the path of a normal change from New to Closed passes every state of the main line")
    void normalPath() {
      assertThat(ChangeLifecycle.path(ChangeType.NORMAL, ChangeState.NEW, ChangeState.CLOSED).get())
          .containsExactly(ChangeState.ASSESS, ChangeState.AUTHORIZE, ChangeState.SCHEDULED,
              ChangeState.IMPLEMENT, ChangeState.REVIEW, ChangeState.CLOSED);
    }

    @Test
    @DisplayName("the path of a standard change from New to Scheduled is one step")
    void standardPath() {
      assertThat(ChangeLifecycle.path(ChangeType.STANDARD, ChangeState.NEW, ChangeState.SCHEDULED).get())
          .containsExactly(ChangeState.SCHEDULED);
    }

    @Test
    @DisplayName("a path to the state a change already has is empty")
    void samePath() {
      assertThat(ChangeLifecycle.path(ChangeType.NORMAL, ChangeState.REVIEW, ChangeState.REVIEW).get()).isEmpty();
    }

    @Test
    @DisplayName("there is no path backwards, out of a terminal state, or from Implement to Canceled")
    void noPath() {
      assertThat(ChangeLifecycle.path(ChangeType.NORMAL, ChangeState.SCHEDULED, ChangeState.ASSESS).isLeft()).isTrue();
      assertThat(ChangeLifecycle.path(ChangeType.NORMAL, ChangeState.CANCELED, ChangeState.CLOSED).isLeft()).isTrue();
      assertThat(ChangeLifecycle.path(ChangeType.EMERGENCY, ChangeState.IMPLEMENT, ChangeState.CANCELED).isLeft()).isTrue();
      assertThat(ChangeLifecycle.path(ChangeType.NORMAL, ChangeState.NEW, ChangeState.CANCELED).get())
          .isEqualTo(List.of(ChangeState.CANCELED));
    }
  }
}
