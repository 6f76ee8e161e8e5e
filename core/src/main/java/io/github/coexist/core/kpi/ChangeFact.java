package io.github.coexist.core.kpi;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.service.ServiceId;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.NullUnmarked;

/**
 * What the KPIs need to know about a change record, as it stands now. A later fact with the same id
 * replaces an earlier one (the change was closed). Type and close code are core's own {@link
 * ChangeType} and {@link CloseCode}; {@link #of(Change)} is the one way a change becomes a fact.
 *
 * @param id the change's id
 * @param service the service changed
 * @param type standard, normal or emergency
 * @param createdAt when the change was recorded
 * @param closedAt when it was closed, not before it was created
 * @param closeCode how it ended; only a closed change has one
 * @param autoApproved whether a policy approved it without a person
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public record ChangeFact(
    ChangeId id,
    ServiceId service,
    ChangeType type,
    Instant createdAt,
    Optional<Instant> closedAt,
    Optional<CloseCode> closeCode,
    boolean autoApproved) {

  public ChangeFact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(closedAt, "closedAt");
    Objects.requireNonNull(closeCode, "closeCode");
    Problems problems = check(createdAt, closedAt.orElse(null), closeCode.isPresent());
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("change " + id + ": " + problems.list().mkString("; "));
    }
  }

  /**
   * The fact for {@code change} as it stands now: closed (with its close code) once it is in
   * {@link ChangeState#CLOSED}, auto-approved when its decision {@link Decision#autoApproved() is}.
   * An emergency change in Review already carries its deployment's close code; the fact has one
   * once closed.
   */
  public static ChangeFact of(Change change) {
    boolean closed = change.state() == ChangeState.CLOSED;
    return new ChangeFact(change.id(), change.service(), change.type(), change.createdAt(),
        closed ? Optional.of(change.updatedAt()) : Optional.empty(),
        closed ? change.closeCode() : Optional.empty(), change.decision().autoApproved());
  }

  /** A builder for a change fact from untrusted input. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether the change was closed with close code successful. */
  public boolean successful() {
    return closeCode.filter(code -> code == CloseCode.SUCCESSFUL).isPresent();
  }

  private static Problems check(Instant created, Instant closed, boolean hasCloseCode) {
    Problems problems = new Problems().require(closed != null || !hasCloseCode, "a close code needs closedAt");
    if (created != null && closed != null) {
      problems.require(!closed.isBefore(created), "closedAt is before createdAt");
    }
    return problems;
  }

  /** Collects a change fact's fields; {@link #build()} reports every problem at once. */
  public static final class Builder {
    private String id;
    private String service;
    private ChangeType type;
    private Instant createdAt;
    private Instant closedAt;
    private CloseCode closeCode;
    private boolean autoApproved;

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

    /** Required. */
    public Builder type(ChangeType type) {
      this.type = type;
      return this;
    }

    /** Required. */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    /** Optional; not before {@code createdAt}. */
    public Builder closedAt(Instant closedAt) {
      this.closedAt = closedAt;
      return this;
    }

    /** Optional; needs {@code closedAt}. */
    public Builder closeCode(CloseCode closeCode) {
      this.closeCode = closeCode;
      return this;
    }

    /** False unless set. */
    public Builder autoApproved(boolean autoApproved) {
      this.autoApproved = autoApproved;
      return this;
    }

    /** The fact, or every problem found. */
    public Either<CoexistError, ChangeFact> build() {
      Problems problems = check(createdAt, closedAt, closeCode != null)
          .require(!Problems.isBlank(id), "id is required")
          .require(!Problems.isBlank(service), "service is required")
          .require(type != null, "changeType is required")
          .require(createdAt != null, "createdAt is required");
      return problems.toEither(() -> new ChangeFact(
          ChangeId.of(id.strip()),
          ServiceId.of(service.strip()),
          type,
          createdAt,
          Optional.ofNullable(closedAt),
          Optional.ofNullable(closeCode),
          autoApproved));
    }
  }
}
