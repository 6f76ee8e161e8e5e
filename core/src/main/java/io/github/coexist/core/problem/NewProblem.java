package io.github.coexist.core.problem;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.incident.Impact;
import io.github.coexist.core.incident.Urgency;
import io.github.coexist.core.internal.input.TicketFields;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.ServiceId;
import io.vavr.control.Either;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.NullUnmarked;

/**
 * A problem raised by hand: the input of {@link ProblemManager#raise(NewProblem)}. Built from
 * untrusted input with {@link #builder()}, which lists every problem with the input at once.
 *
 * @param title one line saying what keeps going wrong
 * @param service the service whose incidents it causes
 * @param impact how widely its incidents hurt
 * @param urgency how fast it must be dealt with
 * @param raisedBy who raises it
 * @param signature the incident signature it covers, if any; recurring incidents with it are linked
 * @param incidents incidents already known to be caused by it
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public record NewProblem(
    String title,
    ServiceId service,
    Impact impact,
    Urgency urgency,
    Actor raisedBy,
    Optional<String> signature,
    SortedSet<IncidentId> incidents) {

  public NewProblem {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(impact, "impact");
    Objects.requireNonNull(urgency, "urgency");
    Objects.requireNonNull(raisedBy, "raisedBy");
    Objects.requireNonNull(signature, "signature");
    incidents = Collections.unmodifiableSortedSet(new TreeSet<>(incidents));
  }

  /** A builder for a problem from untrusted input. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects a problem's raw fields; {@link #build()} validates them together. */
  public static final class Builder {
    private final TicketFields<Impact, Urgency> fields =
        TicketFields.of(Impact::ofLevel, Urgency::ofLevel, Integer.MAX_VALUE);
    private Actor raisedBy;
    private String signature;
    private final SortedSet<IncidentId> incidents = new TreeSet<>();
    private boolean nullIncident;

    private Builder() {}

    /** Required. */
    public Builder title(String title) {
      fields.title(title);
      return this;
    }

    /** Required. */
    public Builder service(String service) {
      fields.service(service);
      return this;
    }

    /** Required: 1 (high) to 3 (low). */
    public Builder impact(int impact) {
      fields.impact(impact);
      return this;
    }

    /** Required: 1 (high) to 3 (low). */
    public Builder urgency(int urgency) {
      fields.urgency(urgency);
      return this;
    }

    /** Required. */
    public Builder raisedBy(Actor actor) {
      this.raisedBy = actor;
      return this;
    }

    /** Optional: the incident signature it covers. */
    public Builder signature(String signature) {
      this.signature = signature;
      return this;
    }

    /** Optional: an incident it causes; a {@code null} is reported by {@link #build()}. */
    public Builder incident(IncidentId incident) {
      if (incident == null) {
        nullIncident = true;
      } else {
        incidents.add(incident);
      }
      return this;
    }

    /** The problem, or every problem found in the input. */
    public Either<CoexistError, NewProblem> build() {
      return fields.check(new Problems())
          .require(raisedBy != null, "raised by is required")
          .require(!nullIncident, "an incident must not be null")
          .toEither(() -> new NewProblem(fields.title(), fields.service(), fields.impact(), fields.urgency(), raisedBy,
              TicketFields.optional(signature), incidents));
    }
  }
}
