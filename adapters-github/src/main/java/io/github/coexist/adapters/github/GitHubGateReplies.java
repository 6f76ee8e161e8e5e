package io.github.coexist.adapters.github;

import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.GateReplies;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;
import java.util.Objects;

/**
 * The change gate's answers as GitHub custom deployment protection rule reviews ({@code POST
 * /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule}): a final reply approves
 * or rejects the environment's pending deployment, a pending reply posts a progress note (the same
 * call without {@code state}; GitHub shows up to 10). Each comment names the change record and
 * carries core's explanation, cut to GitHub's 1024 characters.
 *
 * <p>Safe to repeat: a second final reply that GitHub already holds is a success; one that
 * contradicts what GitHub holds is a {@code Conflict}. Replies for another source are refused as
 * {@code InvalidInput}. Thread-safe.
 */
public final class GitHubGateReplies implements GateReplies {
  /** The {@code source} of the deployment requests this adapter makes. */
  public static final String SOURCE = "github";

  private final GateReviewer reviewer;
  private final GateTimeouts timeouts;

  GitHubGateReplies(GateReviewer reviewer, GateTimeouts timeouts) {
    this.reviewer = Objects.requireNonNull(reviewer, "reviewer");
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
  }

  @Override
  public Either<CoexistError, Done> reply(GateReply reply) {
    if (!SOURCE.equals(reply.source())) {
      return Either.left(CoexistError.invalid("the GitHub adapter answers requests from source 'github', not '"
          + reply.source() + "'"));
    }
    Either<CoexistError, GateRef> gate = GateRef.fromReplyTo(reply.replyTo());
    if (gate.isLeft()) {
      return Either.left(gate.getLeft());
    }
    String comment = GateComment.of(reply);
    if (!reply.isFinal()) {
      return reviewer.progress(gate.get(), comment, timeouts.noteCount(gate.get()));
    }
    return decide(gate.get(), reply.outcome(), comment);
  }

  /**
   * Rejects a protection rule request that coexist could not take at all (core refused the
   * deployment request, for example for an unknown environment), with {@code reason} as the
   * comment, so the run is answered at once instead of waiting for the gate time-out.
   */
  @Override
  public Either<CoexistError, Done> refuse(DeploymentRequest request, String reason) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(reason, "reason");
    Either<CoexistError, GateRef> gate = GateRef.fromReplyTo(request.replyTo());
    if (gate.isLeft()) {
      return Either.left(gate.getLeft());
    }
    return decide(gate.get(), Decision.Outcome.REJECTED,
        GateComment.fit("**coexist: rejected**, no change record: " + reason.strip()));
  }

  private Either<CoexistError, Done> decide(GateRef gate, Decision.Outcome outcome, String comment) {
    Either<CoexistError, Done> sent = reviewer.decide(gate, outcome, comment);
    if (sent.isRight() || sent.getLeft() instanceof CoexistError.Conflict) {
      timeouts.settled(gate); // GitHub holds a decision; otherwise the time-out still guards it
    }
    return sent;
  }

  @Override
  public String toString() {
    return "GitHubGateReplies";
  }
}
