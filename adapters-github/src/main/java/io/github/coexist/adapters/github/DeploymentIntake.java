package io.github.coexist.adapters.github;

import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code deployment} (created) and {@code deployment_status} (created) become deployment records.
 * Both carry the whole deployment, so a status that arrives before its deployment is recorded from
 * its own payload, and the late deployment event is then ignored; a status never moves a
 * deployment backwards ({@link DeploymentBook}).
 *
 * <p>States: {@code queued}, {@code pending}, {@code waiting}, {@code in_progress} are in
 * progress; {@code success} succeeded; {@code failure} and {@code error} failed; {@code inactive}
 * (superseded) and states GitHub may add later are ignored with their name.
 */
final class DeploymentIntake {
  private final Intake intake;

  DeploymentIntake(Intake intake) {
    this.intake = intake;
  }

  Either<CoexistError, Handled> created(Fields p) {
    String action = p.text("/action").orElse("");
    if (!action.equals("created")) {
      return Either.right(Handled.ignored("deployment action '" + Fields.cut(action) + "' is not used"));
    }
    return record(p, Deployment.Status.IN_PROGRESS, 0L, Optional.empty(), p.text("/deployment/environment"));
  }

  Either<CoexistError, Handled> status(Fields p) {
    String action = p.text("/action").orElse("");
    if (!action.equals("created")) {
      return Either.right(Handled.ignored("deployment_status action '" + Fields.cut(action) + "' is not used"));
    }
    String state = p.requireText("/deployment_status/state").toLowerCase(Locale.ROOT);
    long statusId = p.requireNumber("/deployment_status/id");
    Instant at = p.requireInstant("/deployment_status/created_at");
    if (!p.ok()) {
      return Either.left(p.errors());
    }
    Optional<Deployment.Status> status = switch (state) {
      case "queued", "pending", "waiting", "in_progress" -> Optional.of(Deployment.Status.IN_PROGRESS);
      case "success" -> Optional.of(Deployment.Status.SUCCESS);
      case "failure", "error" -> Optional.of(Deployment.Status.FAILURE);
      default -> Optional.empty();
    };
    if (status.isEmpty()) {
      return Either.right(Handled.ignored("deployment status '" + Fields.cut(state) + "' is not a start or an outcome"));
    }
    return record(p, status.get(), statusId, Optional.of(at),
        p.text("/deployment_status/environment").or(() -> p.text("/deployment/environment")));
  }

  private Either<CoexistError, Handled> record(Fields p, Deployment.Status status, long statusId,
      Optional<Instant> statusAt, Optional<String> environmentField) {
    Optional<Repository> repository = intake.repository(p);
    long id = p.requireNumber("/deployment/id");
    Instant startedAt = p.requireInstant("/deployment/created_at");
    String environment = environmentField.orElseGet(() -> p.requireText("/deployment/environment"));
    if (environment.length() > Fields.MAX_ENVIRONMENT) {
      p.problem("deployment.environment is longer than " + Fields.MAX_ENVIRONMENT + " characters");
    }
    if (!p.ok()) {
      return Either.left(p.errors());
    }
    Repository repo = repository.orElseThrow();
    intake.installation(p, repo);
    Optional<String> stale = intake.deployments.observe(id, status, statusId);
    if (stale.isPresent()) {
      return Either.right(Handled.ignored(stale.get()));
    }
    Optional<String> sha = p.text("/deployment/sha");
    Optional<String> previous = intake.deployments.lastSuccess(repo, environment);
    List<Commit> commits = sha.flatMap(s -> intake.commits.between(repo, previous, s)).orElse(List.of());
    Optional<Instant> finishedAt = status == Deployment.Status.IN_PROGRESS ? Optional.empty()
        : statusAt.map(at -> at.isBefore(startedAt) ? startedAt : at);
    Deployment deployment = new Deployment(DeploymentId.of(Long.toString(id)), intake.serviceOf(repo), environment,
        status, startedAt, finishedAt, commits, Optional.empty(), Optional.empty(), Optional.of(repo.fullName()), sha);
    if (status == Deployment.Status.SUCCESS && sha.isPresent()) {
      intake.deployments.succeeded(repo, environment, sha.get(), startedAt);
    }
    return Either.right(Handled.produced(new Observation.DeploymentObserved(deployment,
        intake.isProduction(environment), gateKey(p, repo, id, environment), previous, repo.fullName())));
  }

  /** The gate key of the same run and environment: from the payload's workflow run, else remembered. */
  private Optional<IdempotencyKey> gateKey(Fields p, Repository repo, long deploymentId, String environment) {
    Optional<IdempotencyKey> remembered = intake.deployments.gateKey(deploymentId);
    if (remembered.isPresent()) {
      return remembered;
    }
    return p.number("/workflow_run/id").filter(run -> run > 0)
        .map(run -> new GateRef(repo, run, environment, Optional.empty()).idempotencyKey());
  }
}
