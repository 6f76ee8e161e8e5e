package io.github.coexist.core.change;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded default {@link GateReplies}: keeps every reply in memory, in the order delivered,
 * for embedding code, tests and the demo to read. Thread-safe.
 *
 * <p>Like a pipeline, it takes one final answer per change: the same final reply again is
 * accepted and not kept twice; a different final answer after the first is a {@link
 * CoexistError.Conflict}, since a pipeline cannot be told twice.
 */
public final class InMemoryGateReplies implements GateReplies {
  private final List<GateReply> delivered = new ArrayList<>();
  private final Map<ChangeId, GateReply> finals = new HashMap<>();

  /** No replies yet. */
  public InMemoryGateReplies() {}

  @Override
  public synchronized Either<CoexistError, Done> reply(GateReply reply) {
    GateReply earlier = finals.get(reply.change());
    if (earlier != null) {
      if (earlier.equals(reply)) {
        return Either.right(Done.DONE);
      }
      return Either.left(new CoexistError.Conflict("change " + reply.change()
          + " was already answered " + earlier.outcome() + "; the pipeline cannot be told again"));
    }
    delivered.add(reply);
    if (reply.isFinal()) {
      finals.put(reply.change(), reply);
    }
    return Either.right(Done.DONE);
  }

  /** Every reply delivered, in order. */
  public synchronized List<GateReply> replies() {
    return List.copyOf(delivered);
  }

  /** The replies about {@code change}, in order. */
  public synchronized List<GateReply> repliesFor(ChangeId change) {
    return delivered.stream().filter(r -> r.change().equals(change)).toList();
  }

  /** The final answer about {@code change}, once given. */
  public synchronized Optional<GateReply> finalReply(ChangeId change) {
    return Optional.ofNullable(finals.get(change));
  }
}
