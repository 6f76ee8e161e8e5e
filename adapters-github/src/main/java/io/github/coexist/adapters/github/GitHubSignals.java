package io.github.coexist.adapters.github;

import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.signal.Signal;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps what an accepted GitHub delivery told the adapter onto core's inbound signals, for {@code
 * Coexist.accept}: a protection rule request becomes a {@link Signal.GateRequested} carrying the
 * run's deadline, a deployment a {@link Signal.DeploymentReported} (with the gate key of its run),
 * a merged pull request a {@link Signal.PullRequestMerged}, an incident issue a {@link
 * Signal.AlertRaised}. Evidence, pushes and release markers stay with the adapter. Thread-safe.
 */
public final class GitHubSignals {
  private static final Logger LOG = LoggerFactory.getLogger(GitHubSignals.class);

  private final Optional<GitHubDeployments> rest;

  private GitHubSignals(Optional<GitHubDeployments> rest) {
    this.rest = rest;
  }

  /** Signals made without any call to GitHub: deployments carry the commits the adapter saw pushed. */
  public static GitHubSignals offline() {
    return new GitHubSignals(Optional.empty());
  }

  /**
   * Signals whose finished deployments, when they arrived without commits, get them from the
   * compare API between the last sha deployed to the environment and theirs (for lead time); a
   * failed compare leaves the deployment without commits.
   */
  public static GitHubSignals comparingWith(GitHubDeployments rest) {
    return new GitHubSignals(Optional.of(Objects.requireNonNull(rest, "rest")));
  }

  /** The signals of {@code result}, in the order observed; none unless it was accepted. */
  public List<Signal> of(WebhookResult result) {
    List<Signal> signals = new ArrayList<>();
    if (result instanceof WebhookResult.Accepted accepted) {
      for (Observation observation : accepted.observations()) {
        Either<CoexistError, Optional<Signal>> mapped = of(observation);
        mapped.peekLeft(error -> LOG.warn("{} ({}) gives core nothing: {}", accepted.deliveryId(), accepted.event(),
            error.message())).forEach(signal -> signal.ifPresent(signals::add));
      }
    }
    return signals;
  }

  /**
   * The signal for one observation, or none for the facts the adapter keeps (evidence, pushes,
   * releases); an incident issue whose alert cannot be built is the error.
   */
  public Either<CoexistError, Optional<Signal>> of(Observation observation) {
    if (observation instanceof Observation.GateRequested gate) {
      return some(new Signal.GateRequested(gate.request(), gate.deadline()));
    }
    if (observation instanceof Observation.DeploymentObserved observed) {
      return some(new Signal.DeploymentReported(withCommits(observed), observed.gateKey()));
    }
    if (observation instanceof Observation.PullRequestMerged pull) {
      return some(new Signal.PullRequestMerged(pull.repository(), pull.number(), Actor.person(pull.author()),
          pull.headSha(), pull.mergeSha(), pull.mergedAt(), pull.commits(), List.of()));
    }
    if (observation instanceof Observation.IncidentSignal incident) {
      return incident.toAlert().map(alert -> Optional.of(new Signal.AlertRaised(alert)));
    }
    return Either.right(Optional.empty());
  }

  private static Either<CoexistError, Optional<Signal>> some(Signal signal) {
    return Either.right(Optional.of(signal));
  }

  private Deployment withCommits(Observation.DeploymentObserved observed) {
    Deployment d = observed.deployment();
    if (!d.commits().isEmpty() || d.finishedAt().isEmpty() || observed.previousSha().isEmpty()
        || d.sha().isEmpty() || rest.isEmpty()) {
      return d;
    }
    return rest.get().commitsBetween(observed.repository(), observed.previousSha().get(), d.sha().get())
        .map(range -> d.withCommits(range.commits()))
        .getOrElse(d);
  }
}
