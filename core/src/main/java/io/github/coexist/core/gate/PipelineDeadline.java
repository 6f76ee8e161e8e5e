package io.github.coexist.core.gate;

import io.github.coexist.core.change.Decision;
import java.time.Instant;
import java.util.Objects;

/**
 * When the pipeline stops waiting for the gate, and what it answers then: a GitHub protection
 * rule's time-out, a Jenkins input step's timeout. The gate resolves a change still pending at
 * {@code at} with {@code answer} on its {@link ChangeGate#tick()}, so the pipeline's reply and the
 * change agree.
 *
 * @param at when the pipeline stops waiting
 * @param answer what the pipeline answers then: {@link Decision.Outcome#APPROVED} or {@link
 *     Decision.Outcome#REJECTED}
 */
public record PipelineDeadline(Instant at, Decision.Outcome answer) {
  public PipelineDeadline {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(answer, "answer");
    if (answer == Decision.Outcome.PENDING) {
      throw new IllegalArgumentException("a deadline answers approved or rejected, not pending");
    }
  }

  /** A deadline at which the pipeline answers rejected: the safe default. */
  public static PipelineDeadline rejectAt(Instant at) {
    return new PipelineDeadline(at, Decision.Outcome.REJECTED);
  }
}
