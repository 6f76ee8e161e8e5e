package io.github.coexist.core.change;

/** The approval state of a change as the system of record holds it. */
public enum ApprovalStatus {
  /** No approval asked for (standard changes, or not yet). */
  NOT_REQUESTED,
  /** Asked for, not yet decided. */
  REQUESTED,
  /** Approved by the authority. */
  APPROVED,
  /** Rejected by the authority. */
  REJECTED
}
