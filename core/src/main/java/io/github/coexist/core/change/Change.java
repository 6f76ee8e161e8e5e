package io.github.coexist.core.change;

import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.risk.RiskAssessment;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A change record as coexist holds it: one immutable snapshot of a change at one moment. Every
 * transition produces a new snapshot; {@link ChangeRecords} mirrors snapshots into the ITSM tool.
 */
@Value.Immutable
public abstract class Change {

  /** coexist's own id of the change. */
  public abstract ChangeId id();

  /** The key that created the change; the same key always finds this change again. */
  public abstract IdempotencyKey idempotencyKey();

  /** Standard, normal or emergency. */
  public abstract ChangeType type();

  /** The change model that set the type and authority ({@code normal}, a standard template). */
  public abstract String model();

  /** Where the change is in its lifecycle. */
  public abstract ChangeState state();

  /** The deployment the change is for. */
  public abstract DeploymentRequest request();

  /** The service being changed. */
  @Value.Derived
  public ServiceId service() {
    return request().service();
  }

  /** The team the change is assigned to: the service's owner. */
  public abstract TeamId assignmentGroup();

  /** The risk assessment, factor by factor. */
  public abstract RiskAssessment risk();

  /** The gate's current decision. */
  public abstract Decision decision();

  /** When the change is planned to start. */
  public abstract Instant plannedStart();

  /** When the change is planned to end. */
  public abstract Instant plannedEnd();

  /** When the change was recorded. */
  public abstract Instant createdAt();

  /** When the change last moved. */
  public abstract Instant updatedAt();

  /** How the change ended, once closed. */
  public abstract Optional<CloseCode> closeCode();

  /** Notes on how the change ended. */
  public abstract Optional<String> closeNotes();

  /** Where the ITSM tool holds the change, once it does. */
  public abstract Optional<ExternalKey> externalKey();

  /**
   * The change this one is a new attempt of: a re-run after that change failed or closed, asked
   * with the same idempotency key; empty for a first attempt.
   */
  public abstract Optional<ChangeId> retryOf();

  /** Whether the change must get a review after the fact (every emergency change does). */
  @Value.Default
  public boolean retrospectiveReviewRequired() {
    return false;
  }

  /** This change in {@code state}, moved at {@code at}. Does not check the move is legal. */
  public Change movedTo(ChangeState state, Instant at) {
    return copy().withState(state).withUpdatedAt(at);
  }

  /** This change carrying {@code decision}, updated at {@code at}. */
  public Change decided(Decision decision, Instant at) {
    return copy().withDecision(decision).withUpdatedAt(at);
  }

  /** This change as recorded by the ITSM tool under {@code key}. */
  public Change recordedAs(ExternalKey key) {
    return copy().withExternalKey(key);
  }

  /** This change planned for [{@code start}, {@code end}). */
  public Change replanned(Instant start, Instant end) {
    return copy().withPlannedStart(start).withPlannedEnd(end);
  }

  /** This change assessed anew as {@code risk}. */
  public Change reassessed(RiskAssessment risk) {
    return copy().withRisk(risk);
  }

  /** This change with its close code and notes; the state is set by {@link #movedTo}. */
  public Change withOutcome(CloseCode code, String notes) {
    return copy().withCloseCode(code).withCloseNotes(notes);
  }

  private ImmutableChange copy() {
    return (ImmutableChange) ImmutableChange.copyOf(this);
  }

  /**
   * A builder; every non-optional attribute is required: {@code build()} throws {@link IllegalStateException} naming every
   * one left out, and a {@code null} argument throws {@link NullPointerException} naming it.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Change}. */
  public static final class Builder extends ImmutableChange.Builder {}
}
