package io.github.coexist.core.change;

import io.github.coexist.core.kernel.Actor;
import java.time.Instant;
import java.util.Objects;

/**
 * One member of a change authority deciding on a change.
 *
 * @param actor who voted
 * @param verdict approve or reject
 * @param comment why, as the voter put it (may be empty)
 * @param at when
 */
public record Vote(Actor actor, Verdict verdict, String comment, Instant at) {

  /** The two ways to vote. */
  public enum Verdict {
    /** Go ahead. */
    APPROVE,
    /** Do not go ahead; one rejection rejects the change. */
    REJECT
  }

  public Vote {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(at, "at");
  }
}
