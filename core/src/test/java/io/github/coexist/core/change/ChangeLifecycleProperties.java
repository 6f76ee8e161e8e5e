package io.github.coexist.core.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A stateful property test of the lifecycle: random command sequences (move to a state, half of
 * them steered towards a legal next state so sequences get deep), with the invariants checked
 * after every step.
 */
class ChangeLifecycleProperties {

  @ParameterizedTest
  @EnumSource(ChangeType.class)
  @DisplayName("random command sequences keep every lifecycle invariant after every step")
  void invariantsHoldAfterEveryStep(ChangeType type) {
    qt().withExamples(300).forAll(lists().of(integers().between(0, 99)).ofSizeBetween(1, 25))
        .checkAssert(commands -> run(type, commands));
  }

  @ParameterizedTest
  @EnumSource(ChangeType.class)
  @DisplayName("a path found between any two states can be walked one legal move at a time")
  void pathsAreWalkable(ChangeType type) {
    qt().withExamples(200).forAll(integers().between(0, 7), integers().between(0, 7)).checkAssert((f, t) -> {
      ChangeState from = ChangeState.values()[f];
      ChangeState to = ChangeState.values()[t];
      Either<CoexistError, List<ChangeState>> path = ChangeLifecycle.path(type, from, to);
      if (path.isRight()) {
        ChangeState at = from;
        for (ChangeState step : path.get()) {
          at = ChangeLifecycle.move(type, at, step).get();
        }
        assertThat(at).isEqualTo(to);
      } else {
        assertThat(path.getLeft()).isInstanceOf(CoexistError.IllegalTransition.class);
        assertThat(from.isTerminal() || to.ordinal() <= from.ordinal()
            || !ChangeLifecycle.visits(type, from) || !ChangeLifecycle.visits(type, to)
            || (from.ordinal() >= ChangeState.IMPLEMENT.ordinal() && to == ChangeState.CANCELED))
            .as("no path from %s to %s", from, to).isTrue();
      }
    });
  }

  private static void run(ChangeType type, List<Integer> commands) {
    ChangeState state = ChangeState.NEW;
    List<ChangeState> history = new ArrayList<>(List.of(state));
    for (int command : commands) {
      ChangeState target = target(type, state, command);
      Either<CoexistError, ChangeState> result = ChangeLifecycle.move(type, state, target);
      if (result.isRight()) {
        assertThat(result.get()).isEqualTo(target);
        state = target;
        history.add(state);
      } else {
        assertThat(result.getLeft()).isInstanceOf(CoexistError.IllegalTransition.class);
        assertThat(ChangeLifecycle.allows(type, state, target)).isFalse();
      }
      checkInvariants(type, history);
    }
  }

  /** Even commands steer to a legal next state when there is one; odd ones pick any state. */
  private static ChangeState target(ChangeType type, ChangeState state, int command) {
    List<ChangeState> next = new ArrayList<>(ChangeLifecycle.next(type, state));
    if (command % 2 == 0 && !next.isEmpty()) {
      next.sort(null);
      return next.get((command / 2) % next.size());
    }
    return ChangeState.values()[command % ChangeState.values().length];
  }

  private static void checkInvariants(ChangeType type, List<ChangeState> history) {
    for (int i = 1; i < history.size(); i++) {
      ChangeState before = history.get(i - 1);
      ChangeState after = history.get(i);
      assertThat(after.ordinal()).as("moves only go forward: %s", history).isGreaterThan(before.ordinal());
      assertThat(before.isTerminal()).as("nothing leaves a terminal state: %s", history).isFalse();
      if (after == ChangeState.CLOSED) {
        assertThat(before).as("Closed only after Review: %s", history).isEqualTo(ChangeState.REVIEW);
      }
      if (after == ChangeState.REVIEW) {
        assertThat(before).isEqualTo(ChangeState.IMPLEMENT);
      }
      if (after == ChangeState.IMPLEMENT) {
        assertThat(before).as("deploying needs a schedule: %s", history).isEqualTo(ChangeState.SCHEDULED);
      }
      if (after == ChangeState.CANCELED) {
        assertThat(before.ordinal()).as("no cancel once implementing: %s", history)
            .isLessThan(ChangeState.IMPLEMENT.ordinal());
      }
    }
    Set<ChangeState> skipped = switch (type) {
      case STANDARD -> Set.of(ChangeState.ASSESS, ChangeState.AUTHORIZE);
      case EMERGENCY -> Set.of(ChangeState.ASSESS);
      case NORMAL -> Set.of();
    };
    for (ChangeState never : skipped) {
      assertThat(history).as("%s changes never visit %s", type, never).doesNotContain(never);
    }
    if (type != ChangeType.STANDARD && history.contains(ChangeState.SCHEDULED)) {
      assertThat(history).as("only an authorised change is scheduled: %s", history).contains(ChangeState.AUTHORIZE);
    }
  }
}
