package io.github.coexist.core.kpi;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.service.ServiceId;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the KPIs need to know about a change record, as it stands now. A later fact with the same id
 * replaces an earlier one (the change was closed).
 *
 * @param id the change's id
 * @param service the service changed
 * @param type standard, normal or emergency
 * @param createdAt when the change was recorded
 * @param closedAt when it was closed, not before it was created
 * @param closeCode how it ended; only a closed change has one
 * @param autoApproved whether a policy approved it without a person
 */
public record ChangeFact(
    ChangeId id,
    ServiceId service,
    Type type,
    Instant createdAt,
    Optional<Instant> closedAt,
    Optional<CloseCode> closeCode,
    boolean autoApproved) {

  /** The ITIL change types. */
  public enum Type {
    /** Pre-authorised, low risk. */
    STANDARD,
    /** Assessed and authorised. */
    NORMAL,
    /** Expedited to restore service. */
    EMERGENCY;

    /** The type whose lower-case name is {@code label}, such as {@code emergency}. */
    public static Optional<Type> fromLabel(String label) {
      return fromName(values(), label);
    }
  }

  /** How a closed change ended; only {@link #SUCCESSFUL} counts towards change success rate. */
  public enum CloseCode {
    /** Implemented as planned. */
    SUCCESSFUL,
    /** Implemented, with problems worth recording. */
    SUCCESSFUL_WITH_ISSUES,
    /** Failed or backed out. */
    UNSUCCESSFUL;

    /** The code whose lower-case name is {@code label}, such as {@code successful_with_issues}. */
    public static Optional<CloseCode> fromLabel(String label) {
      return fromName(values(), label);
    }
  }

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

  private static <E extends Enum<E>> Optional<E> fromName(E[] values, String label) {
    if (label == null) {
      return Optional.empty();
    }
    String upper = label.strip().toUpperCase(Locale.ROOT);
    for (E value : values) {
      if (value.name().equals(upper)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /** Collects a change fact's fields; {@link #build()} reports every problem at once. */
  public static final class Builder {
    private String id;
    private String service;
    private Type type;
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
    public Builder type(Type type) {
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
