package io.github.coexist.core.problem;

import io.github.coexist.core.kernel.Actor;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened to a problem: who did what, when, and the state it left the problem in.
 *
 * @param at when
 * @param actor who: a person, or coexist raising it by policy
 * @param action what was done
 * @param state the problem's state afterwards
 * @param detail a sentence for people; may be empty
 */
public record ProblemActivity(Instant at, Actor actor, Action action, ProblemState state, String detail) {

  /** The things that happen to problems. */
  public enum Action {
    /** Raised, by hand or because incidents recur. */
    RAISED,
    /** An incident was linked to it. */
    INCIDENT_LINKED,
    /** Assessment started. */
    ASSESSED,
    /** Root cause analysis started. */
    ANALYSIS_STARTED,
    /** A known error (root cause and workaround) was recorded or updated. */
    KNOWN_ERROR_RECORDED,
    /** The fixing change was linked and the fix started. */
    FIX_STARTED,
    /** Resolved: the fix is in. */
    RESOLVED,
    /** Back to root cause analysis: the fix did not hold or was abandoned. */
    REOPENED,
    /** Closed with a resolution. */
    CLOSED
  }

  public ProblemActivity {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
  }
}
