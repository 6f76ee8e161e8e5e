package io.github.coexist.core.problem;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.problem.ProblemActivity.Action;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The problem lifecycle as pure functions: a snapshot and a command in, the next snapshot (with
 * its activity entry) or the reason the command is refused out.
 */
final class ProblemLifecycle {
  private static final Set<ProblemState> OPEN = EnumSet.complementOf(EnumSet.of(ProblemState.CLOSED));
  private static final Set<ProblemState> UNRESOLVED = EnumSet.of(ProblemState.NEW, ProblemState.ASSESS,
      ProblemState.ROOT_CAUSE_ANALYSIS, ProblemState.FIX_IN_PROGRESS);
  private static final Set<ProblemState> ANALYSED = EnumSet.of(ProblemState.ASSESS,
      ProblemState.ROOT_CAUSE_ANALYSIS, ProblemState.FIX_IN_PROGRESS);

  private ProblemLifecycle() {}

  /**
   * Applies {@code action}: checks the problem is in a state the action starts from, moves it to
   * {@code to} (which may be its current state), applies {@code change} (given the time) and appends
   * the activity.
   */
  static Either<CoexistError, Problem> apply(Problem problem, Action action, ProblemState to, Actor actor,
      Instant at, String detail, BiFunction<Problem.Builder, Instant, Problem.Builder> change) {
    Rule rule = Rule.of(action);
    if (!rule.from.contains(problem.state())) {
      return Either.left(new CoexistError.IllegalTransition("problem " + problem.id(), problem.state().name(),
          to.name(), rule.why));
    }
    return Either.right(change.apply(Problem.builder().from(problem), at)
        .state(to)
        .addActivity(new ProblemActivity(at, actor, action, to, detail))
        .updatedAt(at)
        .build());
  }

  private record Rule(Set<ProblemState> from, String why) {
    static Rule of(Action action) {
      return switch (action) {
        case ASSESSED -> new Rule(EnumSet.of(ProblemState.NEW), "only a new problem can be assessed");
        case ANALYSIS_STARTED -> new Rule(EnumSet.of(ProblemState.ASSESS),
            "root cause analysis follows assessment");
        case FIX_STARTED -> new Rule(EnumSet.of(ProblemState.ROOT_CAUSE_ANALYSIS),
            "a fix starts once root cause analysis is under way");
        case RESOLVED -> new Rule(EnumSet.of(ProblemState.FIX_IN_PROGRESS), "only a fix in progress can resolve");
        case REOPENED -> new Rule(EnumSet.of(ProblemState.FIX_IN_PROGRESS, ProblemState.RESOLVED),
            "only a fix in progress or a resolved problem goes back to analysis");
        case CLOSED -> new Rule(OPEN, "a closed problem is final");
        case KNOWN_ERROR_RECORDED -> new Rule(ANALYSED,
            "a known error is recorded while the problem is assessed, analysed or being fixed");
        case INCIDENT_LINKED, RAISED -> new Rule(OPEN, "a closed problem takes no more incidents");
      };
    }
  }

  /** Whether {@code resolution} may close a problem in {@code state}: a fix only once resolved. */
  static boolean closes(Resolution resolution, ProblemState state) {
    return resolution == Resolution.FIX_APPLIED ? state == ProblemState.RESOLVED : UNRESOLVED.contains(state);
  }
}
