package io.github.coexist.core.kpi;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.service.ServiceId;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One customer satisfaction answer. A ticket has one answer: a later fact for the same ticket
 * replaces the earlier one. Answers without a service count for the organisation only.
 *
 * @param ticket the ticket (incident or request) the answer is about
 * @param rating 1 (very dissatisfied) to 5 (very satisfied)
 * @param at when it was given
 * @param service the service the ticket was about, when known
 */
public record FeedbackFact(String ticket, int rating, Instant at, Optional<ServiceId> service) {
  public FeedbackFact {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(service, "service");
    if (ticket.isBlank()) {
      throw new IllegalArgumentException("a feedback needs a ticket");
    }
    if (rating < 1 || rating > 5) {
      throw new IllegalArgumentException("rating must be 1 to 5, was " + rating);
    }
  }

  /** An answer from untrusted input, or every problem found in it. */
  public static Either<CoexistError, FeedbackFact> of(String ticket, int rating, Instant at, Optional<String> service) {
    Problems problems = new Problems()
        .require(!Problems.isBlank(ticket), "ticket is required")
        .require(rating >= 1 && rating <= 5, "rating must be 1 to 5, was " + rating)
        .require(at != null, "at is required")
        .require(service.map(s -> !s.isBlank()).orElse(true), "service must not be blank");
    return problems.toEither(() -> new FeedbackFact(ticket.strip(), rating, at, service.map(s -> ServiceId.of(s.strip()))));
  }

  /** Whether the answer is 4 or 5. */
  public boolean satisfied() {
    return rating >= 4;
  }
}
