package io.github.coexist.core.feedback;

import io.github.coexist.core.kernel.Actor;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A satisfaction survey offered to one person about one ticket, and their response once given.
 *
 * @param ticket what it is about
 * @param respondent who is asked: the incident's reporter or the request's requester
 * @param offeredAt when it was offered
 * @param response the answer, once given
 */
public record Survey(Ticket ticket, Actor respondent, Instant offeredAt, Optional<SurveyResponse> response) {
  public Survey {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(respondent, "respondent");
    Objects.requireNonNull(offeredAt, "offeredAt");
    Objects.requireNonNull(response, "response");
  }

  /** Whether it has been answered. */
  public boolean isAnswered() {
    return response.isPresent();
  }
}
