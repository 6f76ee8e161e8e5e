package io.github.coexist.core;

import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.GateReplies;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.DeploymentLog;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.gate.ChangeGate;
import io.github.coexist.core.gate.GateDecision;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.incident.IncidentDesk;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.signal.SignalOutcome;
import io.github.coexist.core.store.StoredRecord;
import io.vavr.control.Either;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each {@link Signal} to the service that acts on it: gate requests to the gate, the ITSM
 * tool's approvals, rejections and cancellations to the gate by the change's key there,
 * deployments to the deployment log, their change and the KPIs (once), merged pull requests to
 * the commits later deployments carry, alerts to the incident desk. Thread-safe.
 */
final class SignalRouter {
  private static final Logger LOG = LoggerFactory.getLogger(SignalRouter.class);

  private final ChangeGate gate;
  private final GateReplies replies;
  private final DeploymentLog deployments;
  private final IncidentDesk incidents;
  private final FactFeed facts;
  private final MergedCommits merged = new MergedCommits(10_000);
  private final Optional<Keeping> keeping;

  /**
   * A router to these services; with {@code keeping}, what it holds itself (the commits of merged
   * pull requests) and every deployment as reported, finished or not, are kept in the store.
   */
  SignalRouter(ChangeGate gate, GateReplies replies, DeploymentLog deployments, IncidentDesk incidents,
      FactFeed facts, Optional<Keeping> keeping) {
    this.keeping = keeping;
    this.gate = gate;
    this.replies = replies;
    this.deployments = deployments;
    this.incidents = incidents;
    this.facts = facts;
  }

  /** Puts back the merged pull requests a store kept, in the order they were merged. */
  void restore(List<Signal.PullRequestMerged> kept) {
    merged.restore(kept);
  }

  Either<CoexistError, SignalOutcome> route(Signal signal) {
    Objects.requireNonNull(signal, "signal");
    if (signal instanceof Signal.GateRequested requested) {
      return gateRequested(requested);
    }
    if (signal instanceof Signal.DeploymentReported reported) {
      return deployment(merged.withCommits(reported.deployment()), reported).map(d ->
          SignalOutcome.deployed(d.id(), d.changeId()));
    }
    if (signal instanceof Signal.PullRequestMerged pr) {
      List<Signal.PullRequestMerged> dropped = merged.merged(pr);
      keeping.ifPresent(kept -> {
        if (!pr.commits().isEmpty()) {
          kept.put(new StoredRecord.OfMergedPullRequest(pr));
        }
        dropped.forEach(gone -> kept.delete(new StoredRecord.OfMergedPullRequest(gone).ref()));
      });
      return Either.right(SignalOutcome.NOTHING);
    }
    if (signal instanceof Signal.ApprovalGiven approval) {
      return decided(gate.decidedInTool(approval.change(), Decision.Outcome.APPROVED, approval.by(), approval.reason()));
    }
    if (signal instanceof Signal.RejectionGiven rejection) {
      return decided(gate.decidedInTool(rejection.change(), Decision.Outcome.REJECTED, rejection.by(),
          rejection.reason()));
    }
    if (signal instanceof Signal.ChangeCancelled cancelled) {
      return decided(gate.cancelledInTool(cancelled.change(), cancelled.by(), cancelled.reason()));
    }
    Signal.AlertRaised alert = (Signal.AlertRaised) signal;
    return incidents.raise(alert.alert()).map(SignalOutcome::alert);
  }

  private Either<CoexistError, SignalOutcome> gateRequested(Signal.GateRequested requested) {
    Either<CoexistError, GateDecision> decision = requested.deadline()
        .map(deadline -> gate.decide(requested.request(), deadline))
        .orElseGet(() -> gate.decide(requested.request()));
    if (decision.isLeft() && !decision.getLeft().isTransient()) {
      replies.refuse(requested.request(), decision.getLeft().message()).peekLeft(error -> LOG.warn(
          "could not tell the pipeline of {} that its request was refused: {}", requested.request().idempotencyKey(),
          error.message()));
    }
    return decided(decision);
  }

  private static Either<CoexistError, SignalOutcome> decided(Either<CoexistError, GateDecision> decision) {
    return decision.map(d -> SignalOutcome.decided(d.change().id(), d.outcome()));
  }

  /**
   * Records the deployment once, under its change (found by the deployment's change id or else by
   * the gate key), feeds the KPIs, and moves the change by what the log holds: the log keeps a
   * finished deployment over a late in-progress status. A deployment without a change is recorded
   * all the same.
   */
  private Either<CoexistError, Deployment> deployment(Deployment reported, Signal.DeploymentReported signal) {
    Optional<TrackedChange> change = reported.changeId().flatMap(gate::change)
        .or(() -> signal.gateKey().flatMap(gate::byKey));
    Deployment underChange = change.isPresent() && reported.changeId().isEmpty()
        ? reported.underChange(change.get().change().id(), change.get().change().request().hotfixFor())
        : reported;
    Either<CoexistError, Deployment> recorded = deployments.record(underChange);
    if (recorded.isLeft()) {
      return recorded;
    }
    Deployment held = recorded.get();
    // Kept finished or not: a deployment in progress is a suspect and names its change's deployment.
    keeping.ifPresent(kept -> kept.put(new StoredRecord.OfDeployment(held)));
    facts.deployment(held);
    if (change.isEmpty()) {
      return backOut(held).map(done -> held);
    }
    var id = change.get().change().id();
    return (held.finishedAt().isPresent()
        ? gate.deploymentFinished(id, held.succeeded(), held.finishedAt().get())
        : gate.deploymentStarted(id, held.startedAt())).flatMap(c -> backOut(held)).map(done -> held);
  }

  /**
   * A successful rollback backs out the change of the deployment it undoes (its close code, its
   * failure history), as the KPIs count that deployment failed: one outcome, three views.
   */
  private Either<CoexistError, Boolean> backOut(Deployment held) {
    if (!held.succeeded() || held.rollbackOf().isEmpty()) {
      return Either.right(false);
    }
    Optional<io.github.coexist.core.kernel.ChangeId> undone = deployments.find(held.rollbackOf().get())
        .flatMap(Deployment::changeId);
    if (undone.isEmpty()) {
      return Either.right(false);
    }
    String rollback = "deployment " + held.id() + held.changeId().map(c -> " of change " + c).orElse("");
    return gate.backedOut(undone.get(), rollback, held.finishedAt().get()).map(c -> true);
  }
}
