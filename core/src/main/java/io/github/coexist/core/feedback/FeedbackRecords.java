package io.github.coexist.core.feedback;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;
import java.util.Optional;

/**
 * Port: where survey responses are kept (Jira Service Management's request feedback, or memory).
 * A ticket holds at most one response. Recording the response a ticket already holds succeeds, so
 * a retry is safe; recording a different one is a {@link CoexistError.Conflict}. Implementations
 * are thread-safe and pass {@code FeedbackRecordsCompatibilityKit} from coexist-testkit.
 */
public interface FeedbackRecords {

  /** The short name of the system of record ({@code memory}, {@code jira}). */
  String system();

  /** Keeps {@code response} on its ticket. */
  Either<CoexistError, Done> record(SurveyResponse response);

  /** The feedback held on {@code ticket}, if any. */
  Either<CoexistError, Optional<RecordedFeedback>> find(Ticket ticket);
}
