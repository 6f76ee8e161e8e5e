package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.standins.github.GitHubDeliveries;
import io.github.coexist.standins.github.GitHubStandIn;
import io.github.coexist.standins.servicenow.ServiceNowStandIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} while ServiceNow takes connections in and never answers (issue 15): GitHub's gate
 * webhooks and alerts are still answered at once, GitHub gets the gate's answers, readiness and
 * health tell the breaker is open, and once ServiceNow answers again every owed record is created
 * exactly once.
 */
class ServeHangingItsmTest {
  private static final String SECRET = "hang-s3cret";
  private static final String TOKEN = "t0ken";
  private static final String REPO = GitHubDeliveries.REPOSITORY;
  private static final int GATES = 20;
  /** The promise: a webhook is answered within 1 s whatever the ITSM tool does. */
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(1);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  @DisplayName("with ServiceNow hanging, 20 signed gate webhooks and an alert are answered within 1 s, GitHub gets "
      + "its answers, the breaker opens; when ServiceNow is back, each owed record is created once")
  void hangingServiceNowHoldsUpNothing(@TempDir Path dir) throws Exception {
    try (GitHubStandIn github = GitHubStandIn.builder().token(TOKEN).start();
        ServiceNowStandIn servicenow = ServiceNowStandIn.start()) {
      servicenow.addStandardTemplate("routine");
      try (CoexistServer server = CoexistServer.start(environment(dir, github, servicenow))
          .getOrElseThrow(e -> new AssertionError(e.message()))) {
        Client client = new Client(server.uri());
        // A first delivery warms the JVM up (classes, JIT) on a busy machine; it is not what is measured.
        assertThat(client.deliver(GitHubDeliveries.fixture("ping").signed(SECRET)).status()).isBetween(200, 202);
        servicenow.hang();
        // On another service: an open P1 on Hello-World would rightly stop its standard changes being pre-authorised.
        String alert = "{\"source\": \"prometheus\", \"dedupKey\": \"checkout-5xx\", \"service\": \"checkout\","
            + " \"summary\": \"5xx above 2%\", \"severity\": \"critical\", \"status\": \"firing\"}";
        assertThat(postWithin(server.uri(), "/alerts", alert.getBytes(), Map.of("Content-Type", "application/json"))
            .statusCode()).as("alert answered").isBetween(200, 202);

        for (long run = 1; run <= GATES; run++) {
          github.openGate(REPO, run, "production");
          GitHubDeliveries.SignedDelivery gate = GitHubDeliveries.fixture("deployment_protection_rule")
              .callbackOn(github.apiUrl(), run)
              .with("/deployment/payload", Map.of("coexist", Map.of("change_model", "routine"))).signed(SECRET);
          assertThat(postWithin(server.uri(), "/webhooks/github", gate.body(), gate.headers()).statusCode())
              .as("gate webhook %d answered", run).isEqualTo(202);
        }
        Client.await("GitHub has every gate's answer while ServiceNow hangs", () -> LongStream.rangeClosed(1, GATES)
            .allMatch(run -> github.gateState(REPO, run, "production").filter("approved"::equals).isPresent()));
        assertThat(servicenow.records("change_request")).as("nothing reached ServiceNow yet").isEmpty();

        Client.await("the ServiceNow breaker is open", () ->
            client.get("/health/ready").json().path("tools").path("servicenow").asText().equals("open"));
        assertThat(client.get("/health/ready").status()).as("a tool down keeps coexist ready").isEqualTo(200);
        JsonNode health = client.get("/health").json();
        assertThat(health.path("status").asText()).isEqualTo("degraded");
        assertThat(health.path("tools").path("servicenow").path("breaker").asText()).isEqualTo("open");
        assertThat(health.path("tools").path("github").path("breaker").asText()).isEqualTo("closed");
        assertThat(health.path("backlog").path("changesToSync").asInt()).isEqualTo(GATES);
        assertThat(servicenow.records("change_request")).as("nothing reached ServiceNow").isEmpty();
        assertThat(servicenow.hungRequests()).isPositive();

        servicenow.answerAgain();
        Client.await("every owed record is in ServiceNow", () -> {
          JsonNode backlog = client.get("/health").json().path("backlog");
          return backlog.path("changesToSync").asInt() == 0 && backlog.path("incidentsToSync").asInt() == 0
              && client.get("/api/incidents").json().path("incidents").path(0).path("itsmKey").asText()
                  .startsWith("INC");
        });
        List<String> keys = changes(client).stream().map(c -> c.path("itsmKey").asText()).toList();
        assertThat(keys).hasSize(GATES).allSatisfy(k -> assertThat(k).startsWith("CHG")).doesNotHaveDuplicates();
        assertThat(servicenow.records("change_request")).as("one record per change").hasSize(GATES);
        assertThat(servicenow.records("incident")).as("one record for the incident").hasSize(1);
      }
    }
  }

  @Test
  @DisplayName("with ServiceNow hanging while changes wait for its approval, the tick is not held: new gates are "
      + "decided and GitHub answered within 2 s each; the approval given meanwhile is read back once it answers")
  void hangingReadBackHoldsUpNoTick(@TempDir Path dir) throws Exception {
    try (GitHubStandIn github = GitHubStandIn.builder().token(TOKEN).start();
        ServiceNowStandIn servicenow = ServiceNowStandIn.start()) {
      servicenow.addStandardTemplate("routine");
      Map<String, String> env = environment(dir, github, servicenow);
      // Nothing but the routine model is approved by policy: the other changes wait for ServiceNow's approval.
      env.put("COEXIST_POLICY_FILE", java.nio.file.Files.writeString(dir.resolve("waiting.json"), """
          {"version": "hang-2", "autoApproveUpTo": "none",
           "models": [{"name": "routine", "type": "standard"}],
           "services": [{"id": "Hello-World", "owner": "octo", "tier": 3, "zone": "UTC"}]}
          """).toString());
      try (CoexistServer server = CoexistServer.start(env).getOrElseThrow(e -> new AssertionError(e.message()))) {
        Client client = new Client(server.uri());
        for (long run = 1; run <= 3; run++) {
          gate(server, github, run, Map.of());
        }
        Client.await("the waiting changes are recorded in ServiceNow", () ->
            servicenow.records("change_request").size() == 3);

        servicenow.hang();
        long slowest = 0;
        for (long run = 4; run <= 8; run++) {
          // Each a second apart: every tick meanwhile would read the waiting changes back from ServiceNow.
          Thread.sleep(1_000);
          long start = System.nanoTime();
          gate(server, github, run, Map.of("coexist", Map.of("change_model", "routine")));
          long gateRun = run;
          Client.await("GitHub has gate " + run + "'s answer", () ->
              github.gateState(REPO, gateRun, "production").filter("approved"::equals).isPresent());
          slowest = Math.max(slowest, Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
        assertThat(slowest).as("the slowest webhook-to-answer while ServiceNow hangs, in ms").isLessThan(2_000);
        assertThat(servicenow.hungRequests()).as("the workers did ask ServiceNow").isPositive();

        servicenow.answerAgain();
        Client.await("every change is in step with ServiceNow", () ->
            client.get("/health").json().path("backlog").path("changesToSync").asInt() == 0);
        assertThat(servicenow.approvePending()).as("changes waiting for ServiceNow's approval").isEqualTo(3);
        Client.await("the approvals given in ServiceNow are read back", () ->
            client.get("/api/changes?outcome=approved&limit=200").json().path("count").asInt() == 8);
      }
    }
  }

  private static void gate(CoexistServer server, GitHubStandIn github, long run, Map<String, Object> payload)
      throws Exception {
    github.openGate(REPO, run, "production");
    GitHubDeliveries.SignedDelivery gate = GitHubDeliveries.fixture("deployment_protection_rule")
        .callbackOn(github.apiUrl(), run).with("/deployment/payload", payload).signed(SECRET);
    assertThat(postWithin(server.uri(), "/webhooks/github", gate.body(), gate.headers()).statusCode())
        .as("gate webhook %d answered", run).isEqualTo(202);
  }

  /** Posts {@code body}, failing unless the answer comes within {@link #ANSWER_WITHIN}. */
  private static HttpResponse<String> postWithin(URI base, String path, byte[] body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(ANSWER_WITHIN)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach((name, value) -> {
      if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Host")) {
        request.header(name, value);
      }
    });
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> environment(Path dir, GitHubStandIn github, ServiceNowStandIn servicenow)
      throws Exception {
    Map<String, String> env = StandInServe.environment(dir, github, TOKEN, SECRET, servicenow, "hang-1");
    env.put("COEXIST_STORE", "memory");
    env.put("COEXIST_SERVICENOW_CMDB", "false");
    // A hung call gives up after 5 s, once: the breaker opens once four did, for 2 s at a time. Until
    // then only the workers wait: answers that waited for the tool would not all reach GitHub in time.
    env.put("COEXIST_SERVICENOW_REQUEST_TIMEOUT", "5s");
    env.put("COEXIST_SERVICENOW_MAX_ATTEMPTS", "1");
    env.put("COEXIST_BREAKER_OPEN_FOR", "2s");
    return env;
  }

  private static List<JsonNode> changes(Client client) {
    return client.all("/api/changes", "changes");
  }
}
