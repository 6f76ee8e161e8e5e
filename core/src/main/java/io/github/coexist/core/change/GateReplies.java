package io.github.coexist.core.change;

import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;

/**
 * Port: answers the pipeline that asked to deploy (a GitHub deployment protection rule review,
 * or memory). Called once with each pending progress note and once with the final answer.
 * Implementations are thread-safe, safe to call twice with the same final reply, and pass {@code
 * GateRepliesCompatibilityKit} from coexist-testkit.
 */
public interface GateReplies {

  /** Delivers {@code reply} to the pipeline its {@link GateReply#source()} names. */
  Either<CoexistError, Done> reply(GateReply reply);

  /**
   * Core refused {@code request} outright (an unknown environment, a missing service), so no
   * change exists to answer later: tell the pipeline at once, with {@code reason}, rather than let
   * it wait for its own time-out. Called outside core's locks. Does nothing unless overridden.
   */
  default Either<CoexistError, Done> refuse(DeploymentRequest request, String reason) {
    return Either.right(Done.DONE);
  }
}
