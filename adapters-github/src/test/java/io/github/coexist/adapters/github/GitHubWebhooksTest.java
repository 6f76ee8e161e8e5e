package io.github.coexist.adapters.github;

import io.github.coexist.core.kernel.ManualClock;
import static io.github.coexist.standins.github.GitHubDeliveries.BEFORE_SHA;
import static io.github.coexist.standins.github.GitHubDeliveries.DEPLOYMENT_ID;
import static io.github.coexist.standins.github.GitHubDeliveries.INSTALLATION_ID;
import static io.github.coexist.standins.github.GitHubDeliveries.PULL_HEAD_SHA;
import static io.github.coexist.standins.github.GitHubDeliveries.REPOSITORY;
import static io.github.coexist.standins.github.GitHubDeliveries.RUN_ID;
import static io.github.coexist.standins.github.GitHubDeliveries.SHA;
import static io.github.coexist.standins.github.GitHubDeliveries.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.adapters.github.Observation.CommitsPushed;
import io.github.coexist.adapters.github.Observation.DeploymentObserved;
import io.github.coexist.adapters.github.Observation.EvidenceKind;
import io.github.coexist.adapters.github.Observation.EvidenceObserved;
import io.github.coexist.adapters.github.Observation.GateRequested;
import io.github.coexist.adapters.github.Observation.IncidentSignal;
import io.github.coexist.adapters.github.Observation.PullRequestMerged;
import io.github.coexist.adapters.github.Observation.ReleaseMarker;
import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.adapters.http.DeliveryIds;
import io.github.coexist.adapters.http.DeliveryLedger;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.incident.AlertSeverity;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.standins.github.GitHubDeliveries;
import io.github.coexist.standins.github.GitHubDeliveries.Delivery;
import io.github.coexist.standins.github.GitHubDeliveries.SignedDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("GitHub webhook intake")
class GitHubWebhooksTest {
  private GitHubAdapter adapter;

  @BeforeEach
  void start() {
    adapter = adapter(Map.of());
  }

  @AfterEach
  void stop() {
    adapter.close();
  }

  private static GitHubAdapter adapter(Map<String, String> extra) {
    Map<String, String> settings = Fixtures.settings("https://api.github.com");
    settings.put("coexist.github.token", Fixtures.TOKEN);
    settings.putAll(extra);
    return GitHubAdapter.builder(GitHubConfig.of(settings)).clock(new ManualClock(Fixtures.NOW)).build();
  }

  private WebhookResult receive(Delivery delivery) {
    return receive(delivery.signed(Fixtures.SECRET));
  }

  private WebhookResult receive(SignedDelivery delivery) {
    return adapter.webhooks().receive(delivery.body(), delivery.headers());
  }

  private <T extends Observation> T only(WebhookResult result, Class<T> type) {
    assertThat(result).isInstanceOf(WebhookResult.Accepted.class);
    List<Observation> observations = ((WebhookResult.Accepted) result).observations();
    assertThat(observations).hasSize(1).first().isInstanceOf(type);
    return type.cast(observations.get(0));
  }

  private static String ignoredReason(WebhookResult result) {
    assertThat(result).isInstanceOf(WebhookResult.Ignored.class);
    assertThat(result.httpStatus()).isEqualTo(200);
    return ((WebhookResult.Ignored) result).reason();
  }

  private static CoexistError rejection(WebhookResult result) {
    assertThat(result).isInstanceOf(WebhookResult.Rejected.class);
    return ((WebhookResult.Rejected) result).error();
  }

  @Nested
  @DisplayName("signatures")
  class Signatures {
    @Test
    @DisplayName("a delivery signed with the current secret is accepted")
    void currentSecret() {
      assertThat(receive(fixture("push"))).isInstanceOf(WebhookResult.Accepted.class);
    }

    @Test
    @DisplayName("a delivery signed with the secret being rotated out is accepted too")
    void rotatedSecret() {
      assertThat(receive(fixture("push").signed(Fixtures.OLD_SECRET))).isInstanceOf(WebhookResult.Accepted.class);
    }

    @Test
    @DisplayName("a missing signature is refused with 401")
    void missingSignature() {
      SignedDelivery d = fixture("push").signed(Fixtures.SECRET);
      Map<String, String> headers = new HashMap<>(d.headers());
      headers.remove("X-Hub-Signature-256");
      WebhookResult result = adapter.webhooks().receive(d.body(), headers);
      assertThat(rejection(result)).isInstanceOf(CoexistError.Unauthorized.class);
      assertThat(result.httpStatus()).isEqualTo(401);
    }

    @Test
    @DisplayName("a signature made with another secret is refused with 401")
    void wrongSecret() {
      WebhookResult result = receive(fixture("push").signed("not our secret"));
      assertThat(rejection(result)).isInstanceOf(CoexistError.Unauthorized.class);
      assertThat(result.httpStatus()).isEqualTo(401);
    }

    @Test
    @DisplayName("a body changed after signing is refused, even by one byte")
    void tamperedBody() {
      SignedDelivery d = fixture("push").signed(Fixtures.SECRET);
      byte[] body = d.body();
      body[body.length - 2] ^= 1;
      assertThat(rejection(adapter.webhooks().receive(body, d.headers()))).isInstanceOf(CoexistError.Unauthorized.class);
    }

    @Test
    @DisplayName("header names are matched without case")
    void headerCase() {
      SignedDelivery d = fixture("push").signed(Fixtures.SECRET);
      Map<String, String> lower = new HashMap<>();
      d.headers().forEach((k, v) -> lower.put(k.toLowerCase(), v));
      assertThat(adapter.webhooks().receive(d.body(), lower)).isInstanceOf(WebhookResult.Accepted.class);
    }
  }

  @Nested
  @DisplayName("deliveries")
  class Deliveries {
    @Test
    @DisplayName("a redelivery (same X-GitHub-Delivery) is acknowledged and not processed twice")
    void duplicate() {
      SignedDelivery d = fixture("deployment_protection_rule").signed(Fixtures.SECRET, "72d3162e-cc78-11e3-81ab-4c9367dc0958");
      assertThat(receive(d)).isInstanceOf(WebhookResult.Accepted.class);
      WebhookResult again = receive(d);
      assertThat(again).isEqualTo(new WebhookResult.Duplicate("deployment_protection_rule", d.deliveryId()));
      assertThat(again.httpStatus()).isEqualTo(200);
      assertThat(adapter.gateTimeouts().pending()).isEqualTo(1);
    }

    @Test
    @DisplayName("the ids go to the DeliveryIds given to the builder: shared, a second adapter sees the repeat")
    void deliveryIdsGiven() {
      DeliveryLedger shared = DeliveryLedger.standard(new ManualClock(Fixtures.NOW));
      Map<String, String> settings = Fixtures.settings("https://api.github.com");
      settings.put("coexist.github.token", Fixtures.TOKEN);
      SignedDelivery d = fixture("deployment_protection_rule").signed(Fixtures.SECRET, "shared-1");
      try (GitHubAdapter before = GitHubAdapter.builder(GitHubConfig.of(settings)).deliveryIds(shared).build();
          GitHubAdapter after = GitHubAdapter.builder(GitHubConfig.of(settings)).deliveryIds(shared).build()) {
        assertThat(before.webhooks().receive(d.body(), d.headers())).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(after.webhooks().receive(d.body(), d.headers())).isInstanceOf(WebhookResult.Duplicate.class);
      }
    }

    @Test
    @DisplayName("a delivery whose id cannot be recorded is refused with 503 and not processed")
    void idNotRecorded() {
      DeliveryIds down = new DeliveryIds() {
        @Override
        public Either<CoexistError, Boolean> claim(String id) {
          return Either.left(new CoexistError.Unavailable("the store is down"));
        }

        @Override
        public Either<CoexistError, Done> release(String id) {
          return Either.left(new CoexistError.Unavailable("the store is down"));
        }
      };
      Map<String, String> settings = Fixtures.settings("https://api.github.com");
      settings.put("coexist.github.token", Fixtures.TOKEN);
      try (GitHubAdapter github = GitHubAdapter.builder(GitHubConfig.of(settings)).deliveryIds(down).build()) {
        SignedDelivery d = fixture("deployment_protection_rule").signed(Fixtures.SECRET, "down-1");
        WebhookResult result = github.webhooks().receive(d.body(), d.headers());
        assertThat(result).isInstanceOf(WebhookResult.Rejected.class);
        assertThat(result.httpStatus()).isEqualTo(503);
        assertThat(github.gateTimeouts().pending()).isZero();
      }
    }

    @Test
    @DisplayName("a refused delivery is not remembered, so its redelivery is processed again")
    void refusedIsForgotten() {
      SignedDelivery broken = fixture("deployment").without("/deployment/id").signed(Fixtures.SECRET, "d-1");
      assertThat(receive(broken).httpStatus()).isEqualTo(400);
      assertThat(receive(broken)).isInstanceOf(WebhookResult.Rejected.class);
    }

    @Test
    @DisplayName("ping is answered with its hook id and zen")
    void ping() {
      WebhookResult result = receive(fixture("ping"));
      assertThat(result).isInstanceOf(WebhookResult.Ping.class);
      WebhookResult.Ping ping = (WebhookResult.Ping) result;
      assertThat(ping.hookId()).contains(109948940L);
      assertThat(ping.zen()).isEqualTo("Design for failure.");
      assertThat(ping.httpStatus()).isEqualTo(200);
    }

    @Test
    @DisplayName("an event coexist does not use is ignored, and the reason names it")
    void unknownEvent() {
      assertThat(ignoredReason(receive(GitHubDeliveries.of("star", "{\"action\":\"created\"}"))))
          .contains("star").contains("not used");
    }

    @Test
    @DisplayName("an action coexist does not use is ignored, and the reason names it")
    void unknownAction() {
      assertThat(ignoredReason(receive(fixture("deployment_protection_rule").with("/action", "teleported"))))
          .contains("teleported");
    }

    @Test
    @DisplayName("a delivery without X-GitHub-Event or X-GitHub-Delivery is malformed (400)")
    void missingHeaders() {
      SignedDelivery d = fixture("push").signed(Fixtures.SECRET);
      Map<String, String> headers = new HashMap<>(d.headers());
      headers.remove("X-GitHub-Delivery");
      WebhookResult result = adapter.webhooks().receive(d.body(), headers);
      assertThat(rejection(result)).isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(result.httpStatus()).isEqualTo(400);
    }

    @Test
    @DisplayName("a delivery id over 128 characters is refused, not cut: two long ids sharing their first 200 are both refused")
    void longDeliveryIds() {
      String prefix = "p".repeat(200);
      for (String id : List.of(prefix + "-first", prefix + "-second")) {
        WebhookResult result = receive(fixture("push").signed(Fixtures.SECRET, id));
        assertThat(result.httpStatus()).isEqualTo(400);
        assertThat(rejection(result).message()).contains("X-GitHub-Delivery is at most 128 characters, this one has "
            + id.length(), "refused rather than cut").doesNotContain(prefix);
        assertThat(((WebhookResult.Rejected) result).deliveryId()).hasValueSatisfying(shown ->
            assertThat(shown.length()).isLessThanOrEqualTo(65));
      }
      assertThat(receive(fixture("push").signed(Fixtures.SECRET, "x".repeat(128))))
          .isInstanceOf(WebhookResult.Accepted.class);
    }

    @Test
    @DisplayName("a payload giving one key twice is refused (400), and the message quotes no more than a short excerpt")
    void duplicateKeys() {
      String name = "k".repeat(500);
      for (String text : List.of("{\"action\": \"created\", \"action\": \"deleted\"}",
          "{\"" + name + "\": 1, \"" + name + "\": 2}")) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        WebhookResult result = adapter.webhooks().receive(body,
            GitHubDeliveries.headers("push", "dup-" + text.length(), Fixtures.SECRET, body));
        assertThat(result.httpStatus()).isEqualTo(400);
        assertThat(rejection(result).message()).contains("not valid JSON", "Duplicate").doesNotContain("k".repeat(81));
      }
    }

    @Test
    @DisplayName("a form-encoded delivery is refused with a hint to switch the webhook to JSON")
    void formEncoded() {
      byte[] body = "payload=%7B%7D".getBytes(StandardCharsets.US_ASCII);
      WebhookResult result = adapter.webhooks().receive(body, GitHubDeliveries.headers("push", "f-1", Fixtures.SECRET, body));
      assertThat(rejection(result).message()).contains("application/json");
    }

    @Test
    @DisplayName("a body that is not a JSON object is malformed (400)")
    void notJson() {
      for (String text : List.of("{\"ref\": ", "[1,2,3]", "\"text\"")) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        WebhookResult result = adapter.webhooks().receive(body, GitHubDeliveries.headers("push", text, Fixtures.SECRET, body));
        assertThat(rejection(result)).isInstanceOf(CoexistError.InvalidInput.class);
      }
    }

    @Test
    @DisplayName("a payload missing several required fields is refused once, with every problem listed")
    void everyProblem() {
      CoexistError error = rejection(receive(fixture("deployment_protection_rule")
          .without("/environment").without("/deployment_callback_url").with("/deployment/id", "not a number")));
      assertThat(((CoexistError.InvalidInput) error).problems()).hasSize(3);
      assertThat(error.message()).contains("environment").contains("deployment_callback_url").contains("deployment.id");
    }
  }

  @Nested
  @DisplayName("the gate (deployment_protection_rule)")
  class Gate {
    @Test
    @DisplayName("becomes a deployment request with everything the reply needs")
    void request() {
      DeploymentRequest r = only(receive(fixture("deployment_protection_rule")), GateRequested.class).request();
      assertThat(r.idempotencyKey().value()).isEqualTo("github:codertocat/hello-world:run:30433642:production");
      assertThat(r.service().value()).isEqualTo("Hello-World");
      assertThat(r.environment()).isEqualTo("production");
      assertThat(r.repository()).contains(REPOSITORY);
      assertThat(r.headSha()).contains(SHA);
      assertThat(r.source()).isEqualTo("github");
      assertThat(r.requester()).isEqualTo(Actor.person("Codertocat"));
      assertThat(r.summary()).contains("#2 Update the README with new information.");
      assertThat(r.size().filesChanged()).isEqualTo(1);
      assertThat(r.size().linesChanged()).isEqualTo(3);
      assertThat(r.replyTo()).containsEntry("repository", REPOSITORY)
          .containsEntry("run_id", Long.toString(RUN_ID))
          .containsEntry("environment", "production")
          .containsEntry("deployment_id", Long.toString(DEPLOYMENT_ID))
          .containsEntry("installation_id", Long.toString(INSTALLATION_ID));
      assertThat(adapter.gateTimeouts().pending()).isEqualTo(1);
    }

    @Test
    @DisplayName("names the pull requests' authors and mergers, whom separation of duties bars from approving (issue 16)")
    void people() {
      DeploymentRequest r = only(receive(fixture("deployment_protection_rule")
          .with("/pull_requests/0/merged_by", java.util.Map.of("login", "octocat"))), GateRequested.class).request();
      assertThat(r.commitAuthors()).containsExactly(Actor.person("Codertocat"));
      assertThat(r.mergers()).containsExactly(Actor.person("octocat"));
    }

    @Test
    @DisplayName("a re-run of the same run asks with the same idempotency key")
    void rerunSameKey() {
      DeploymentRequest first = only(receive(fixture("deployment_protection_rule")), GateRequested.class).request();
      DeploymentRequest rerun = only(receive(fixture("deployment_protection_rule").with("/deployment/id", 145988999L)),
          GateRequested.class).request();
      assertThat(rerun.idempotencyKey()).isEqualTo(first.idempotencyKey());
      assertThat(rerun.replyTo()).containsEntry("deployment_id", "145988999");
    }

    @Test
    @DisplayName("carries the evidence, pull request and commits seen before for its sha")
    void carriesWhatWasSeen() {
      receive(fixture("deployment_status").with("/deployment/sha", BEFORE_SHA).with("/deployment/id", 1L));
      receive(fixture("push"));
      receive(fixture("workflow_run"));
      receive(fixture("check_suite"));
      receive(fixture("pull_request_review"));
      receive(fixture("pull_request"));
      DeploymentRequest r = only(receive(fixture("deployment_protection_rule").without("/pull_requests")),
          GateRequested.class).request();
      assertThat(r.evidence()).isEqualTo(new PipelineEvidence(EvidenceStatus.PASSED, EvidenceStatus.PASSED,
          EvidenceStatus.PASSED, Map.of()));
      assertThat(r.summary()).contains("#2 Update the README with new information.");
      assertThat(r.baseSha()).contains(BEFORE_SHA);
      assertThat(r.commits()).extracting(Commit::sha).containsExactly(PULL_HEAD_SHA, SHA);
    }

    @Test
    @DisplayName("a callback URL on another host is refused (403) and nothing is sent anywhere")
    void foreignHost() {
      try (Fixtures.Wired wired = Fixtures.withApp(Map.of())) {
        SignedDelivery d = fixture("deployment_protection_rule")
            .with("/deployment_callback_url",
                "https://evil.example.com/repos/Codertocat/Hello-World/actions/runs/1/deployment_protection_rule")
            .signed(Fixtures.SECRET);
        WebhookResult result = wired.adapter().webhooks().receive(d.body(), d.headers());
        assertThat(rejection(result)).isInstanceOf(CoexistError.Forbidden.class);
        assertThat(rejection(result).message()).contains("evil.example.com");
        assertThat(result.httpStatus()).isEqualTo(403);
        assertThat(wired.adapter().gateTimeouts().pending()).isZero();
        assertThat(wired.github().requests()).isEmpty();
      }
    }

    @Test
    @DisplayName("a callback URL for another repository, path or with a query is refused")
    void foreignPath() {
      String base = "https://api.github.com/repos/";
      for (String url : List.of(base + "octo/other/actions/runs/1/deployment_protection_rule",
          base + "Codertocat/Hello-World/actions/runs/1/approvals",
          base + "Codertocat/Hello-World/actions/runs/1/deployment_protection_rule?x=1",
          "http://api.github.com/repos/Codertocat/Hello-World/actions/runs/1/deployment_protection_rule",
          "https://user@api.github.com/repos/Codertocat/Hello-World/actions/runs/1/deployment_protection_rule",
          "not a url at all")) {
        assertThat(rejection(receive(fixture("deployment_protection_rule").with("/deployment_callback_url", url))))
            .as(url).isInstanceOf(CoexistError.Forbidden.class);
      }
    }

    @Test
    @DisplayName("on GitHub Enterprise Server the callback must be below the configured /api/v3")
    void enterpriseServer() {
      GitHubAdapter ghes = adapter(Map.of("coexist.github.api-url", "https://ghe.example.com/api/v3/"));
      try {
        SignedDelivery good = fixture("deployment_protection_rule")
            .callbackOn(java.net.URI.create("https://ghe.example.com/api/v3"), 77).signed(Fixtures.SECRET);
        DeploymentRequest r = only(ghes.webhooks().receive(good.body(), good.headers()), GateRequested.class).request();
        assertThat(r.replyTo()).containsEntry("run_id", "77");
        SignedDelivery outside = fixture("deployment_protection_rule")
            .callbackOn(java.net.URI.create("https://ghe.example.com"), 78).signed(Fixtures.SECRET);
        assertThat(rejection(ghes.webhooks().receive(outside.body(), outside.headers())))
            .isInstanceOf(CoexistError.Forbidden.class);
      } finally {
        ghes.close();
      }
    }

    @Test
    @DisplayName("the service comes from the repository mapping when one is configured")
    void serviceMapping() {
      GitHubAdapter mapped = adapter(Map.of("coexist.github.repository-services", "codertocat/hello-world=greeter"));
      try {
        SignedDelivery d = fixture("deployment_protection_rule").signed(Fixtures.SECRET);
        assertThat(only(mapped.webhooks().receive(d.body(), d.headers()), GateRequested.class).request().service().value())
            .isEqualTo("greeter");
      } finally {
        mapped.close();
      }
    }

    @Test
    @DisplayName("hints in the deployment payload reach the request")
    void payloadHints() {
      DeploymentRequest r = only(receive(fixture("deployment_protection_rule")
          .with("/deployment/payload/coexist/emergency", true)
          .with("/deployment/payload/coexist/rollback_plan", true)
          .with("/deployment/payload/coexist/hotfix_for", "INC-7")
          .with("/deployment/payload/coexist/change_model", 42)), GateRequested.class).request();
      assertThat(r.emergency()).isTrue();
      assertThat(r.rollbackPlan()).isTrue();
      assertThat(r.hotfixFor()).map(Object::toString).contains("INC-7");
      assertThat(r.changeModel()).isEmpty();
    }
  }

  @Nested
  @DisplayName("deployments (deployment, deployment_status)")
  class Deployments {
    @Test
    @DisplayName("a created deployment is in progress since its creation")
    void created() {
      DeploymentObserved d = only(receive(fixture("deployment")), DeploymentObserved.class);
      assertThat(d.deployment().status()).isEqualTo(Deployment.Status.IN_PROGRESS);
      assertThat(d.deployment().startedAt()).isEqualTo(Instant.parse("2019-05-15T15:20:53Z"));
      assertThat(d.deployment().sha()).contains(SHA);
      assertThat(d.deployment().environment()).isEqualTo("production");
      assertThat(d.production()).isTrue();
      assertThat(d.gateKey()).map(Object::toString).contains("github:codertocat/hello-world:run:30433642:production");
    }

    @Test
    @DisplayName("success, failure and error finish it; inactive and unknown states are ignored by name")
    void states() {
      assertThat(only(receive(fixture("deployment_status")), DeploymentObserved.class).deployment().finishedAt())
          .contains(Instant.parse("2019-05-15T15:20:55Z"));
      assertThat(only(receive(fixture("deployment_status").with("/deployment/id", 2L)
          .with("/deployment_status/state", "failure")), DeploymentObserved.class).deployment().status())
          .isEqualTo(Deployment.Status.FAILURE);
      assertThat(only(receive(fixture("deployment_status").with("/deployment/id", 3L)
          .with("/deployment_status/state", "error")), DeploymentObserved.class).deployment().status())
          .isEqualTo(Deployment.Status.FAILURE);
      assertThat(only(receive(fixture("deployment_status").with("/deployment/id", 4L)
          .with("/deployment_status/state", "waiting")), DeploymentObserved.class).deployment().status())
          .isEqualTo(Deployment.Status.IN_PROGRESS);
      assertThat(ignoredReason(receive(fixture("deployment_status").with("/deployment/id", 5L)
          .with("/deployment_status/state", "inactive")))).contains("inactive");
      assertThat(ignoredReason(receive(fixture("deployment_status").with("/deployment/id", 6L)
          .with("/deployment_status/state", "teleported")))).contains("teleported");
    }

    @Test
    @DisplayName("out of order: a status before its deployment counts, the late deployment and older statuses do not")
    void outOfOrder() {
      DeploymentObserved first = only(receive(fixture("deployment_status")), DeploymentObserved.class);
      assertThat(first.deployment().status()).isEqualTo(Deployment.Status.SUCCESS);
      assertThat(ignoredReason(receive(fixture("deployment")))).contains("already finished");
      assertThat(ignoredReason(receive(fixture("deployment_status").with("/deployment_status/state", "in_progress")
          .with("/deployment_status/id", 209916200L)))).contains("arrived late");
    }

    @Test
    @DisplayName("a newer status moves a deployment on; an older one arriving late does not move it back")
    void newerStatus() {
      receive(fixture("deployment_status").with("/deployment_status/state", "queued").with("/deployment_status/id", 10L));
      assertThat(ignoredReason(receive(fixture("deployment_status").with("/deployment_status/state", "queued")
          .with("/deployment_status/id", 9L)))).contains("newer status");
      assertThat(only(receive(fixture("deployment_status").with("/deployment_status/id", 11L)),
          DeploymentObserved.class).deployment().succeeded()).isTrue();
    }

    @Test
    @DisplayName("an environment not listed as production is reported as not production")
    void staging() {
      assertThat(only(receive(fixture("deployment").with("/deployment/environment", "staging")),
          DeploymentObserved.class).production()).isFalse();
      assertThat(only(receive(fixture("deployment").with("/deployment/id", 9L).with("/deployment/environment", "prod-eu")),
          DeploymentObserved.class).production()).isTrue();
    }

    @Test
    @DisplayName("carries the commits pushed since the last successful deployment, and names that sha")
    void commits() {
      receive(fixture("deployment_status").with("/deployment/sha", BEFORE_SHA).with("/deployment/id", 1L));
      receive(fixture("push"));
      DeploymentObserved d = only(receive(fixture("deployment_status")), DeploymentObserved.class);
      assertThat(d.previousSha()).contains(BEFORE_SHA);
      assertThat(d.deployment().commits()).extracting(Commit::sha).containsExactly(PULL_HEAD_SHA, SHA);
    }
  }

  @Nested
  @DisplayName("pipeline evidence (workflow_run, check_suite, check_run, pull_request_review)")
  class Evidence {
    @Test
    @DisplayName("a successful test workflow passes the tests of its sha")
    void workflowRun() {
      EvidenceObserved e = only(receive(fixture("workflow_run")), EvidenceObserved.class);
      assertThat(e.sha()).isEqualTo(SHA);
      assertThat(e.kind()).isEqualTo(EvidenceKind.TESTS);
      assertThat(e.evidence().tests()).isEqualTo(EvidenceStatus.PASSED);
    }

    @Test
    @DisplayName("a failed check run fails the tests even when another test workflow passed")
    void failureWins() {
      receive(fixture("workflow_run"));
      EvidenceObserved e = only(receive(fixture("check_run")), EvidenceObserved.class);
      assertThat(e.check()).isEqualTo("unit-tests");
      assertThat(e.evidence().tests()).isEqualTo(EvidenceStatus.FAILED);
      EvidenceObserved rerun = only(receive(fixture("check_run").with("/check_run/conclusion", "success")),
          EvidenceObserved.class);
      assertThat(rerun.evidence().tests()).isEqualTo(EvidenceStatus.PASSED);
    }

    @Test
    @DisplayName("a scanner's check suite is a security scan; GitHub Actions' own suites are left to workflow_run")
    void checkSuite() {
      assertThat(only(receive(fixture("check_suite")), EvidenceObserved.class).kind()).isEqualTo(EvidenceKind.SECURITY_SCAN);
      assertThat(ignoredReason(receive(fixture("check_suite").with("/check_suite/app/slug", "github-actions"))))
          .contains("workflow_run");
    }

    @Test
    @DisplayName("a check named like nothing configured is kept under its own name")
    void otherCheck() {
      EvidenceObserved e = only(receive(fixture("check_run").with("/check_run/name", "licence-audit")
          .with("/check_run/conclusion", "success")), EvidenceObserved.class);
      assertThat(e.kind()).isEqualTo(EvidenceKind.OTHER);
      assertThat(e.evidence().otherChecks()).containsEntry("licence-audit", EvidenceStatus.PASSED);
    }

    @Test
    @DisplayName("conclusions that prove nothing and results not yet in are ignored")
    void inconclusive() {
      assertThat(ignoredReason(receive(fixture("workflow_run").with("/workflow_run/conclusion", "cancelled"))))
          .contains("cancelled");
      assertThat(ignoredReason(receive(fixture("workflow_run").with("/action", "in_progress")))).contains("in_progress");
    }

    @Test
    @DisplayName("an approving review passes review for the reviewed commit, and the merge commit inherits it")
    void review() {
      EvidenceObserved e = only(receive(fixture("pull_request_review")), EvidenceObserved.class);
      assertThat(e.sha()).isEqualTo(PULL_HEAD_SHA);
      assertThat(e.kind()).isEqualTo(EvidenceKind.REVIEW);
      receive(fixture("pull_request"));
      DeploymentRequest r = only(receive(fixture("deployment_protection_rule")), GateRequested.class).request();
      assertThat(r.evidence().review()).isEqualTo(EvidenceStatus.PASSED);
      assertThat(ignoredReason(receive(fixture("pull_request_review").with("/review/state", "commented"))))
          .contains("commented");
    }
  }

  @Nested
  @DisplayName("commits (push, pull_request)")
  class Commits {
    @Test
    @DisplayName("a push lists its commits with their times, offsets honoured")
    void push() {
      CommitsPushed p = only(receive(fixture("push")), CommitsPushed.class);
      assertThat(p.defaultBranch()).isTrue();
      assertThat(p.headSha()).isEqualTo(SHA);
      assertThat(p.commits()).containsExactly(new Commit(PULL_HEAD_SHA, Instant.parse("2019-05-15T15:20:30Z")),
          new Commit(SHA, Instant.parse("2019-05-15T15:21:40Z")));
    }

    @Test
    @DisplayName("a push that deletes a branch is ignored")
    void deletedBranch() {
      assertThat(ignoredReason(receive(fixture("push").with("/deleted", true)))).contains("deleted");
    }

    @Test
    @DisplayName("a merged pull request reports its merge; one closed unmerged is ignored")
    void pullRequest() {
      PullRequestMerged m = only(receive(fixture("pull_request")), PullRequestMerged.class);
      assertThat(m.number()).isEqualTo(2);
      assertThat(m.mergeSha()).contains(SHA);
      assertThat(m.mergedAt()).isEqualTo(Instant.parse("2019-05-15T15:21:40Z"));
      assertThat(ignoredReason(receive(fixture("pull_request").with("/pull_request/merged", false))))
          .contains("without merging");
    }
  }

  @Nested
  @DisplayName("incidents (issues) and change markers (release)")
  class Signals {
    @Test
    @DisplayName("adding the incident label opens an incident")
    void labeled() {
      IncidentSignal s = only(receive(fixture("issues")), IncidentSignal.class);
      assertThat(s.kind()).isEqualTo(IncidentSignal.Kind.OPENED);
      assertThat(s.number()).isEqualTo(1);
      assertThat(s.service().value()).isEqualTo("Hello-World");
      assertThat(ignoredReason(receive(fixture("issues").with("/label/name", "bug")))).contains("incident");
    }

    @Test
    @DisplayName("becomes an alert for the incident desk: one per issue, severity from its labels, cleared on close")
    void alert() {
      Alert opened = only(receive(fixture("issues")), IncidentSignal.class).toAlert().get();
      assertThat(opened.source()).isEqualTo("github");
      assertThat(opened.correlationKey()).isEqualTo("github/Hello-World/Codertocat/Hello-World#1");
      assertThat(opened.severity()).isEqualTo(AlertSeverity.ERROR);
      assertThat(opened.isFiring()).isTrue();
      assertThat(opened.summary()).isEqualTo("#1 Checkout returns 502 since the last deploy");
      Alert closed = only(receive(fixture("issues").with("/action", "closed").with("/issue/closed_at",
          "2019-05-15T16:00:00Z").with("/issue/labels/1", Map.of("name", "sev1"))), IncidentSignal.class).toAlert().get();
      assertThat(closed.isFiring()).isFalse();
      assertThat(closed.severity()).isEqualTo(AlertSeverity.CRITICAL);
      assertThat(closed.correlationKey()).isEqualTo(opened.correlationKey());
    }

    @Test
    @DisplayName("closing a labelled issue resolves it at its closing time; unlabelled issues are ignored")
    void closed() {
      IncidentSignal s = only(receive(fixture("issues").with("/action", "closed")
          .with("/issue/closed_at", "2019-05-15T16:00:00Z")), IncidentSignal.class);
      assertThat(s.kind()).isEqualTo(IncidentSignal.Kind.RESOLVED);
      assertThat(s.at()).isEqualTo(Instant.parse("2019-05-15T16:00:00Z"));
      assertThat(ignoredReason(receive(fixture("issues").with("/action", "opened").with("/issue/labels", List.of()))))
          .contains("incident label");
    }

    @Test
    @DisplayName("a configured label is used, and issues can be switched off")
    void configured() {
      GitHubAdapter custom = adapter(Map.of("coexist.github.incident-label", "sev1"));
      GitHubAdapter off = adapter(Map.of("coexist.github.incident-issues", "false"));
      try {
        SignedDelivery d = fixture("issues").with("/label/name", "SEV1").signed(Fixtures.SECRET);
        assertThat(custom.webhooks().receive(d.body(), d.headers())).isInstanceOf(WebhookResult.Accepted.class);
        SignedDelivery e = fixture("issues").signed(Fixtures.SECRET);
        assertThat(ignoredReason(off.webhooks().receive(e.body(), e.headers()))).contains("incident-issues");
      } finally {
        custom.close();
        off.close();
      }
    }

    @Test
    @DisplayName("a published release is a change marker; other release actions are ignored")
    void release() {
      ReleaseMarker m = only(receive(fixture("release")), ReleaseMarker.class);
      assertThat(m.tag()).isEqualTo("0.0.1");
      assertThat(m.name()).contains("First release");
      assertThat(m.publishedAt()).isEqualTo(Instant.parse("2019-05-15T15:20:53Z"));
      assertThat(ignoredReason(receive(fixture("release").with("/action", "created")))).contains("created");
    }
  }

  @Test
  @DisplayName("the fixtures' deployment flow ends in a gate request and a successful deployment of the same run")
  void deploymentFlow() {
    List<Observation> seen = new java.util.ArrayList<>();
    for (Delivery d : GitHubDeliveries.deploymentFlow(java.net.URI.create("https://api.github.com"), 555L)) {
      WebhookResult result = receive(d);
      assertThat(result).as(d.event()).isInstanceOf(WebhookResult.Accepted.class);
      seen.addAll(((WebhookResult.Accepted) result).observations());
    }
    GateRequested gate = (GateRequested) seen.stream().filter(o -> o instanceof GateRequested).findFirst().orElseThrow();
    DeploymentObserved done = (DeploymentObserved) seen.get(seen.size() - 1);
    assertThat(done.deployment().succeeded()).isTrue();
    assertThat(done.gateKey()).contains(gate.request().idempotencyKey());
    assertThat(gate.request().evidence().allChecksPassed()).isTrue();
  }

  @Test
  @DisplayName("every event with a fixture is used, none merely ignored")
  void everyFixtureIsUsed() {
    for (String event : GitHubDeliveries.EVENTS) {
      WebhookResult result = receive(fixture(event));
      assertThat(result).as(event).isInstanceOfAny(WebhookResult.Accepted.class, WebhookResult.Ping.class);
    }
  }
}
