package io.github.coexist.core.problem;

import io.github.coexist.core.incident.Impact;
import io.github.coexist.core.incident.Priority;
import io.github.coexist.core.incident.Urgency;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kernel.ProblemId;
import io.github.coexist.core.service.ServiceId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import org.immutables.value.Value;

/**
 * A problem as coexist holds it: one immutable snapshot. A problem is the cause, or suspected
 * cause, of one or more incidents; every command on the {@link ProblemManager} produces a new
 * snapshot with one more {@link ProblemActivity}.
 */
@Value.Immutable
public abstract class Problem {

  /** coexist's own id of the problem. */
  public abstract ProblemId id();

  /** One line saying what keeps going wrong. */
  public abstract String title();

  /** The service whose incidents it causes. */
  public abstract ServiceId service();

  /** The incident signature it was raised for, when it was raised from recurring incidents. */
  public abstract Optional<String> signature();

  /** Where it is in its lifecycle. */
  public abstract ProblemState state();

  /** How widely its incidents hurt. */
  public abstract Impact impact();

  /** How fast it must be dealt with. */
  public abstract Urgency urgency();

  /** The priority the matrix gives impact and urgency. */
  public abstract Priority priority();

  /** The incidents it causes, as far as known. */
  @Value.NaturalOrder
  public abstract SortedSet<IncidentId> incidents();

  /** Its root cause and workaround, once known. */
  public abstract Optional<KnownError> knownError();

  /** The change that fixes it, once there is one. */
  public abstract Optional<ChangeId> fix();

  /** How it was closed, once it is. */
  public abstract Optional<Resolution> resolution();

  /** Notes on the resolution or closure. */
  public abstract Optional<String> resolutionNotes();

  /** Who raised it: a person, or coexist when incidents recurred. */
  public abstract Actor openedBy();

  /** When it was raised. */
  public abstract Instant openedAt();

  /** When it was last resolved, while it is resolved or closed after resolution. */
  public abstract Optional<Instant> resolvedAt();

  /** When it was closed, once it is. */
  public abstract Optional<Instant> closedAt();

  /** Where the ITSM tool keeps it, once it does. */
  public abstract Optional<ExternalKey> externalKey();

  /** Everything that happened to it, oldest first. */
  public abstract List<ProblemActivity> activity();

  /** When it last changed. */
  public abstract Instant updatedAt();

  /** Whether it is a known error: analysed, with a workaround, not yet closed. */
  public boolean isKnownError() {
    return knownError().isPresent() && state().isOpen();
  }

  /** Whether coexist raised it because incidents recurred. */
  public boolean raisedAutomatically() {
    return openedBy().kind() == Actor.Kind.SYSTEM;
  }

  /** The key its record in the ITSM tool is created under: {@code coexist:problem:<id>}. */
  public IdempotencyKey recordKey() {
    return IdempotencyKey.of("coexist:problem:" + id().value());
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
    Objects.requireNonNull(openedBy(), "openedBy");
    Objects.requireNonNull(openedAt(), "openedAt");
    Objects.requireNonNull(updatedAt(), "updatedAt");
    if (title().isBlank()) {
      throw new IllegalStateException("problem " + id() + " needs a title");
    }
  }

  /**
   * A builder; every attribute that is not optional or a collection is required: {@code build()} throws {@link IllegalStateException} naming every
   * one left out, and a {@code null} argument throws {@link NullPointerException} naming it.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Problem}. */
  public static final class Builder extends ImmutableProblem.Builder {}
}
