package io.github.coexist.core.signal;

import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.gate.PipelineDeadline;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing that happened outside coexist and that coexist must act on: the inbound port every
 * adapter maps its tool's deliveries onto, and {@code Coexist.accept} routes. Immutable; no
 * component is null (absent values are empty {@link Optional}s).
 */
public sealed interface Signal {

  /**
   * A deployment asks to pass the change gate.
   *
   * @param request the gate's input
   * @param deadline when the pipeline stops waiting and what it answers then, when it says: a
   *     change still pending then is resolved with that answer on {@code Coexist.tick()}
   */
  record GateRequested(DeploymentRequest request, Optional<PipelineDeadline> deadline) implements Signal {
    public GateRequested {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(deadline, "deadline");
    }

    /** A request from a pipeline that waits as long as it takes. */
    public static GateRequested of(DeploymentRequest request) {
      return new GateRequested(request, Optional.empty());
    }
  }

  /**
   * A deployment started, finished or failed (its {@link Deployment#status()} says which): it is
   * recorded once in the deployment log, moves its change, and counts in the KPIs.
   *
   * @param deployment the deployment as the delivery tool reports it
   * @param gateKey the idempotency key of the gate request for the same run, when known: finds
   *     the change when the deployment does not name it
   */
  record DeploymentReported(Deployment deployment, Optional<IdempotencyKey> gateKey) implements Signal {
    public DeploymentReported {
      Objects.requireNonNull(deployment, "deployment");
      Objects.requireNonNull(gateKey, "gateKey");
    }

    /** A deployment that names its change, or has none. */
    public static DeploymentReported of(Deployment deployment) {
      return new DeploymentReported(deployment, Optional.empty());
    }
  }

  /**
   * A pull request was merged: a later deployment of {@code mergeSha} or {@code headSha} reported
   * without commits carries {@code commits} (for lead time).
   *
   * @param repository the repository, {@code owner/name}
   * @param number the pull request number
   * @param author who opened it
   * @param headSha the last commit of its branch
   * @param mergeSha the commit the merge made, when the tool names it
   * @param mergedAt when it was merged
   * @param commits its commits, oldest first (may be empty when the tool did not list them)
   * @param approvers who approved it in review
   */
  record PullRequestMerged(String repository, long number, Actor author, String headSha,
      Optional<String> mergeSha, Instant mergedAt, List<Commit> commits, List<Actor> approvers)
      implements Signal {
    public PullRequestMerged {
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(author, "author");
      Objects.requireNonNull(headSha, "headSha");
      Objects.requireNonNull(mergeSha, "mergeSha");
      Objects.requireNonNull(mergedAt, "mergedAt");
      commits = List.copyOf(commits);
      approvers = List.copyOf(approvers);
    }
  }

  /**
   * The change the ITSM tool holds under {@code change} was approved there.
   *
   * @param change the tool's key of the change record
   * @param by who approved it in the tool
   * @param reason the tool's comment (may be blank)
   */
  record ApprovalGiven(ExternalKey change, Actor by, String reason) implements Signal {
    public ApprovalGiven {
      Objects.requireNonNull(change, "change");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The change the ITSM tool holds under {@code change} was rejected there.
   *
   * @param change the tool's key of the change record
   * @param by who rejected it in the tool
   * @param reason the tool's comment (may be blank)
   */
  record RejectionGiven(ExternalKey change, Actor by, String reason) implements Signal {
    public RejectionGiven {
      Objects.requireNonNull(change, "change");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The change the ITSM tool holds under {@code change} was cancelled there.
   *
   * @param change the tool's key of the change record
   * @param by who cancelled it in the tool
   * @param reason the tool's comment (may be blank)
   */
  record ChangeCancelled(ExternalKey change, Actor by, String reason) implements Signal {
    public ChangeCancelled {
      Objects.requireNonNull(change, "change");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A monitoring system (or a person, or an incident issue) raised, repeated or resolved an alert:
   * it opens or folds into an incident.
   *
   * @param alert the alert
   */
  record AlertRaised(Alert alert) implements Signal {
    public AlertRaised {
      Objects.requireNonNull(alert, "alert");
    }
  }
}
