package io.github.coexist.adapters.github;

import io.github.coexist.core.change.Decision;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reviews protection rules at GitHub, knowing its answers: a review of a gate that is no longer
 * pending is answered 422 "No pending custom deployment requests", so a repeated final answer
 * reads the run's review history and is a success when GitHub holds the same decision (a conflict
 * when it holds the other one). Progress notes are capped at GitHub's 10 per deployment.
 */
final class GateReviewer {
  /** GitHub keeps at most this many status reports per deployment. */
  static final int MAX_PROGRESS_NOTES = 10;
  private static final Logger LOG = LoggerFactory.getLogger(GateReviewer.class);
  private static final String NOT_PENDING = "No pending custom deployment requests";

  private final GitHubApi api;

  GateReviewer(GitHubApi api) {
    this.api = api;
  }

  /** Answers the gate with {@code outcome} (approved or rejected). */
  Either<CoexistError, Done> decide(GateRef gate, Decision.Outcome outcome, String comment) {
    String state = GateComment.word(outcome);
    Either<CoexistError, Done> sent = api.reviewProtectionRule(gate.installation(), gate.repository(), gate.runId(),
        gate.environment(), Optional.of(state), comment);
    if (sent.isRight() || !notPending(sent.getLeft())) {
      return sent;
    }
    return api.approvals(gate.installation(), gate.repository(), gate.runId()).fold(
        unreadable -> {
          LOG.info("{}: GitHub says the gate is no longer pending; its history is unreadable ({}), "
              + "so it is taken as already answered", gate, unreadable.message());
          return Either.right(Done.DONE);
        },
        history -> alreadyDecided(gate, state, history));
  }

  private static Either<CoexistError, Done> alreadyDecided(GateRef gate, String state, List<GitHubApi.Approval> history) {
    Optional<String> held = history.stream()
        .filter(a -> a.environments().contains(gate.environment()))
        .map(GitHubApi.Approval::state)
        .filter(s -> s.equals("approved") || s.equals("rejected"))
        .reduce((first, last) -> last);
    if (held.isPresent() && !held.get().equals(state)) {
      return Either.left(new CoexistError.Conflict("GitHub already holds '" + held.get() + "' for " + gate
          + ", not '" + state + "'"));
    }
    LOG.debug("{}: already {} at GitHub; the repeated answer is a success", gate, state);
    return Either.right(Done.DONE);
  }

  /**
   * Posts a progress note, unless {@code notesSoFar} already reached GitHub's cap or the gate is
   * no longer pending there (both are successes: nothing waits for the note).
   */
  Either<CoexistError, Done> progress(GateRef gate, String comment, int notesSoFar) {
    if (notesSoFar >= MAX_PROGRESS_NOTES) {
      LOG.info("{}: progress note not posted, GitHub shows at most {} per deployment", gate, MAX_PROGRESS_NOTES);
      return Either.right(Done.DONE);
    }
    Either<CoexistError, Done> sent = api.reviewProtectionRule(gate.installation(), gate.repository(), gate.runId(),
        gate.environment(), Optional.empty(), comment);
    if (sent.isLeft() && notPending(sent.getLeft())) {
      LOG.info("{}: progress note not posted, the gate is no longer pending at GitHub", gate);
      return Either.right(Done.DONE);
    }
    return sent;
  }

  /** Whether {@code error} is GitHub saying the gate has nothing pending. */
  static boolean notPending(CoexistError error) {
    return error instanceof CoexistError.InvalidInput invalid
        && invalid.problems().exists(p -> p.contains(NOT_PENDING));
  }
}
