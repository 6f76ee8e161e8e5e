package io.github.coexist.adapters.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.IncidentId;
import io.vavr.control.Either;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code deployment_protection_rule} (action {@code requested}) becomes the change gate's
 * deployment request, carrying what the adapter knows about the sha (pipeline evidence, the merged
 * pull request, the commits since the last successful deployment to the environment) and, in
 * {@code replyTo}, where the answer goes. The gate is watched by {@link GateTimeouts} from here on.
 *
 * <p>A workflow can pass hints through the deployment's {@code payload}: {@code {"coexist":
 * {"emergency": true, "rollback_plan": true, "change_model": "...", "hotfix_for": "INC-1"}}}.
 */
final class GateIntake {
  private static final Logger LOG = LoggerFactory.getLogger(GateIntake.class);
  private final Intake intake;

  GateIntake(Intake intake) {
    this.intake = intake;
  }

  Either<CoexistError, Handled> handle(Fields p) {
    String action = p.text("/action").orElse("");
    if (!action.equals("requested")) {
      return Either.right(Handled.ignored("deployment_protection_rule action '" + Fields.cut(action) + "' is not used"));
    }
    Optional<Repository> repository = intake.repository(p);
    String environment = p.requireText("/environment", Fields.MAX_ENVIRONMENT);
    String callback = p.requireText("/deployment_callback_url");
    long deploymentId = p.requireNumber("/deployment/id");
    if (!p.ok()) {
      return Either.left(p.errors());
    }
    Repository repo = repository.orElseThrow();
    Either<CoexistError, Long> runId = CallbackUrl.runId(callback, intake.settings.apiUrl(), repo);
    if (runId.isLeft()) {
      LOG.warn("{}: refused a deployment protection rule request for {}: {}", repo, Fields.cut(environment),
          runId.getLeft().message());
      return Either.left(runId.getLeft());
    }
    GateRef gate = new GateRef(repo, runId.get(), environment, intake.installation(p, repo));
    Optional<String> sha = p.text("/deployment/sha");
    Optional<String> base = intake.deployments.lastSuccess(repo, environment);

    DeploymentRequest.Builder request = DeploymentRequest.builder()
        .idempotencyKey(gate.idempotencyKey().value())
        .service(intake.serviceOf(repo).value())
        .environment(environment)
        .repository(repo.fullName())
        .requester(requester(p))
        .source(GitHubGateReplies.SOURCE);
    gate.replyTo(deploymentId).forEach(request::replyTo);
    base.ifPresent(request::baseSha);
    sha.ifPresent(s -> {
      request.headSha(s).evidence(intake.evidence.evidenceFor(repo, s));
      intake.commits.between(repo, base, s).ifPresent(commits -> commits.forEach(request::addCommit));
    });
    describe(p, repo, sha, request);
    people(p, request);
    hints(p.node("/deployment/payload/coexist"), request);

    Either<CoexistError, DeploymentRequest> built = request.build();
    built.peek(r -> {
      intake.timeouts.watch(gate);
      intake.deployments.gated(deploymentId, gate.idempotencyKey());
      LOG.info("{}: gate requested for deployment {} as {}", gate, deploymentId, gate.idempotencyKey());
    });
    return built.map(r -> Handled.produced(new Observation.GateRequested(r, repo.fullName(),
        Optional.of(intake.timeouts.deadline()))));
  }

  /** Summary and size: from the run's pull request, else from the merged pull request that made the sha. */
  private void describe(Fields p, Repository repo, Optional<String> sha, DeploymentRequest.Builder request) {
    Optional<String> title = p.shortText("/pull_requests/0/title");
    if (title.isPresent()) {
      request.summary(p.number("/pull_requests/0/number").map(n -> "#" + n + " ").orElse("") + title.get());
      p.number("/pull_requests/0/changed_files").ifPresent(n -> request.filesChanged(clamp(n)));
      Optional<Long> additions = p.number("/pull_requests/0/additions");
      Optional<Long> deletions = p.number("/pull_requests/0/deletions");
      if (additions.isPresent() || deletions.isPresent()) {
        request.linesChanged(clamp(additions.orElse(0L) + deletions.orElse(0L)));
      }
      return;
    }
    Optional<EvidenceBook.PullInfo> pull = sha.flatMap(s -> intake.evidence.pullFor(repo, s));
    if (pull.isPresent()) {
      request.summary("#" + pull.get().number() + " " + pull.get().title())
          .filesChanged(pull.get().filesChanged())
          .linesChanged(pull.get().linesChanged());
      return;
    }
    p.shortText("/deployment/description").ifPresent(request::summary);
  }

  /**
   * Who wrote and who merged the pull requests the run deploys (their {@code user} and {@code
   * merged_by}): separation of duties keeps them from approving the change. The pull request's
   * author stands for its commits' authors, whom the payload does not name.
   */
  private static void people(Fields p, DeploymentRequest.Builder request) {
    for (JsonNode pull : p.node("/pull_requests")) {
      actor(pull.path("user").path("login")).ifPresent(request::addCommitAuthor);
      actor(pull.path("merged_by").path("login")).ifPresent(request::addMerger);
    }
  }

  private static Optional<Actor> actor(JsonNode login) {
    if (!login.isTextual() || login.asText().isBlank()) {
      return Optional.empty();
    }
    String name = Fields.cut(login.asText());
    return Optional.of(name.endsWith("[bot]") ? Actor.system(name) : Actor.person(name));
  }

  private static Actor requester(Fields p) {
    Optional<String> login = p.shortText("/deployment/creator/login").or(() -> p.shortText("/sender/login"));
    if (login.isEmpty()) {
      return Actor.system("github");
    }
    return login.get().endsWith("[bot]") ? Actor.system(login.get()) : Actor.person(login.get());
  }

  private static void hints(JsonNode hints, DeploymentRequest.Builder request) {
    if (!hints.isObject()) {
      return;
    }
    if (hints.path("emergency").isBoolean()) {
      request.emergency(hints.path("emergency").asBoolean());
    }
    if (hints.path("rollback_plan").isBoolean()) {
      request.rollbackPlan(hints.path("rollback_plan").asBoolean());
    }
    if (hints.path("change_model").isTextual() && !hints.path("change_model").asText().isBlank()) {
      request.changeModel(Fields.cut(hints.path("change_model").asText()));
    }
    if (hints.path("hotfix_for").isTextual() && !hints.path("hotfix_for").asText().isBlank()) {
      request.hotfixFor(IncidentId.of(Fields.cut(hints.path("hotfix_for").asText())));
    }
  }

  static int clamp(long n) {
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, n));
  }
}
