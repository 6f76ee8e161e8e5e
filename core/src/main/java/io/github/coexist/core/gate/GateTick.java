package io.github.coexist.core.gate;

/**
 * What one {@link ChangeGate#tick()} did.
 *
 * @param expired pending approvals that expired, rejecting their changes
 * @param decidedInTool pending changes the ITSM tool had approved or rejected
 * @param resumed held changes re-evaluated because their freeze ended
 * @param retried changes whose ITSM record or pipeline reply was retried successfully
 * @param stillWaiting changes still pending after the tick
 * @param forgotten finished changes older than the gate's retention that it no longer tracks
 * @param timedOut pending changes resolved at their pipeline's deadline ({@link PipelineDeadline})
 */
public record GateTick(int expired, int decidedInTool, int resumed, int retried, int stillWaiting, int forgotten,
    int timedOut) {

  /** Whether the tick decided or retried anything. */
  public boolean didSomething() {
    return expired + decidedInTool + resumed + retried + timedOut > 0;
  }
}
