package io.github.coexist.adapters.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.RemoteRequest;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.feedback.FeedbackRecords;
import io.github.coexist.core.feedback.RecordedFeedback;
import io.github.coexist.core.feedback.SurveyResponse;
import io.github.coexist.core.feedback.Ticket;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.ExternalKey;
import io.vavr.control.Either;
import java.util.Optional;

/**
 * {@link FeedbackRecords} on the CSAT feedback of Jira Service Management requests ({@code
 * /rest/servicedeskapi/request/{issue}/feedback}, an experimental API that needs {@code
 * X-ExperimentalApi: opt-in}). A request holds one rating: the same response again is a success,
 * a different one a conflict. Only the request's reporter may give feedback through the API, so
 * this suits requests the adapter's account raised (coexist's incidents). Thread-safe.
 */
final class JiraFeedbackRecords implements FeedbackRecords {
  private final JiraHttp http;

  JiraFeedbackRecords(JiraHttp http) {
    this.http = http;
  }

  @Override
  public String system() {
    return "jira";
  }

  @Override
  public Either<CoexistError, Done> record(SurveyResponse response) {
    Optional<ExternalKey> key = jiraKey(response.ticket());
    if (key.isEmpty()) {
      return Either.left(CoexistError.invalid("ticket " + response.ticket().key()
          + " is held in no Jira request, so Jira cannot keep its feedback"));
    }
    return held(response.ticket(), key.get()).flatMap(found -> {
      if (found.isPresent()) {
        return found.get().matches(response) ? Either.right(Done.DONE)
            : Either.left(new CoexistError.Conflict("request " + key.get().display() + " already holds feedback rated "
                + found.get().rating() + "; a request keeps one"));
      }
      ObjectNode body = Json.MAPPER.createObjectNode().put("type", "csat").put("rating", response.rating());
      response.comment().ifPresent(c -> body.putObject("comment").put("body", c));
      return http.call(experimental(RemoteRequest.post(path(key.get()), Json.write(body)))).map(done -> Done.DONE);
    });
  }

  @Override
  public Either<CoexistError, Optional<RecordedFeedback>> find(Ticket ticket) {
    Optional<ExternalKey> key = jiraKey(ticket);
    return key.isEmpty() ? Either.right(Optional.empty()) : held(ticket, key.get());
  }

  /** The feedback the request holds; a 404 means none (or no such request, which Jira does not tell apart). */
  private Either<CoexistError, Optional<RecordedFeedback>> held(Ticket ticket, ExternalKey key) {
    Either<CoexistError, JsonNode> body = http.call(experimental(RemoteRequest.get(path(key))));
    if (body.isLeft()) {
      return body.getLeft() instanceof CoexistError.NotFound ? Either.right(Optional.empty()) : Either.left(body.getLeft());
    }
    JsonNode rating = body.get().path("rating");
    if (!rating.isInt() || rating.asInt() < SurveyResponse.MIN_RATING || rating.asInt() > SurveyResponse.MAX_RATING) {
      return Either.left(new CoexistError.Unavailable("jira answered the feedback of " + key.display()
          + " without a rating from 1 to 5"));
    }
    JsonNode comment = body.get().path("comment").path("body");
    return Either.right(Optional.of(new RecordedFeedback(ticket, rating.asInt(),
        comment.isTextual() && !comment.asText().isBlank() ? Optional.of(comment.asText()) : Optional.empty())));
  }

  private Optional<ExternalKey> jiraKey(Ticket ticket) {
    return ticket.externalKey().filter(k -> k.system().equals(system()));
  }

  private static RemoteRequest experimental(RemoteRequest.Builder request) {
    return request.header("X-ExperimentalApi", "opt-in").build();
  }

  private static String path(ExternalKey key) {
    return "/rest/servicedeskapi/request/" + JiraHttp.segment(key.id()) + "/feedback";
  }
}
