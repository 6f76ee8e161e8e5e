package io.github.coexist.app.demo;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.feedback.FeedbackRecords;
import io.github.coexist.core.feedback.InMemoryFeedbackRecords;
import io.github.coexist.core.feedback.RecordedFeedback;
import io.github.coexist.core.feedback.SurveyResponse;
import io.github.coexist.core.feedback.Ticket;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;
import java.util.Objects;
import java.util.Optional;

/**
 * CSAT in Jira where Jira can keep it, on the requests the adapter raised (coexist's incidents),
 * and in memory for the rest (catalog requests, which live in coexist, not in Jira).
 */
final class JiraOrMemoryFeedback implements FeedbackRecords {
  private final FeedbackRecords jira;
  private final FeedbackRecords memory = new InMemoryFeedbackRecords();

  JiraOrMemoryFeedback(FeedbackRecords jira) {
    this.jira = Objects.requireNonNull(jira, "jira");
  }

  @Override
  public String system() {
    return jira.system();
  }

  @Override
  public Either<CoexistError, Done> record(SurveyResponse response) {
    return inJira(response.ticket()) ? jira.record(response) : memory.record(response);
  }

  @Override
  public Either<CoexistError, Optional<RecordedFeedback>> find(Ticket ticket) {
    return inJira(ticket) ? jira.find(ticket) : memory.find(ticket);
  }

  private boolean inJira(Ticket ticket) {
    return ticket.externalKey().filter(key -> key.system().equals(jira.system())).isPresent();
  }
}
