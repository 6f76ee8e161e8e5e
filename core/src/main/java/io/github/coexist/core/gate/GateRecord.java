package io.github.coexist.core.gate;

import io.github.coexist.core.calendar.WindowOccurrence;
import io.github.coexist.core.change.Approvals;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.change.PolicyVerdict;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.risk.RiskContext;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the gate knows of one change, as kept by a {@link io.github.coexist.core.store.StateStore}:
 * enough to go on after a restart exactly where it stopped (the approval it waits for with its
 * votes, the freeze holding it, the pipeline's deadline, the writes the ITSM tool and the pipeline
 * are still owed). The gate hands one to its {@linkplain ChangeGate.Builder#keeper keeper} each
 * time the change's state changes, first with the writes a move owes, then once they were
 * delivered; {@link ChangeGate#restore} takes the latest of each change. The gate's indexes
 * (idempotency and ITSM keys, the changes waiting for a decision or owed a write, each service's
 * planned windows and recent outcomes) and the risk explanation follow from these fields and are
 * rebuilt from them.
 *
 * @param change the latest snapshot of the change; a closed change's {@link
 *     io.github.coexist.core.change.Change#updatedAt()} is when it closed
 * @param verdict the policy's verdict when the change was created (a change resumed after a freeze
 *     keeps its type)
 * @param requestAudited whether the request and its first decision are in the audit trail
 * @param approvals the approval asked of an authority, with the votes so far, when one was asked
 * @param authorisedBeforeHold who approved the change before a freeze held it: the approval is
 *     theirs when the freeze ends
 * @param hold the freeze holding the change
 * @param conflicts the changes it overlapped when last assessed
 * @param sync whether the ITSM tool holds the latest snapshot; pending: the snapshot is owed (being
 *     delivered, or to be retried on a tick)
 * @param problem the last error that retrying will not fix
 * @param causedIncidents the incidents the change was confirmed to have caused, in link order (a
 *     closed change that caused one counts as failed in its service's recent history)
 * @param deadline when the waiting pipeline stops waiting, and its answer then, when it said
 * @param pendingReply an answer the pipeline is owed (being delivered, or to be retried on a tick)
 * @param forgotten when a tick forgot the finished change (it ended longer ago than the {@linkplain
 *     ChangeGate.Builder#retention retention} and owed nothing): {@link ChangeGate#restore} does
 *     not track a forgotten change again, it only counts it in its service's recent history
 * @param lockdown the lockdown holding the change (a major incident open on its service or one
 *     it depends on)
 */
public record GateRecord(
    Change change,
    PolicyVerdict verdict,
    boolean requestAudited,
    Optional<Approvals> approvals,
    Optional<Actor> authorisedBeforeHold,
    Optional<WindowOccurrence> hold,
    RiskContext.Overlaps conflicts,
    TrackedChange.Sync sync,
    Optional<String> problem,
    List<IncidentId> causedIncidents,
    Optional<PipelineDeadline> deadline,
    Optional<GateReply> pendingReply,
    Optional<Instant> forgotten,
    Optional<Lockdown> lockdown) {

  public GateRecord {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(approvals, "approvals");
    Objects.requireNonNull(authorisedBeforeHold, "authorisedBeforeHold");
    Objects.requireNonNull(hold, "hold");
    Objects.requireNonNull(conflicts, "conflicts");
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(problem, "problem");
    causedIncidents = List.copyOf(causedIncidents);
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(pendingReply, "pendingReply");
    Objects.requireNonNull(forgotten, "forgotten");
    lockdown = lockdown == null ? Optional.empty() : lockdown;
  }

  /** A record of a change no lockdown holds. */
  public GateRecord(Change change, PolicyVerdict verdict, boolean requestAudited, Optional<Approvals> approvals,
      Optional<Actor> authorisedBeforeHold, Optional<WindowOccurrence> hold, RiskContext.Overlaps conflicts,
      TrackedChange.Sync sync, Optional<String> problem, List<IncidentId> causedIncidents,
      Optional<PipelineDeadline> deadline, Optional<GateReply> pendingReply, Optional<Instant> forgotten) {
    this(change, verdict, requestAudited, approvals, authorisedBeforeHold, hold, conflicts, sync, problem,
        causedIncidents, deadline, pendingReply, forgotten, Optional.empty());
  }
}
