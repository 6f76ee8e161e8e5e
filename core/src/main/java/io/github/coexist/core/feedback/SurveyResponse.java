package io.github.coexist.core.feedback;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.kernel.Actor;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One answer to a satisfaction survey: a CSAT rating from 1 (very unsatisfied) to 5 (very
 * satisfied) and an optional comment. Built from untrusted input with {@link #parse}.
 *
 * @param ticket what it is about
 * @param rating 1 to 5
 * @param comment what the respondent wrote, if anything
 * @param respondent who answered
 * @param at when
 */
public record SurveyResponse(Ticket ticket, int rating, Optional<String> comment, Actor respondent, Instant at) {
  /** The lowest rating. */
  public static final int MIN_RATING = 1;
  /** The highest rating. */
  public static final int MAX_RATING = 5;
  /** The longest comment accepted. */
  public static final int MAX_COMMENT = 2000;

  public SurveyResponse {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(respondent, "respondent");
    Objects.requireNonNull(at, "at");
    if (rating < MIN_RATING || rating > MAX_RATING) {
      throw new IllegalArgumentException("a CSAT rating is 1 to 5, was " + rating);
    }
  }

  /** A response from untrusted input, or every problem with it. */
  public static Either<CoexistError, SurveyResponse> parse(Ticket ticket, int rating, String comment, Actor respondent,
      Instant at) {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(at, "at");
    return new Problems()
        .require(rating >= MIN_RATING && rating <= MAX_RATING, "rating must be 1 to 5, was " + rating)
        .require(comment == null || comment.strip().length() <= MAX_COMMENT,
            "comment must be at most " + MAX_COMMENT + " characters")
        .require(respondent != null, "respondent is required")
        .toEither(() -> new SurveyResponse(ticket, rating,
            Problems.isBlank(comment) ? Optional.empty() : Optional.of(comment.strip()), respondent, at));
  }

  /** Whether the respondent was satisfied: 4 or 5, as CSAT counts it. */
  public boolean satisfied() {
    return rating >= 4;
  }
}
