package io.github.coexist.core.incident;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.internal.input.TicketFields;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.service.ServiceId;
import io.vavr.control.Either;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.NullUnmarked;

/**
 * A person's report of an incident: the input of {@link IncidentDesk#open(NewIncident)}. Built
 * from untrusted input with {@link #builder()}, which lists every problem at once.
 *
 * @param title one line saying what is wrong
 * @param description more words, if any
 * @param service the service that is hurt
 * @param impact how widely it hurts
 * @param urgency how fast it must be handled
 * @param reporter who reports it
 * @param signature what names this failure across incidents; the normalised title when not given
 * @param major whether it is declared a major incident straight away
 * @param causedBy a change the reporter already knows caused it
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public record NewIncident(
    String title,
    Optional<String> description,
    ServiceId service,
    Impact impact,
    Urgency urgency,
    Actor reporter,
    String signature,
    boolean major,
    Optional<ChangeId> causedBy) {

  /** The longest title accepted. */
  public static final int MAX_TITLE = 160;

  public NewIncident {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(impact, "impact");
    Objects.requireNonNull(urgency, "urgency");
    Objects.requireNonNull(reporter, "reporter");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(causedBy, "causedBy");
  }

  /** A builder for a report from untrusted input. */
  public static Builder builder() {
    return new Builder();
  }

  /** Lower case, digits and punctuation dropped, spaces collapsed: "Checkout 500s on /pay!" to "checkout s on pay". */
  static String normalise(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L} ]", " ").replaceAll("\\s+", " ").strip();
  }

  /** Collects a report's raw fields; {@link #build()} validates them together. */
  public static final class Builder {
    private final TicketFields<Impact, Urgency> fields = TicketFields.of(Impact::ofLevel, Urgency::ofLevel, MAX_TITLE);
    private String description;
    private Actor reporter;
    private String signature;
    private boolean major;
    private String causedBy;

    private Builder() {}

    /** Required, at most {@value NewIncident#MAX_TITLE} characters. */
    public Builder title(String title) {
      fields.title(title);
      return this;
    }

    /** Optional. */
    public Builder description(String description) {
      this.description = description;
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

    /** Required: who reports it. */
    public Builder reporter(Actor reporter) {
      this.reporter = reporter;
      return this;
    }

    /** Optional: what names this failure; the normalised title when not given. */
    public Builder signature(String signature) {
      this.signature = signature;
      return this;
    }

    /** Optional: declare a major incident straight away. */
    public Builder major(boolean major) {
      this.major = major;
      return this;
    }

    /** Optional: the id of a change known to have caused it. */
    public Builder causedBy(String changeId) {
      this.causedBy = changeId;
      return this;
    }

    /** The report, or every problem found in it. */
    public Either<CoexistError, NewIncident> build() {
      String title = fields.rawTitle();
      Problems problems = fields.check(new Problems()).require(reporter != null, "reporter is required");
      if (!Problems.isBlank(title) && Problems.isBlank(signature) && normalise(title).isEmpty()) {
        problems.add("title has no words to derive a signature from; give a signature");
      }
      return problems.toEither(() -> new NewIncident(
          fields.title(),
          TicketFields.optional(description),
          fields.service(),
          fields.impact(),
          fields.urgency(),
          reporter,
          TicketFields.optional(signature).orElseGet(() -> normalise(title)),
          major,
          TicketFields.optional(causedBy).map(ChangeId::of)));
    }
  }
}
