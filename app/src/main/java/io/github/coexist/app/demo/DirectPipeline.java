package io.github.coexist.app.demo;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.Coexist;
import io.github.coexist.core.signal.Signal;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline that calls the app directly, as an embedding application would: one deployment
 * request per release, and the deployment's start and finish. Used without {@code --github}.
 */
final class DirectPipeline implements Pipeline {
  private final Coexist app;

  DirectPipeline(Coexist app) {
    this.app = Objects.requireNonNull(app, "app");
  }

  @Override
  public Either<CoexistError, Change> ask(Release r) {
    DeploymentRequest.Builder request = DeploymentRequest.builder()
        .idempotencyKey("pipeline:" + r.repository() + ":build:" + r.runId() + ":" + Release.ENVIRONMENT)
        .service(r.unit().name())
        .environment(Release.ENVIRONMENT)
        .repository(r.repository())
        .baseSha(r.baseSha())
        .headSha(r.sha())
        .filesChanged(r.files())
        .linesChanged(r.lines())
        .evidence(r.evidence())
        .requester(r.requester())
        .rollbackPlan(r.rollbackPlan())
        .emergency(r.emergency())
        .summary(r.summary())
        .source("pipeline");
    r.commits().forEach(request::addCommit);
    r.hotfixFor().ifPresent(request::hotfixFor);
    r.model().ifPresent(request::changeModel);
    return request.build().flatMap(built -> app.accept(Signal.GateRequested.of(built)))
        .map(produced -> app.gate().change(produced.change().orElseThrow()).orElseThrow().change());
  }

  @Override
  public Either<CoexistError, ?> started(Release r, Change change) {
    return app.accept(Signal.DeploymentReported.of(deployment(r, change, Deployment.Status.IN_PROGRESS,
        app.clock().instant(), Optional.empty())));
  }

  @Override
  public Either<CoexistError, ?> finished(Release r, Change change, Instant startedAt) {
    return app.accept(Signal.DeploymentReported.of(deployment(r, change,
        r.succeeds() ? Deployment.Status.SUCCESS : Deployment.Status.FAILURE, startedAt,
        Optional.of(app.clock().instant()))));
  }

  private static Deployment deployment(Release r, Change change, Deployment.Status status, Instant startedAt,
      Optional<Instant> finishedAt) {
    return new Deployment(r.deploymentId(), r.unit().id(), Release.ENVIRONMENT, status, startedAt, finishedAt,
        r.commits(), Optional.of(change.id()), r.hotfixFor(), Optional.of(r.repository()), Optional.of(r.sha()),
        r.rollbackOf());
  }
}
