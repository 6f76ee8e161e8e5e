package io.github.coexist.adapters.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.RemoteRequest;
import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.vavr.control.Either;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A change request's approvals through {@code /rest/servicedeskapi/request/{issue}/approval}.
 * Only an approver can answer an approval, and JSM says so per approval ({@code
 * canAnswerApproval}); an approval decided meanwhile answers 409, after which the approval is read
 * again and an agreeing decision counts as done. An issue that is no customer request (created as
 * a plain issue) has no approvals there: the service desk API answers 404, which {@link #status}
 * reports as empty so that the caller reads the decision from the workflow status instead.
 */
final class Approvals {
  private final JiraHttp http;

  Approvals(JiraHttp http) {
    this.http = http;
  }

  /**
   * The approval state of the request: requested while one is pending, else the latest decision;
   * empty when the issue is no customer request.
   */
  Either<CoexistError, Optional<ApprovalStatus>> status(ExternalKey issue) {
    return list(issue).map(found -> found.map(Approvals::decision));
  }

  private static ApprovalStatus decision(List<JsonNode> approvals) {
    ApprovalStatus status = ApprovalStatus.NOT_REQUESTED;
    for (JsonNode approval : approvals) {
      String decision = approval.path("finalDecision").asText("");
      if (decision.equals("pending")) {
        return ApprovalStatus.REQUESTED;
      }
      if (decision.equals("approved")) {
        status = ApprovalStatus.APPROVED;
      } else if (decision.equals("declined")) {
        status = ApprovalStatus.REJECTED;
      }
    }
    return status;
  }

  /**
   * Answers every pending approval this account may answer with {@code approve} or decline;
   * true when at least one was answered (the workflow may then have moved the issue).
   */
  Either<CoexistError, Boolean> answer(ExternalKey issue, boolean approve) {
    Either<CoexistError, Optional<List<JsonNode>>> approvals = list(issue);
    if (approvals.isLeft()) {
      return Either.left(approvals.getLeft());
    }
    boolean answered = false;
    for (JsonNode approval : approvals.get().orElse(List.of())) {
      if (!approval.path("finalDecision").asText("").equals("pending")
          || !approval.path("canAnswerApproval").asBoolean(false) || !approval.path("id").asText("").matches("\\d{1,18}")) {
        continue;
      }
      String path = base(issue) + "/" + approval.path("id").asText();
      // Repeating an answer is harmless (it is a 409 handled below), so lost answers are retried.
      Either<CoexistError, JsonNode> result = http.call(RemoteRequest.post(path,
          Json.write(Map.of("decision", approve ? "approve" : "decline"))).idempotent(true).build());
      if (result.isLeft() && result.getLeft() instanceof CoexistError.Conflict) {
        result = alreadyDecided(issue, path, approve);
      }
      if (result.isLeft()) {
        return Either.left(result.getLeft());
      }
      answered = true;
    }
    return Either.right(answered);
  }

  private Either<CoexistError, JsonNode> alreadyDecided(ExternalKey issue, String path, boolean approve) {
    return http.call(RemoteRequest.get(path).build()).flatMap(approval -> {
      String decision = approval.path("finalDecision").asText("");
      boolean agrees = decision.equals(approve ? "approved" : "declined") || decision.equals("pending");
      return agrees ? Either.right(approval) : Either.left(new CoexistError.Conflict("approval '"
          + approval.path("name").asText("?") + "' of " + issue.display() + " was already " + decision
          + " in Jira; coexist wanted it " + (approve ? "approved" : "declined")));
    });
  }

  private Either<CoexistError, Optional<List<JsonNode>>> list(ExternalKey issue) {
    // The issue was just read, so a 404 here means it is no customer request: no approvals.
    Either<CoexistError, List<JsonNode>> all = http.serviceDeskPages(base(issue));
    return all.isLeft() && all.getLeft() instanceof CoexistError.NotFound
        ? Either.right(Optional.empty()) : all.map(Optional::of);
  }

  private static String base(ExternalKey issue) {
    return "/rest/servicedeskapi/request/" + JiraHttp.segment(issue.id()) + "/approval";
  }
}
