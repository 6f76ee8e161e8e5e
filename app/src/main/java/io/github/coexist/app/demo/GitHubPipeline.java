package io.github.coexist.app.demo;

import io.github.coexist.adapters.github.GitHubAdapter;
import io.github.coexist.adapters.github.GitHubSignals;
import io.github.coexist.adapters.github.WebhookResult;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.Coexist;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.standins.github.GitHubDeliveries;
import io.github.coexist.standins.github.GitHubStandIn;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline on GitHub: every release is a run of a workflow in {@code acme-shop/<service>} whose
 * production environment has coexist as its custom deployment protection rule. Each step reaches
 * coexist as a signed webhook delivery, through the real GitHub adapter, whose signals go to
 * {@link Coexist#accept}; the gate's answer goes back to the local GitHub stand-in as the protection rule's review.
 */
final class GitHubPipeline implements Pipeline {
  private final Coexist app;
  private final GitHubStandIn github;
  private final GitHubAdapter adapter;
  private final GitHubSignals signals;
  private final String secret;
  private int deliveries;

  GitHubPipeline(Coexist app, GitHubStandIn github, GitHubAdapter adapter, String secret) {
    this.app = Objects.requireNonNull(app, "app");
    this.github = Objects.requireNonNull(github, "github");
    this.adapter = Objects.requireNonNull(adapter, "adapter");
    this.signals = GitHubSignals.comparingWith(adapter.deployments());
    this.secret = Objects.requireNonNull(secret, "secret");
  }

  @Override
  public Either<CoexistError, Change> ask(Release r) {
    Instant now = app.clock().instant();
    List<Map<String, Object>> commits = new ArrayList<>();
    for (Commit c : r.commits()) {
      Map<String, Object> commit = new LinkedHashMap<>();
      commit.put("id", c.sha());
      commit.put("timestamp", c.committedAt().toString());
      commit.put("message", r.title());
      commits.add(commit);
    }
    // What GitHub sends before the run reaches the environment: the push, the checks, the review.
    List<GitHubDeliveries.Delivery> before = new ArrayList<>();
    before.add(repo(GitHubDeliveries.fixture("push"), r)
        .with("/ref", "refs/heads/main").with("/before", r.baseSha()).with("/after", r.sha())
        .with("/commits", commits).with("/head_commit/id", r.sha()));
    check(r, "unit-tests", r.evidence().tests(), now).ifPresent(before::add);
    check(r, "codeql", r.evidence().securityScan(), now).ifPresent(before::add);
    if (r.evidence().review() != EvidenceStatus.MISSING) {
      before.add(repo(GitHubDeliveries.fixture("pull_request_review"), r)
          .with("/action", "submitted")
          .with("/review/state", r.evidence().review() == EvidenceStatus.PASSED ? "approved" : "changes_requested")
          .with("/review/commit_id", r.sha())
          .with("/pull_request/head/sha", r.sha())
          .with("/pull_request/number", r.number()));
    }
    for (GitHubDeliveries.Delivery d : before) {
      Either<CoexistError, List<Signal>> taken = deliver(d);
      if (taken.isLeft()) {
        return Either.left(taken.getLeft());
      }
    }
    github.openGate(r.repository(), r.runId(), Release.ENVIRONMENT);
    Map<String, Object> hints = new LinkedHashMap<>();
    hints.put("rollback_plan", r.rollbackPlan());
    hints.put("emergency", r.emergency());
    r.model().ifPresent(m -> hints.put("change_model", m));
    r.hotfixFor().ifPresent(i -> hints.put("hotfix_for", i.value()));
    GitHubDeliveries.Delivery rule = deployment(repo(GitHubDeliveries.fixture("deployment_protection_rule"), r), r)
        .with("/action", "requested")
        .with("/environment", Release.ENVIRONMENT)
        .with("/deployment/payload", Map.of("coexist", hints))
        .with("/pull_requests/0/number", r.number())
        .with("/pull_requests/0/title", r.title())
        .with("/pull_requests/0/additions", r.lines() - r.lines() / 3)
        .with("/pull_requests/0/deletions", r.lines() / 3)
        .with("/pull_requests/0/changed_files", r.files())
        .with("/pull_requests/0/head/sha", r.sha())
        .with("/pull_requests/0/user/login", r.requester().name())
        .callbackOn(github.apiUrl(), r.runId());
    return deliver(rule).flatMap(taken -> taken.stream()
        .filter(o -> o instanceof Signal.GateRequested)
        .findFirst()
        .<Either<CoexistError, Change>>map(o -> app.accept(o).flatMap(produced -> produced.change()
            .flatMap(id -> app.gate().change(id))
            .<Either<CoexistError, Change>>map(t -> Either.right(t.change()))
            .orElseGet(() -> Either.left(CoexistError.invalid("GitHub's gate request made no change")))))
        .orElseGet(() -> Either.left(CoexistError.invalid("GitHub's gate request was not taken"))));
  }

  @Override
  public Either<CoexistError, ?> started(Release r, Change change) {
    return dispatchAll(deliver(deployment(repo(GitHubDeliveries.fixture("deployment"), r), r)
        .with("/action", "created")
        .with("/workflow_run/id", r.runId())));
  }

  @Override
  public Either<CoexistError, ?> finished(Release r, Change change, Instant startedAt) {
    Instant now = app.clock().instant();
    return dispatchAll(deliver(deployment(repo(GitHubDeliveries.fixture("deployment_status"), r), r)
        .with("/action", "created")
        .with("/deployment/created_at", startedAt.toString())
        .with("/deployment_status/id", 8_000_000L + r.number())
        .with("/deployment_status/state", r.succeeds() ? "success" : "failure")
        .with("/deployment_status/environment", Release.ENVIRONMENT)
        .with("/deployment_status/created_at", now.toString())
        .with("/workflow_run/id", r.runId())));
  }

  @Override
  public String where(Release r) {
    return github.gateState(r.repository(), r.runId(), Release.ENVIRONMENT)
        .map(state -> "GitHub run " + r.runId() + " of " + r.repository() + ": protection rule " + state)
        .orElse("");
  }

  private static Optional<GitHubDeliveries.Delivery> check(Release r, String name, EvidenceStatus status, Instant at) {
    if (status == EvidenceStatus.MISSING) {
      return Optional.empty();
    }
    return Optional.of(repo(GitHubDeliveries.fixture("check_run"), r)
        .with("/action", "completed")
        .with("/check_run/name", name)
        .with("/check_run/head_sha", r.sha())
        .with("/check_run/status", "completed")
        .with("/check_run/conclusion", status == EvidenceStatus.PASSED ? "success" : "failure")
        .with("/check_run/completed_at", at.toString()));
  }

  private GitHubDeliveries.Delivery deployment(GitHubDeliveries.Delivery d, Release r) {
    return d.with("/deployment/id", r.deploymentNumber())
        .with("/deployment/sha", r.sha())
        .with("/deployment/environment", Release.ENVIRONMENT)
        .with("/deployment/created_at", app.clock().instant().toString())
        .with("/deployment/creator/login", r.requester().name())
        .with("/sender/login", r.requester().name());
  }

  private static GitHubDeliveries.Delivery repo(GitHubDeliveries.Delivery d, Release r) {
    return d.with("/repository/full_name", r.repository())
        .with("/repository/name", r.unit().name())
        .with("/repository/owner/login", "acme-shop")
        .with("/repository/default_branch", "main");
  }

  /** Signs and hands one delivery to the adapter; answers the signals it gives core, or why it refused. */
  private Either<CoexistError, List<Signal>> deliver(GitHubDeliveries.Delivery delivery) {
    String id = String.format(Locale.ROOT, "demo-%06d", ++deliveries);
    GitHubDeliveries.SignedDelivery signed = delivery.signed(secret, id);
    WebhookResult result = adapter.webhooks().receive(signed.body(), signed.headers());
    if (result instanceof WebhookResult.Accepted accepted) {
      return Either.right(signals.of(accepted));
    }
    return Either.left(CoexistError.invalid("GitHub delivery " + id + " (" + delivery.event() + ") was not accepted: "
        + result));
  }

  private Either<CoexistError, ?> dispatchAll(Either<CoexistError, List<Signal>> taken) {
    return taken.flatMap(list -> {
      Either<CoexistError, ?> last = Either.right(list);
      for (Signal o : list) {
        last = app.accept(o);
        if (last.isLeft()) {
          return last;
        }
      }
      return last;
    });
  }
}
