package io.github.coexist.core.feedback;

import java.util.Objects;
import java.util.Optional;

/**
 * Feedback as the system of record holds it, read back through {@link FeedbackRecords}: tools keep
 * the rating and comment, not always who gave it or when.
 *
 * @param ticket what it is about
 * @param rating 1 to 5
 * @param comment the comment, if any
 */
public record RecordedFeedback(Ticket ticket, int rating, Optional<String> comment) {
  public RecordedFeedback {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(comment, "comment");
  }

  /** What {@code response} looks like once recorded. */
  public static RecordedFeedback of(SurveyResponse response) {
    return new RecordedFeedback(response.ticket(), response.rating(), response.comment());
  }

  /** Whether this is the feedback {@code response} gives (same rating and comment). */
  public boolean matches(SurveyResponse response) {
    return rating == response.rating() && comment.equals(response.comment());
  }
}
