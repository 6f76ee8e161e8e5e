package io.github.coexist.core.catalog;

import io.github.coexist.core.kernel.Actor;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened to a request: who did what, when, and the state it left the request in.
 *
 * @param at when
 * @param actor who: the requester, an approver, a fulfiller, or coexist by policy
 * @param action what was done
 * @param state the request's state afterwards
 * @param detail a sentence for people; may be empty
 */
public record RequestActivity(Instant at, Actor actor, Action action, RequestState state, String detail) {

  /** The things that happen to requests. */
  public enum Action {
    /** Submitted by the requester. */
    SUBMITTED,
    /** Approved. */
    APPROVED,
    /** Rejected. */
    REJECTED,
    /** Fulfilment started; its tasks were created. */
    FULFILMENT_STARTED,
    /** One fulfilment task was done. */
    TASK_DONE,
    /** Fulfilled. */
    FULFILLED,
    /** Canceled. */
    CANCELED
  }

  public RequestActivity {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
  }
}
