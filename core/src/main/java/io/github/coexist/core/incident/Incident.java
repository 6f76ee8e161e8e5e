package io.github.coexist.core.incident;

import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An incident as coexist holds it: one immutable snapshot. Every command on the {@link
 * IncidentDesk} produces a new snapshot with one more {@link IncidentActivity}; {@link
 * IncidentRecords} mirrors snapshots into the ITSM tool.
 */
@Value.Immutable
public abstract class Incident {

  /** coexist's own id of the incident. */
  public abstract IncidentId id();

  /** One line saying what is wrong. */
  public abstract String title();

  /** More words, when someone gave them. */
  public abstract Optional<String> description();

  /** The service that is hurt. */
  public abstract ServiceId service();

  /** Where the incident is in its lifecycle. */
  public abstract IncidentState state();

  /** How widely it hurts. */
  public abstract Impact impact();

  /** How fast it must be handled. */
  public abstract Urgency urgency();

  /** The priority the matrix gives impact and urgency. */
  public abstract Priority priority();

  /** Whether it was declared a major incident. */
  @Value.Default
  public boolean major() {
    return false;
  }

  /** The team working on it: the service's owner unless reassigned; empty when the service is unknown. */
  public abstract Optional<TeamId> assignmentGroup();

  /**
   * What names this failure across incidents, so recurring ones can be found (an alert's
   * signature, or words a person gave).
   */
  public abstract String signature();

  /** Who opened it: a person, or the monitoring tool whose alert did. */
  public abstract Actor openedBy();

  /** When it was opened. */
  public abstract Instant openedAt();

  /** When someone first responded, once someone has. */
  public abstract Optional<Instant> acknowledgedAt();

  /** When it was last resolved, while it is resolved or closed. */
  public abstract Optional<Instant> resolvedAt();

  /** When it was closed, once it is. */
  public abstract Optional<Instant> closedAt();

  /** When it was canceled, if it was. */
  public abstract Optional<Instant> canceledAt();

  /** Why it is on hold, while it is. */
  public abstract Optional<String> holdReason();

  /** How it was resolved, or why it was canceled. */
  public abstract Optional<String> resolution();

  /** How often it was reopened after resolution. */
  @Value.Default
  public int reopenCount() {
    return 0;
  }

  /** The monitoring alerts it came from, when it came from alerts. */
  public abstract Optional<AlertTrace> alerts();

  /** The change or deployment recorded as its cause, once one is. */
  public abstract Optional<CausedBy> causedBy();

  /** The problem it belongs to, with the known error's workaround, once it is linked to one. */
  public abstract Optional<ProblemLink> problem();

  /** Where the ITSM tool keeps it, once it does. */
  public abstract Optional<ExternalKey> externalKey();

  /** Whether someone found that no change caused it ({@link Verdict#NOT_CHANGE_RELATED}); false unless set. */
  @Value.Default
  public boolean notChangeRelated() {
    return false;
  }

  /** Whether a change caused it: a recorded cause, someone ruling changes out, or not known yet. */
  public Verdict verdict() {
    return causedBy().isPresent() ? Verdict.CAUSED_BY_CHANGE
        : notChangeRelated() ? Verdict.NOT_CHANGE_RELATED : Verdict.UNKNOWN;
  }

  /** Everything that happened to it, oldest first. */
  public abstract List<IncidentActivity> activity();

  /** When it last changed. */
  public abstract Instant updatedAt();

  /** Whether it is still open (new, in progress or on hold). */
  public boolean isOpen() {
    return state().isActive();
  }

  /** When the failure was first seen: the first alert, or the opening if that was earlier. */
  public Instant detectedAt() {
    return alerts().map(AlertTrace::firstAt).filter(first -> first.isBefore(openedAt())).orElse(openedAt());
  }

  /** The key its record in the ITSM tool is created under: {@code coexist:incident:<id>}. */
  public IdempotencyKey recordKey() {
    return IdempotencyKey.of("coexist:incident:" + id().value());
  }

  @Value.Check
  void check() {
    Objects.requireNonNull(id(), "id");
    Objects.requireNonNull(title(), "title");
    Objects.requireNonNull(service(), "service");
    Objects.requireNonNull(state(), "state");
    Objects.requireNonNull(impact(), "impact");
    Objects.requireNonNull(urgency(), "urgency");
    Objects.requireNonNull(priority(), "priority");
    Objects.requireNonNull(signature(), "signature");
    Objects.requireNonNull(openedBy(), "openedBy");
    Objects.requireNonNull(openedAt(), "openedAt");
    Objects.requireNonNull(updatedAt(), "updatedAt");
    if (title().isBlank() || signature().isBlank()) {
      throw new IllegalStateException("incident " + id() + " needs a title and a signature");
    }
    if (reopenCount() < 0) {
      throw new IllegalStateException("incident " + id() + " cannot be reopened a negative number of times");
    }
  }

  /**
   * A builder; every attribute that is not optional or defaulted is required: {@code build()} throws {@link IllegalStateException} naming every
   * one left out, and a {@code null} argument throws {@link NullPointerException} naming it.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link Incident}. */
  public static final class Builder extends ImmutableIncident.Builder {}
}
