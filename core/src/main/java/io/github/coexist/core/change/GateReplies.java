package io.github.coexist.core.change;

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
}
