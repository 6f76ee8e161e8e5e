package io.github.coexist.core.gate;

import io.github.coexist.core.calendar.WindowOccurrence;
import io.github.coexist.core.change.Approvals;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.change.PolicyVerdict;
import io.github.coexist.core.internal.delivery.Lane;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.risk.RiskContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.NullUnmarked;

/**
 * One change the gate tracks: the mutable working state behind a {@link TrackedChange} and a
 * {@link GateRecord}. Every field but {@link #view} and the lanes is guarded by this
 * object's monitor; {@link #view} is the published, immutable snapshot that readers use without
 * locking.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
final class Tracked {
  final IdempotencyKey key;
  final ChangeId id;

  /** The latest snapshot; null until the change is created. */
  Change change;
  /** The change this one is a new attempt of, or null; set before it is created. */
  ChangeId retryOf;
  /** The policy's verdict when the change was created; null before. */
  PolicyVerdict verdict;
  /** Whether the request and its first decision are in the audit trail. */
  boolean requestAudited;
  /** The risk explanation of {@link #change}, worked out once per assessment. */
  List<String> explanation = List.of();
  /** The approval asked of an authority, or null. */
  Approvals approvals;
  /**
   * Who approved it (a quorum of voters, or the ITSM tool) before a freeze held it, or null: the
   * approval is theirs when the freeze ends, not coexist's.
   */
  Actor authorisedBeforeHold;
  /** The freeze holding the change, or null. */
  WindowOccurrence hold;
  /** The lockdown holding the change, or null. */
  Lockdown lockdown;
  /** The changes it overlapped when last assessed: how many, and the nearest few. */
  RiskContext.Overlaps conflicts = RiskContext.Overlaps.none();
  TrackedChange.Sync sync = TrackedChange.Sync.SYNCED;
  String problem;
  /**
   * The incidents this change was confirmed to have caused, in the order they were linked; null
   * until the first (few changes cause one, and every change is tracked).
   */
  private Set<IncidentId> causedIncidents;
  /** When the waiting pipeline stops waiting, or null when it did not say. */
  PipelineDeadline deadline;
  /** A reply the pipeline is owed: not delivered yet, or to be retried; or null. */
  GateReply pendingReply;
  /**
   * How many times the change moved in this process: a delivery settles the ITSM record as synced
   * only if the snapshot it sent is still the latest. Not kept: a restored change starts at 0.
   */
  long moves;
  /**
   * The {@link io.github.coexist.core.kernel.Durability#mark() mark} of the latest state that made
   * the change owe a write: no write goes out before that state is committed. 0 when restored.
   */
  long owedAt;
  /** The mark a commit waiter was registered for (it delivers once that mark is durable), or -1. */
  long heldAt = -1;
  /**
   * The deliveries of the change's snapshot to the ITSM tool: one at a time, in order. Run
   * without holding the monitor, which each pass takes inside it.
   */
  final Lane toRecords = new Lane();
  /** The deliveries of the change's replies to the pipeline, apart from the ITSM tool's: same rules. */
  final Lane toPipeline = new Lane();

  private volatile TrackedChange view;

  Tracked(IdempotencyKey key, ChangeId id) {
    this.key = key;
    this.id = id;
  }

  /** Takes every field from {@code record}, the state of this same change. */
  void restore(GateRecord record) {
    change = record.change();
    verdict = record.verdict();
    requestAudited = record.requestAudited();
    explanation = change.risk().explanation();
    approvals = record.approvals().orElse(null);
    authorisedBeforeHold = record.authorisedBeforeHold().orElse(null);
    hold = record.hold().orElse(null);
    lockdown = record.lockdown().orElse(null);
    conflicts = record.conflicts();
    sync = record.sync();
    problem = record.problem().orElse(null);
    causedIncidents = record.causedIncidents().isEmpty() ? null : new LinkedHashSet<>(record.causedIncidents());
    deadline = record.deadline().orElse(null);
    pendingReply = record.pendingReply().orElse(null);
  }

  /** The state as a store keeps it; call under the lock, once the change exists. */
  GateRecord record() {
    return record(Optional.empty());
  }

  /** The record of this change; {@code forgotten}: when the gate forgot it. */
  GateRecord record(Optional<Instant> forgotten) {
    return new GateRecord(change, verdict, requestAudited, Optional.ofNullable(approvals),
        Optional.ofNullable(authorisedBeforeHold), Optional.ofNullable(hold), conflicts, sync,
        Optional.ofNullable(problem), causedIncidents == null ? List.of() : List.copyOf(causedIncidents),
        Optional.ofNullable(deadline), Optional.ofNullable(pendingReply), forgotten, Optional.ofNullable(lockdown));
  }

  /** Whether a freeze or a lockdown holds the change. */
  boolean held() {
    return hold != null || lockdown != null;
  }

  /**
   * The change moved: the ITSM tool is owed its new snapshot and, unless {@code reply} is null,
   * the pipeline is owed {@code reply} (replacing an older reply it was still owed).
   */
  void owe(GateReply reply) {
    moves++;
    sync = TrackedChange.Sync.PENDING;
    if (reply != null) {
      pendingReply = reply;
    }
  }

  /** Records that the change caused {@code incident}; false when that was known already. */
  boolean causedIncident(IncidentId incident) {
    if (causedIncidents == null) {
      causedIncidents = new LinkedHashSet<>();
    }
    return causedIncidents.add(incident);
  }

  /** Forgets that the change caused {@code incident}; false when it was not recorded. */
  boolean releasedIncident(IncidentId incident) {
    boolean removed = causedIncidents != null && causedIncidents.remove(incident);
    if (causedIncidents != null && causedIncidents.isEmpty()) {
      causedIncidents = null;
    }
    return removed;
  }

  /** Whether the change was confirmed to have caused any incident. */
  boolean causedAnyIncident() {
    return causedIncidents != null;
  }

  /** Whether the change exists (creation completed at least its first step). */
  boolean exists() {
    return change != null;
  }

  /** Whether the ITSM record or the reply are still owed. */
  boolean needsRetry() {
    return sync == TrackedChange.Sync.PENDING || pendingReply != null;
  }

  /** Publishes the current state for lock-free readers; call after every change, under the lock. */
  TrackedChange publish() {
    TrackedChange published = new TrackedChange(change, Optional.ofNullable(approvals), conflicts, sync,
        Optional.ofNullable(problem), pendingReply != null);
    view = published;
    return published;
  }

  /** The last published state, or null before the change exists. */
  TrackedChange view() {
    return view;
  }
}
