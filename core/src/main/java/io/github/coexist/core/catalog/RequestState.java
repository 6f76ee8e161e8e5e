package io.github.coexist.core.catalog;

import java.util.EnumSet;
import java.util.Set;

/** The lifecycle of a service request. */
public enum RequestState {
  /** Asked for, waiting for approval. */
  SUBMITTED,
  /** Approved (by an approver, or by coexist when the item needs no approval); waiting for fulfilment. */
  APPROVED,
  /** Refused by an approver. Final. */
  REJECTED,
  /** Its fulfilment tasks are being done. */
  IN_FULFILMENT,
  /** Done. Final. */
  FULFILLED,
  /** Withdrawn before it was done. Final. */
  CANCELED;

  /** Whether no move leaves this state. */
  public boolean isTerminal() {
    return this == REJECTED || this == FULFILLED || this == CANCELED;
  }

  /** The states a request may move to from this one. */
  public Set<RequestState> next() {
    return switch (this) {
      case SUBMITTED -> EnumSet.of(APPROVED, REJECTED, CANCELED);
      case APPROVED -> EnumSet.of(IN_FULFILMENT, CANCELED);
      case IN_FULFILMENT -> EnumSet.of(FULFILLED, CANCELED);
      case REJECTED, FULFILLED, CANCELED -> EnumSet.noneOf(RequestState.class);
    };
  }

  /** Whether the lifecycle allows moving from this state to {@code target}. */
  public boolean canMoveTo(RequestState target) {
    return next().contains(target);
  }
}
