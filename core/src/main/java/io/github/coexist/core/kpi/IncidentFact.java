package io.github.coexist.core.kpi;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.incident.Verdict;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.ServiceId;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.NullUnmarked;

/**
 * What the KPIs need to know about an incident, as it stands now. A later fact with the same id
 * replaces an earlier one (it was acknowledged, resolved, reopened, linked to its cause).
 *
 * @param id the incident's id
 * @param service the service it affects
 * @param priority 1 (highest) to 5
 * @param openedAt when it was opened
 * @param acknowledgedAt when someone first acknowledged it, not before it opened
 * @param resolvedAt when it was (last) resolved, not before it opened
 * @param causedBy the deployment that caused it, when someone linked it explicitly
 * @param reopenCount how many times it was reopened after a resolution
 * @param withinSla whether it met its SLA, when the ITSM tool says; otherwise {@link ResolutionTargets} decide
 * @param verdict whether a change caused it, when someone said ({@link Verdict}); a {@code causedBy}
 *     link makes it {@link Verdict#CAUSED_BY_CHANGE}, and {@link Verdict#UNKNOWN} is kept as empty
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public record IncidentFact(
    IncidentId id,
    ServiceId service,
    int priority,
    Instant openedAt,
    Optional<Instant> acknowledgedAt,
    Optional<Instant> resolvedAt,
    Optional<DeploymentId> causedBy,
    int reopenCount,
    Optional<Boolean> withinSla,
    Optional<Verdict> verdict) {

  public IncidentFact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(acknowledgedAt, "acknowledgedAt");
    Objects.requireNonNull(resolvedAt, "resolvedAt");
    Objects.requireNonNull(causedBy, "causedBy");
    Objects.requireNonNull(withinSla, "withinSla");
    Objects.requireNonNull(verdict, "verdict");
    verdict = causedBy.isPresent() ? Optional.of(Verdict.CAUSED_BY_CHANGE) : verdict.filter(v -> v != Verdict.UNKNOWN);
    Problems problems = check(priority, openedAt, acknowledgedAt.orElse(null), resolvedAt.orElse(null), reopenCount);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("incident " + id + ": " + problems.list().mkString("; "));
    }
  }

  /** An incident fact whose verdict follows from its link alone: caused by a change when linked, else unknown. */
  public IncidentFact(IncidentId id, ServiceId service, int priority, Instant openedAt, Optional<Instant> acknowledgedAt,
      Optional<Instant> resolvedAt, Optional<DeploymentId> causedBy, int reopenCount, Optional<Boolean> withinSla) {
    this(id, service, priority, openedAt, acknowledgedAt, resolvedAt, causedBy, reopenCount, withinSla, Optional.empty());
  }

  /** Whether a change caused it: {@link Verdict#UNKNOWN} until someone says. */
  public Verdict cause() {
    return verdict.orElse(Verdict.UNKNOWN);
  }

  /** A builder for an incident fact from untrusted input. */
  public static Builder builder() {
    return new Builder();
  }

  private static Problems check(int priority, Instant opened, Instant acknowledged, Instant resolved, int reopenCount) {
    Problems problems = new Problems()
        .require(priority >= 1 && priority <= 5, "priority must be 1 to 5, was " + priority)
        .require(reopenCount >= 0, "reopen count must not be negative, was " + reopenCount);
    if (opened != null) {
      problems.require(acknowledged == null || !acknowledged.isBefore(opened), "acknowledgedAt is before openedAt")
          .require(resolved == null || !resolved.isBefore(opened), "resolvedAt is before openedAt");
    }
    return problems;
  }

  /** Collects an incident fact's fields; {@link #build()} reports every problem at once. */
  public static final class Builder {
    private String id;
    private String service;
    private int priority = 3;
    private Instant openedAt;
    private Instant acknowledgedAt;
    private Instant resolvedAt;
    private String causedBy;
    private int reopenCount;
    private Boolean withinSla;
    private Verdict verdict;

    private Builder() {}

    /** Required, not blank. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** Required, not blank. */
    public Builder service(String service) {
      this.service = service;
      return this;
    }

    /** 1 to 5; 3 unless set. */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /** Required. */
    public Builder openedAt(Instant openedAt) {
      this.openedAt = openedAt;
      return this;
    }

    /** Optional; not before {@code openedAt}. */
    public Builder acknowledgedAt(Instant acknowledgedAt) {
      this.acknowledgedAt = acknowledgedAt;
      return this;
    }

    /** Optional; not before {@code openedAt}. */
    public Builder resolvedAt(Instant resolvedAt) {
      this.resolvedAt = resolvedAt;
      return this;
    }

    /** Optional: the id of the deployment that caused the incident. */
    public Builder causedBy(String deploymentId) {
      this.causedBy = deploymentId;
      return this;
    }

    /** Not negative; 0 unless set. */
    public Builder reopenCount(int reopenCount) {
      this.reopenCount = reopenCount;
      return this;
    }

    /** Optional: whether the incident met its SLA, as the ITSM tool says. */
    public Builder withinSla(Boolean withinSla) {
      this.withinSla = withinSla;
      return this;
    }

    /**
     * Optional: whether a change caused it, when someone said; {@link Verdict#NOT_CHANGE_RELATED}
     * contradicts a {@code causedBy} link.
     */
    public Builder verdict(Verdict verdict) {
      this.verdict = verdict;
      return this;
    }

    /** The fact, or every problem found. */
    public Either<CoexistError, IncidentFact> build() {
      Problems problems = check(priority, openedAt, acknowledgedAt, resolvedAt, reopenCount)
          .require(!Problems.isBlank(id), "id is required")
          .require(!Problems.isBlank(service), "service is required")
          .require(openedAt != null, "openedAt is required")
          .require(verdict != Verdict.NOT_CHANGE_RELATED || Problems.isBlank(causedBy),
              "an incident caused by a deployment cannot be not_change_related");
      return problems.toEither(() -> new IncidentFact(
          IncidentId.of(id.strip()),
          ServiceId.of(service.strip()),
          priority,
          openedAt,
          Optional.ofNullable(acknowledgedAt),
          Optional.ofNullable(resolvedAt),
          Problems.isBlank(causedBy) ? Optional.empty() : Optional.of(DeploymentId.of(causedBy.strip())),
          reopenCount,
          Optional.ofNullable(withinSla),
          Optional.ofNullable(verdict)));
    }
  }
}
