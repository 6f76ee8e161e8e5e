package io.github.coexist.adapters.jira;

import io.github.coexist.adapters.jira.Transitions.Transition;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.problem.ProblemState;
import io.vavr.control.Either;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks a problem issue to the status of a problem state along a shortest path of core's problem
 * lifecycle ({@link ProblemState#next()}), one Jira transition per step, each found by the status
 * it leads to (sites rename transitions, not statuses). A record that fell behind may thus close
 * straight from Open, and a resolved one go back to investigation.
 */
final class ProblemWorkflow {
  private final Transitions jira;
  private final Map<ProblemState, String> statuses;

  ProblemWorkflow(Transitions jira, Map<ProblemState, String> statuses) {
    this.jira = jira;
    this.statuses = statuses;
  }

  /** Moves {@code issue} from {@code from} to {@code target}; the status reached. */
  Either<CoexistError, String> move(ExternalKey issue, ProblemState from, ProblemState target) {
    String current = statuses.get(from);
    for (ProblemState step : path(from, target)) {
      Either<CoexistError, List<Transition>> offered = jira.offered(issue);
      if (offered.isLeft()) {
        return Either.left(offered.getLeft());
      }
      Optional<Transition> next = Transitions.leadingTo(offered.get(), statuses.get(step));
      if (next.isEmpty()) {
        return Either.left(new CoexistError.IllegalTransition("problem " + issue.display(), current,
            statuses.get(step), "Jira offers no transition to it from '" + current + "'; available: "
                + Transitions.describe(offered.get())));
      }
      Either<CoexistError, String> done = jira.take(issue, next.get());
      if (done.isLeft()) {
        return done;
      }
      current = done.get();
    }
    return Either.right(current);
  }

  /** The states after {@code from} on a shortest way to {@code target}; empty when already there. */
  static List<ProblemState> path(ProblemState from, ProblemState target) {
    Map<ProblemState, ProblemState> cameFrom = new EnumMap<>(ProblemState.class);
    Deque<ProblemState> queue = new ArrayDeque<>(List.of(from));
    while (!queue.isEmpty() && !cameFrom.containsKey(target) && from != target) {
      ProblemState at = queue.removeFirst();
      for (ProblemState next : at.next()) {
        if (next != from && cameFrom.putIfAbsent(next, at) == null) {
          queue.addLast(next);
        }
      }
    }
    List<ProblemState> steps = new ArrayList<>();
    for (ProblemState at = target; cameFrom.containsKey(at); at = cameFrom.get(at)) {
      steps.add(0, at);
    }
    return steps;
  }
}
