package io.github.coexist.app.app;

import io.github.coexist.adapters.github.GitHubDeployments;
import io.github.coexist.adapters.github.GitHubGateReplies;
import io.github.coexist.adapters.github.Observation;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.AlertOutcome;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.vavr.control.Either;
import java.util.Objects;
import java.util.Optional;

/**
 * Hands each {@link Observation} of an accepted GitHub delivery to core: gate requests to the
 * change gate (the GitHub gate replies answer the run), deployments to the deployment log and
 * their change, incident issues to the incident desk. Evidence, pushes and merged pull requests
 * are kept by the adapter itself for the gate requests and deployments that follow; release
 * markers are acknowledged. Thread-safe.
 */
public final class GitHubFlow {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GitHubFlow.class);

  private final CoexistApp app;
  private final Optional<GitHubDeployments> rest;
  private final Optional<GitHubGateReplies> refusals;

  /**
   * A flow into {@code app}. With {@code rest}, a deployment that arrives without its commits gets
   * them from the compare API (for lead time).
   */
  public GitHubFlow(CoexistApp app, Optional<GitHubDeployments> rest) {
    this(app, rest, Optional.empty());
  }

  /**
   * A flow that also answers GitHub at once, through {@code refusals}, when core refuses a gate
   * request outright (an unknown environment, a missing service): the run is rejected with the
   * reason instead of waiting for the gate time-out.
   */
  public GitHubFlow(CoexistApp app, Optional<GitHubDeployments> rest, Optional<GitHubGateReplies> refusals) {
    this.app = Objects.requireNonNull(app, "app");
    this.rest = Objects.requireNonNull(rest, "rest");
    this.refusals = Objects.requireNonNull(refusals, "refusals");
  }

  /** What one observation produced in core. */
  public record Produced(Optional<ChangeId> change, Optional<Decision.Outcome> decision,
      Optional<DeploymentId> deployment, Optional<IncidentId> incident) {
    static final Produced NOTHING = new Produced(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /** Dispatches one observation; a core refusal comes back as the error. */
  public Either<CoexistError, Produced> dispatch(Observation observation) {
    if (observation instanceof Observation.GateRequested gate) {
      return app.decide(gate.request())
          .peekLeft(refused -> refuse(gate, refused))
          .map(d -> new Produced(Optional.of(d.change().id()), Optional.of(d.outcome()), Optional.empty(),
              Optional.empty()));
    }
    if (observation instanceof Observation.DeploymentObserved observed) {
      return app.deployment(withCommits(observed), observed.gateKey()).map(d -> new Produced(d.changeId(),
          Optional.empty(), Optional.of(d.id()), Optional.empty()));
    }
    if (observation instanceof Observation.IncidentSignal signal) {
      return signal.toAlert().flatMap(app.incidents()::raise).map(GitHubFlow::produced);
    }
    return Either.right(Produced.NOTHING);
  }

  private void refuse(Observation.GateRequested gate, CoexistError refused) {
    if (!refused.isTransient()) {
      refusals.ifPresent(replies -> replies.refuse(gate.request(), refused.message())
          .peekLeft(error -> LOG.warn("could not reject the refused gate of {}: {}", gate.repository(), error.message())));
    }
  }

  private Deployment withCommits(Observation.DeploymentObserved observed) {
    Deployment d = observed.deployment();
    if (!d.commits().isEmpty() || d.finishedAt().isEmpty() || observed.previousSha().isEmpty()
        || d.sha().isEmpty() || rest.isEmpty()) {
      return d;
    }
    // A failed compare leaves the deployment without commits: it still counts, only not for lead time.
    return rest.get().commitsBetween(observed.repository(), observed.previousSha().get(), d.sha().get())
        .map(range -> new Deployment(d.id(), d.service(), d.environment(), d.status(), d.startedAt(), d.finishedAt(),
            range.commits(), d.changeId(), d.hotfixFor(), d.repository(), d.sha()))
        .getOrElse(d);
  }

  private static Produced produced(AlertOutcome outcome) {
    return new Produced(Optional.empty(), Optional.empty(), Optional.empty(),
        outcome.incident().map(i -> i.id()));
  }
}
