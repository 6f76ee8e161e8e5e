package io.github.coexist.adapters.jira;

import io.github.coexist.adapters.jira.Transitions.Transition;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.vavr.control.Either;
import java.util.List;
import java.util.Locale;
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
  private final Transitions jira;
  private final JiraSettings.StatusMap statuses;
  private final Approvals approvals;

  Workflow(Transitions jira, JiraSettings settings, Approvals approvals) {
    this.jira = jira;
    this.statuses = settings.statuses;
    this.approvals = approvals;
  }

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
          Either<CoexistError, String> moved = jira.status(issue);
          if (moved.isLeft()) {
            return moved;
          }
          current = moved.get();
          continue;
        }
      }
      Either<CoexistError, List<Transition>> offered = jira.offered(issue);
      if (offered.isLeft()) {
        return Either.left(offered.getLeft());
      }
      Optional<Transition> next = pick(offered.get(), now.get(), target, targetKey, targetStatus);
      if (next.isEmpty()) {
        return Either.left(new CoexistError.IllegalTransition("change " + issue.display(), current, targetStatus,
            "Jira offers no transition towards it from '" + current + "'"
                + (now.get() == ChangeState.AUTHORIZE ? " (it waits for its approvers)" : "")
                + "; available: " + Transitions.describe(offered.get())));
      }
      Either<CoexistError, String> done = jira.take(issue, next.get());
      if (done.isLeft()) {
        return done;
      }
      current = done.get();
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
    Optional<Transition> chosen = Transitions.named(offered, statuses.transition(targetKey))
        .or(() -> Transitions.leadingTo(offered, targetStatus));
    if (chosen.isPresent() || target == ChangeState.CANCELED || target.compareTo(now) <= 0) {
      return chosen;
    }
    // Not straight there: the transition to the furthest state on the way, such as Planning on
    // the way from Open to Awaiting implementation.
    for (int s = target.ordinal() - 1; s > now.ordinal(); s--) {
      ChangeState step = ChangeState.values()[s];
      Optional<Transition> towards = Transitions.named(offered, statuses.transition(step.name().toLowerCase(Locale.ROOT)))
          .or(() -> Transitions.leadingTo(offered, statuses.status(step)));
      if (towards.isPresent()) {
        return towards;
      }
    }
    return Optional.empty();
  }

}
