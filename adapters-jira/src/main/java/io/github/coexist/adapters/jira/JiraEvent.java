package io.github.coexist.adapters.jira;

import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.signal.Signal;
import java.util.Objects;
import java.util.Optional;

/**
 * What one verified Jira webhook delivery means for coexist: the HTTP answer and the log line
 * follow the case, and {@link #signal()} is what goes to core's {@code Coexist.accept} (an
 * approval, a rejection or a cancellation given in Jira).
 */
public sealed interface JiraEvent {

  /** The delivery's {@code X-Atlassian-Webhook-Identifier}, the same on every retry. */
  String deliveryId();

  /** The signal for core, when the delivery gives one; a duplicate or an ignored delivery gives none. */
  default Optional<Signal> signal() {
    return Optional.empty();
  }

  /** A delivery already handled: acknowledge it and do nothing. */
  record Duplicate(String deliveryId) implements JiraEvent {
    public Duplicate {
      Objects.requireNonNull(deliveryId, "deliveryId");
    }
  }

  /** A genuine delivery that is none of coexist's business, and why. */
  record Ignored(String deliveryId, String reason) implements JiraEvent {
    public Ignored {
      Objects.requireNonNull(deliveryId, "deliveryId");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A coexist change moved in Jira.
   *
   * @param deliveryId the delivery id
   * @param issue the change issue
   * @param idempotencyKey the key the change was created under, read from its issue property
   * @param fromStatus the workflow status it left
   * @param toStatus the workflow status it entered
   * @param state the coexist state {@code toStatus} stands for
   * @param verdict approved when it left the approval status forward, rejected when it was
   *     declined; empty for other moves
   * @param actor who moved it (the Jira account), or {@code system:jira} when the payload does not say
   */
  record ChangeMoved(
      String deliveryId,
      ExternalKey issue,
      IdempotencyKey idempotencyKey,
      String fromStatus,
      String toStatus,
      ChangeState state,
      Optional<Decision.Outcome> verdict,
      Actor actor) implements JiraEvent {
    public ChangeMoved {
      Objects.requireNonNull(deliveryId, "deliveryId");
      Objects.requireNonNull(issue, "issue");
      Objects.requireNonNull(idempotencyKey, "idempotencyKey");
      Objects.requireNonNull(fromStatus, "fromStatus");
      Objects.requireNonNull(toStatus, "toStatus");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(actor, "actor");
    }

    /**
     * Approved or rejected in Jira when the move carries that verdict, cancelled when it entered
     * the canceled state; none for other moves (the gate reads those back on its tick).
     */
    @Override
    public Optional<Signal> signal() {
      String reason = "moved from '" + fromStatus + "' to '" + toStatus + "'";
      if (verdict.isPresent()) {
        return Optional.of(verdict.get() == Decision.Outcome.APPROVED
            ? new Signal.ApprovalGiven(issue, actor, reason)
            : new Signal.RejectionGiven(issue, actor, reason));
      }
      return state == ChangeState.CANCELED ? Optional.of(new Signal.ChangeCancelled(issue, actor, reason))
          : Optional.empty();
    }
  }
}
