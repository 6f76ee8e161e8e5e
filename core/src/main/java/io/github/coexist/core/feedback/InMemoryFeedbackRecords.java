package io.github.coexist.core.feedback;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The embedded default {@link FeedbackRecords}: feedback held in memory by ticket. Thread-safe. */
public final class InMemoryFeedbackRecords implements FeedbackRecords {
  private final Map<String, RecordedFeedback> feedback = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryFeedbackRecords() {}

  @Override
  public String system() {
    return "memory";
  }

  @Override
  public Either<CoexistError, Done> record(SurveyResponse response) {
    RecordedFeedback held = feedback.computeIfAbsent(response.ticket().key(), k -> RecordedFeedback.of(response));
    return held.matches(response) ? Either.right(Done.DONE) : Either.left(new CoexistError.Conflict(
        response.ticket().key() + " already holds feedback rated " + held.rating()));
  }

  @Override
  public Either<CoexistError, Optional<RecordedFeedback>> find(Ticket ticket) {
    return Either.right(Optional.ofNullable(feedback.get(ticket.key())));
  }
}
