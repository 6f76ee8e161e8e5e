package io.github.coexist.core.gate;

import io.github.coexist.core.change.Approvals;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.risk.RiskContext;
import java.util.Objects;
import java.util.Optional;

/**
 * A change as the gate tracks it, for the read side (API, dashboard): the change, the approval
 * it waits for, its conflicts, and whether the ITSM tool and the pipeline are up to date.
 *
 * @param change the latest snapshot of the change
 * @param approvals the approval asked of an authority, when one was asked
 * @param conflicts other changes planned in the same window on the service or its dependencies:
 *     how many, and the {@value RiskContext.Overlaps#NEAREST} nearest
 * @param sync whether the ITSM tool holds the latest snapshot
 * @param problem the last error from the ITSM tool or the pipeline that retrying will not fix
 * @param replyPending whether the pipeline is owed a reply: being delivered, or to be retried
 */
public record TrackedChange(
    Change change,
    Optional<Approvals> approvals,
    RiskContext.Overlaps conflicts,
    Sync sync,
    Optional<String> problem,
    boolean replyPending) {

  /** Whether the ITSM tool holds the latest snapshot. */
  public enum Sync {
    /** The tool holds the latest snapshot. */
    SYNCED,
    /**
     * The tool is owed the latest snapshot: being delivered, or the tool was unavailable and the
     * gate retries on its next tick.
     */
    PENDING,
    /** The tool refused the record; see {@link TrackedChange#problem()}. */
    FAILED
  }

  public TrackedChange {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(approvals, "approvals");
    Objects.requireNonNull(conflicts, "conflicts");
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(problem, "problem");
  }
}
