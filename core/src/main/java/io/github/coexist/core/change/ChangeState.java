package io.github.coexist.core.change;

/**
 * The change lifecycle, as ServiceNow's change model names it (-5 New ... 4 Canceled). Which moves
 * are legal depends on the {@link ChangeType}.
 */
public enum ChangeState {
  /** Recorded, not yet assessed. */
  NEW,
  /** Risk and impact being assessed. */
  ASSESS,
  /** Waiting for the change authority. */
  AUTHORIZE,
  /** Authorised and scheduled. */
  SCHEDULED,
  /** Being implemented (deploying). */
  IMPLEMENT,
  /** Implemented; outcome under review. */
  REVIEW,
  /** Finished, with a close code. */
  CLOSED,
  /** Abandoned: withdrawn, rejected or expired. */
  CANCELED;

  /** Whether no move leaves this state. */
  public boolean isTerminal() {
    return this == CLOSED || this == CANCELED;
  }
}
