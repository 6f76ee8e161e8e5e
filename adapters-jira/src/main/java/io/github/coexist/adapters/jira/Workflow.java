package io.github.coexist.adapters.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.RemoteRequest;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Moves a change issue through its workflow to the status that stands for a change's state.
 * Transitions are resolved per issue by name from {@code GET /rest/api/3/issue/{id}/transitions}
 * (sites rename and reorder them): a configured transition name first, then a transition leading
 * straight to the wanted status, then one leading to the furthest state on the way. An approval
 * step is passed by answering the approval when coexist's decision is final and this account is
 * an approver; a standard change may instead have a transition that skips approval.
 */
final class Workflow {
  private static final int MAX_STEPS = 12;
  private final JiraHttp http;
  private final JiraSettings.StatusMap statuses;
  private final Approvals approvals;

  Workflow(JiraHttp http, JiraSettings settings, Approvals approvals) {
    this.http = http;
    this.statuses = settings.statuses;
    this.approvals = approvals;
  }

  /** One transition as Jira offers it. */
  private record Transition(String id, String name, String to) {}

  /** Moves {@code issue}, now in {@code status}, to where {@code change} is; the status reached. */
  Either<CoexistError, String> move(ExternalKey issue, String status, Change change) {
    ChangeState target = change.state();
    String targetKey = targetKey(change);
    String targetStatus = targetStatus(change, targetKey);
    String current = status;
    for (int step = 0; step < MAX_STEPS; step++) {
      Either<CoexistError, ChangeState> now = stateOf(issue, current);
      if (now.isLeft()) {
        return Either.left(now.getLeft());
      }
      if (current.equalsIgnoreCase(targetStatus) || now.get() == target) {
        return Either.right(current);
      }
      if (now.get().isTerminal()) {
        return Either.left(new CoexistError.IllegalTransition("change " + issue.display(), current, targetStatus,
            "the Jira issue is already " + now.get().name().toLowerCase(Locale.ROOT) + " and cannot move again"));
      }
      if (now.get() == ChangeState.AUTHORIZE && decidesApproval(change)) {
        Either<CoexistError, Boolean> answered =
            approvals.answer(issue, change.decision().outcome() == Decision.Outcome.APPROVED);
        if (answered.isLeft()) {
          return Either.left(answered.getLeft());
        }
        if (answered.get()) {
          Either<CoexistError, String> moved = status(issue);
          if (moved.isLeft()) {
            return moved;
          }
          current = moved.get();
          continue;
        }
      }
      Either<CoexistError, List<Transition>> offered = transitions(issue);
      if (offered.isLeft()) {
        return Either.left(offered.getLeft());
      }
      Optional<Transition> next = pick(offered.get(), now.get(), target, targetKey, targetStatus);
      if (next.isEmpty()) {
        return Either.left(new CoexistError.IllegalTransition("change " + issue.display(), current, targetStatus,
            "Jira offers no transition towards it from '" + current + "'"
                + (now.get() == ChangeState.AUTHORIZE ? " (it waits for its approvers)" : "")
                + "; available: " + describe(offered.get())));
      }
      Either<CoexistError, JsonNode> done = http.call(RemoteRequest.post(
          "/rest/api/3/issue/" + JiraHttp.segment(issue.id()) + "/transitions",
          Json.write(Map.of("transition", Map.of("id", next.get().id())))).build());
      if (done.isLeft()) {
        return Either.left(done.getLeft());
      }
      current = next.get().to();
    }
    return Either.left(new CoexistError.IllegalTransition("change " + issue.display(), current, targetStatus,
        "no path was found within " + MAX_STEPS + " transitions"));
  }

  /** The state a status stands for; an unmapped status is named with the setting to map it. */
  Either<CoexistError, ChangeState> stateOf(ExternalKey issue, String status) {
    return statuses.state(status).<Either<CoexistError, ChangeState>>map(Either::right)
        .orElseGet(() -> Either.left(CoexistError.invalid("change " + issue.display() + " is in Jira status '"
            + status + "', which stands for no coexist state; map it with coexist.jira.status.<state>")));
  }

  /** The settings key of where {@code change} should be: its state, or failed or declined. */
  static String targetKey(Change change) {
    if (change.state() == ChangeState.CLOSED && change.closeCode().filter(c -> c == CloseCode.UNSUCCESSFUL).isPresent()) {
      return "failed";
    }
    if (change.state() == ChangeState.CANCELED && change.decision().outcome() == Decision.Outcome.REJECTED) {
      return "declined";
    }
    return change.state().name().toLowerCase(Locale.ROOT);
  }

  private String targetStatus(Change change, String key) {
    return switch (key) {
      case "failed" -> statuses.failed;
      case "declined" -> statuses.declined;
      default -> statuses.status(change.state());
    };
  }

  private static boolean decidesApproval(Change change) {
    Decision.Outcome outcome = change.decision().outcome();
    ChangeState target = change.state();
    return outcome == Decision.Outcome.APPROVED && target.compareTo(ChangeState.AUTHORIZE) > 0
        && target != ChangeState.CANCELED
        || outcome == Decision.Outcome.REJECTED && target == ChangeState.CANCELED;
  }

  private Optional<Transition> pick(List<Transition> offered, ChangeState now, ChangeState target,
      String targetKey, String targetStatus) {
    Optional<Transition> chosen = named(offered, statuses.transition(targetKey))
        .or(() -> leadingTo(offered, targetStatus));
    if (chosen.isPresent() || target == ChangeState.CANCELED || target.compareTo(now) <= 0) {
      return chosen;
    }
    // Not straight there: the transition to the furthest state on the way, such as Planning on
    // the way from Open to Awaiting implementation.
    for (int s = target.ordinal() - 1; s > now.ordinal(); s--) {
      ChangeState step = ChangeState.values()[s];
      Optional<Transition> towards = named(offered, statuses.transition(step.name().toLowerCase(Locale.ROOT)))
          .or(() -> leadingTo(offered, statuses.status(step)));
      if (towards.isPresent()) {
        return towards;
      }
    }
    return Optional.empty();
  }

  private static Optional<Transition> named(List<Transition> offered, Optional<String> name) {
    return name.flatMap(n -> offered.stream().filter(t -> t.name().equalsIgnoreCase(n)).findFirst());
  }

  private static Optional<Transition> leadingTo(List<Transition> offered, String status) {
    return offered.stream().filter(t -> t.to().equalsIgnoreCase(status)).findFirst();
  }

  private Either<CoexistError, List<Transition>> transitions(ExternalKey issue) {
    return http.call(RemoteRequest.get("/rest/api/3/issue/" + JiraHttp.segment(issue.id()) + "/transitions").build())
        .flatMap(body -> {
          if (!body.path("transitions").isArray()) {
            return Either.left(new CoexistError.Unavailable("jira answered the transitions of " + issue.display()
                + " without a list of transitions"));
          }
          List<Transition> out = new ArrayList<>();
          for (JsonNode t : body.path("transitions")) {
            if (t.path("id").isTextual() && t.path("to").path("name").isTextual()
                && t.path("isAvailable").asBoolean(true)) {
              out.add(new Transition(t.path("id").asText(), t.path("name").asText(""), t.path("to").path("name").asText()));
            }
          }
          return Either.right(out);
        });
  }

  /** The issue's status name as Jira holds it now. */
  Either<CoexistError, String> status(ExternalKey issue) {
    return http.call(RemoteRequest.get("/rest/api/3/issue/" + JiraHttp.segment(issue.id()))
            .query("fields", "status").build())
        .flatMap(body -> body.path("fields").path("status").path("name").isTextual()
            ? Either.right(body.path("fields").path("status").path("name").asText())
            : Either.left(new CoexistError.Unavailable("jira answered issue " + issue.display() + " without a status")));
  }

  private static String describe(List<Transition> offered) {
    return offered.isEmpty() ? "none"
        : offered.stream().map(t -> "'" + t.name() + "' (to " + t.to() + ")").toList().toString();
  }
}
