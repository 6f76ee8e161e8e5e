package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.app.json.Views;
import io.github.coexist.app.kpis.KpisCommand;
import io.github.coexist.standins.github.GitHubDeliveries;
import io.github.coexist.standins.github.GitHubStandIn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint of one server over real HTTP: in-memory ITSM, connected to a GitHub stand-in,
 * webhook secret and API token set, KPI facts written to an event log.
 */
class ServeEndpointsTest {
  static final String SECRET = "s3cret";
  static final String API_TOKEN = "api-t0ken";
  static final String ANA_TOKEN = "ana-t0ken";
  static final String REPO = GitHubDeliveries.REPOSITORY;
  static final String POLICY = """
      {"version": "test-1", "autoApproveUpTo": "high",
       "authorities": [{"name": "release-board", "quorum": 1, "expiry": "2h"}],
       "models": [{"name": "reviewed", "type": "normal", "authority": "release-board"}],
       "services": [{"id": "Hello-World", "owner": "octo", "tier": 3, "zone": "UTC"}]}
      """;

  @TempDir
  static Path dir;
  static GitHubStandIn github;
  static CoexistServer server;
  static Client client;

  @BeforeAll
  static void start() throws Exception {
    github = GitHubStandIn.builder().token("t0ken").start();
    Path policy = Files.writeString(dir.resolve("policy.json"), POLICY);
    server = ServeEnv.embedded(dir.resolve("data")).github(github, "t0ken", SECRET)
        .with("COEXIST_POLICY_FILE", policy.toString())
        .with("COEXIST_EVENT_LOG", dir.resolve("events.jsonl").toString())
        .with("COEXIST_API_TOKEN", API_TOKEN)
        .with("COEXIST_API_TOKENS_FILE", TokensFile.write(dir, Map.of("ana", ANA_TOKEN)).toString())
        .start();
    client = new Client(server.uri(), Map.of("Authorization", "Bearer " + API_TOKEN));
  }

  @AfterAll
  static void stop() {
    server.close();
    github.close();
  }

  @Nested
  @DisplayName("GitHub webhooks")
  class Webhooks {
    @Test
    @DisplayName("the fixtures' deployment flow ends with a closed change in the API and a review on GitHub")
    void deploymentFlow() {
      github.openGate(REPO, 77L, "production");
      for (GitHubDeliveries.Delivery d : GitHubDeliveries.deploymentFlow(github.apiUrl(), 77L)) {
        Client.Answer answer = client.deliver(d.signed(SECRET));
        assertThat(answer.status()).as(d.event()).isBetween(200, 299);
      }
      Client.await("the change is closed", () -> changes("state=closed").size() == 1);
      JsonNode change = changes("state=closed").get(0);
      assertThat(change.path("service").asText()).isEqualTo("Hello-World");
      assertThat(change.path("decision").path("outcome").asText()).isEqualTo("approved");
      assertThat(change.path("deployment").path("repository").asText()).isEqualTo(REPO);
      assertThat(change.path("deployment").path("environment").asText()).isEqualTo("production");
      assertThat(change.path("deployment").path("sha").asText()).isEqualTo(GitHubDeliveries.SHA);
      assertThat(change.path("risk").path("factors")).isNotEmpty()
          .allSatisfy(f -> assertThat(f.path("reason").asText()).isNotBlank());
      // the review goes to GitHub on its own schedule: the change may close before it lands
      Client.await("GitHub hears the approval", () -> github.gateState(REPO, 77L, "production").filter("approved"::equals).isPresent());
      assertThat(github.reviews()).anySatisfy(r -> {
        assertThat(r.runId()).isEqualTo(77L);
        assertThat(r.state()).contains("approved");
        assertThat(r.token()).isEqualTo("t0ken");
      });

      JsonNode one = client.get("/api/changes/" + change.path("id").asText()).json();
      assertThat(one.path("id").asText()).isEqualTo(change.path("id").asText());
      assertThat(one.path("state").asText()).isEqualTo("closed");
    }

    @Test
    @DisplayName("a redelivery is acknowledged as a duplicate and processed once")
    void duplicate() {
      github.openGate(REPO, 601L, "production");
      GitHubDeliveries.SignedDelivery delivery = gate(601L).signed(SECRET);
      int before = changes("").size();

      Client.Answer first = client.deliver(delivery);
      Client.Answer second = client.deliver(delivery);

      assertThat(first.status()).isEqualTo(202);
      assertThat(first.json().path("outcome").asText()).isEqualTo("accepted");
      assertThat(second.status()).isEqualTo(200);
      assertThat(second.json().path("outcome").asText()).isEqualTo("duplicate");
      Client.await("the delivery's work is done", () -> health().path("backlog").path("inbox").asInt() == 0
          && changes("").size() > before);
      assertThat(changes("")).hasSize(before + 1);
    }

    @Test
    @DisplayName("a wrong signature is refused with 401")
    void badSignature() {
      GitHubDeliveries.SignedDelivery delivery = gate(602L).signed("not-the-secret");
      Client.Answer answer = client.deliver(delivery);
      assertThat(answer.status()).isEqualTo(401);
      assertThat(answer.json().path("error").asText()).isEqualTo("unauthorized");
      assertThat(answer.json().path("message").asText()).contains("signature");
    }

    @Test
    @DisplayName("a delivery without a signature is refused with 401 when a secret is set")
    void missingSignature() {
      GitHubDeliveries.SignedDelivery signed = gate(603L).signed(SECRET);
      Map<String, String> headers = new HashMap<>(signed.headers());
      headers.remove("X-Hub-Signature-256");
      Client.Answer answer = client.post("/webhooks/github", signed.body(), headers);
      assertThat(answer.status()).isEqualTo(401);
      assertThat(answer.json().path("message").asText()).contains("no signature");
    }

    @Test
    @DisplayName("a correctly signed body that is not JSON is refused with 400 and the reason")
    void malformed() {
      byte[] body = "{\"action\": \"requested\", ".getBytes(StandardCharsets.UTF_8);
      Client.Answer answer = client.post("/webhooks/github", body,
          GitHubDeliveries.headers("deployment_protection_rule", "malformed-1", SECRET, body));
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.json().path("error").asText()).isEqualTo("invalid_input");
      assertThat(answer.json().path("problems")).isNotEmpty();
    }

    @Test
    @DisplayName("a ping is answered 200 with GitHub's zen")
    void ping() {
      Client.Answer answer = client.deliver(GitHubDeliveries.fixture("ping").signed(SECRET));
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.json().path("outcome").asText()).isEqualTo("ping");
    }
  }

  @Nested
  @DisplayName("changes and decisions")
  class Changes {
    @Test
    @DisplayName("a person approves a change waiting for its authority, and the review is posted on GitHub")
    void approve() {
      github.openGate(REPO, 501L, "production");
      client.deliver(gate(501L).with("/deployment/payload", Map.of("coexist", Map.of("change_model", "reviewed")))
          .signed(SECRET));
      Client.await("the change waits for the release board", () -> pendingChange().isPresent());
      String id = pendingChange().orElseThrow().path("id").asText();
      JsonNode pending = client.get("/api/changes/" + id).json();
      assertThat(pending.path("decision").path("authority").asText()).isEqualTo("release-board");
      assertThat(pending.path("approvals").path("status").asText()).isEqualTo("requested");
      assertThat(github.gateState(REPO, 501L, "production")).contains("pending");

      Client.Answer answer = client.post("/api/changes/" + id + "/decisions",
          "{\"verdict\": \"approve\", \"approver\": \"ana\", \"comment\": \"looks fine\"}", ana());

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.json().path("outcome").asText()).isEqualTo("approved");
      assertThat(answer.json().path("change").path("approvals").path("votes").get(0).path("approver").asText())
          .isEqualTo("ana");
      // The vote is answered at once; GitHub gets the answer from its workers.
      Client.await("GitHub gets the approval", () -> github.gateState(REPO, 501L, "production")
          .filter("approved"::equals).isPresent());
      assertThat(github.reviews()).anySatisfy(r -> {
        assertThat(r.runId()).isEqualTo(501L);
        assertThat(r.state()).contains("approved");
      });
      Client.Answer again = client.post("/api/changes/" + id + "/decisions",
          "{\"verdict\": \"reject\"}", ana());
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.json().path("error").asText()).isEqualTo("conflict");
    }

    @Test
    @DisplayName("a decision needs the API token, a known change and a well-formed body")
    void decisionErrors() {
      String body = "{\"verdict\": \"approve\", \"approver\": \"ana\"}";
      assertThat(client.post("/api/changes/ch-99999999/decisions", body, Map.of()).status()).isEqualTo(401);
      assertThat(client.post("/api/changes/ch-99999999/decisions", body,
          Map.of("Authorization", "Bearer wrong")).status()).isEqualTo(401);
      Client.Answer unknown = client.post("/api/changes/ch-99999999/decisions", body, ana());
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.json().path("error").asText()).isEqualTo("not_found");

      Client.Answer bad = client.post("/api/changes/ch-99999999/decisions",
          "{\"verdict\": \"maybe\", \"colour\": \"red\"}", ana());
      assertThat(bad.status()).isEqualTo(400);
      assertThat(texts(bad.json().path("problems"))).hasSize(2)
          .anySatisfy(p -> assertThat(p).contains("verdict must be approve or reject"))
          .anySatisfy(p -> assertThat(p).contains("colour is not a known field"));
      assertThat(client.post("/api/changes/ch-1/decisions", "not json", auth()).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("changes filter by service, state and outcome; an unknown state is a 400 naming the states")
    void filters() {
      assertThat(client.get("/api/changes?service=no-such-service").json().path("count").asInt()).isZero();
      Client.Answer bad = client.get("/api/changes?state=done&outcome=perhaps");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(texts(bad.json().path("problems"))).hasSize(2)
          .anySatisfy(p -> assertThat(p).contains("state must be one of [new, assess"));
      assertThat(client.get("/api/changes/ch-does-not-exist").status()).isEqualTo(404);
    }
  }

  @Nested
  @DisplayName("alerts, incidents and problems")
  class Incidents {
    @Test
    @DisplayName("a firing alert opens an incident, a repeat folds into it, and both are listed")
    void alerts() {
      String alert = "{\"source\": \"prometheus\", \"dedupKey\": \"checkout-5xx\", \"service\": \"checkout\","
          + " \"summary\": \"5xx above 2%\", \"severity\": \"critical\", \"status\": \"firing\","
          + " \"labels\": {\"team\": \"payments\"}}";
      Client.Answer opened = client.post("/alerts", alert, auth());
      assertThat(opened.status()).isEqualTo(201);
      assertThat(opened.json().path("outcome").asText()).isEqualTo("opened");
      String id = opened.json().path("incident").path("id").asText();
      assertThat(id).startsWith("INC-");

      Client.Answer folded = client.post("/alerts", alert, auth());
      assertThat(folded.status()).isEqualTo(200);
      assertThat(folded.json().path("outcome").asText()).isEqualTo("folded");
      assertThat(folded.json().path("incident").path("id").asText()).isEqualTo(id);

      JsonNode open = client.get("/api/incidents").json();
      assertThat(texts(open.path("incidents"), "id")).contains(id);
      assertThat(client.get("/api/incidents?all=true").json().path("count").asInt())
          .isGreaterThanOrEqualTo(open.path("count").asInt());
      JsonNode one = client.get("/api/incidents/" + id).json();
      assertThat(one.path("service").asText()).isEqualTo("checkout");
      assertThat(one.path("sla").path("response").path("targetSeconds").asLong()).isPositive();
      assertThat(one.has("suspects")).isTrue();
      assertThat(client.get("/api/incidents/INC-9999").status()).isEqualTo(404);
      assertThat(client.get("/api/incidents?all=maybe").status()).isEqualTo(400);
    }

    @Test
    @DisplayName("a malformed alert is refused with every problem; alerts need the API token")
    void badAlert() {
      Client.Answer bad = client.post("/alerts", "{\"source\": \"x\", \"severity\": \"dire\", \"at\": \"yesterday\","
          + " \"impact\": \"high\"}", auth());
      assertThat(bad.status()).isEqualTo(400);
      assertThat(texts(bad.json().path("problems")))
          .anySatisfy(p -> assertThat(p).contains("at must be an ISO-8601 time"))
          .anySatisfy(p -> assertThat(p).contains("impact must be a whole number"))
          .anySatisfy(p -> assertThat(p).contains("service is required"))
          .anySatisfy(p -> assertThat(p).contains("severity 'dire'"));
      assertThat(client.post("/alerts", "{}", Map.of()).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("a person rules an incident not change-related through the API, and takes it back; bad verdicts are refused")
    void verdict() {
      String alert = "{\"source\": \"prometheus\", \"dedupKey\": \"search-latency\", \"service\": \"checkout\","
          + " \"summary\": \"p99 above 800 ms\", \"severity\": \"warning\", \"status\": \"firing\"}";
      String id = client.post("/alerts", alert, auth()).json().path("incident").path("id").asText();
      JsonNode before = client.get("/api/incidents/" + id).json();
      assertThat(before.path("verdict").asText()).isEqualTo("unknown");
      assertThat(before.has("countsAgainst")).isTrue();

      Client.Answer ruled = client.post("/api/incidents/" + id + "/verdict", "{\"verdict\": \"not_change_related\"}", ana());
      assertThat(ruled.status()).isEqualTo(200);
      assertThat(ruled.json().path("verdict").asText()).isEqualTo("not_change_related");
      Client.Answer back = client.post("/api/incidents/" + id + "/verdict", "{\"verdict\": \"UNKNOWN\"}", ana());
      assertThat(back.json().path("verdict").asText()).isEqualTo("unknown");

      Client.Answer bad = client.post("/api/incidents/" + id + "/verdict", "{\"verdict\": \"caused_by_change\"}", ana());
      assertThat(bad.status()).isEqualTo(400);
      assertThat(texts(bad.json().path("problems"))).singleElement().asString().contains("names the change");
      assertThat(client.post("/api/incidents/" + id + "/verdict", "{\"verdict\": \"maybe\"}", ana()).status())
          .isEqualTo(400);
      assertThat(client.post("/api/incidents/" + id + "/verdict", "{\"verdict\": \"not_change_related\"}", Map.of())
          .status()).isEqualTo(401);
      assertThat(client.post("/api/incidents/INC-9999/verdict", "{\"verdict\": \"unknown\"}", ana()).status())
          .isEqualTo(404);
      assertThat(client.post("/api/incidents/" + id + "/verdict",
          "{\"verdict\": \"caused_by_change\", \"change\": \"ch-99999999\"}", ana()).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("problems are listed")
    void problems() {
      JsonNode problems = client.get("/api/problems").json();
      assertThat(problems.path("problems").isArray()).isTrue();
      assertThat(problems.path("count").asInt()).isEqualTo(problems.path("problems").size());
    }
  }

  @Nested
  @DisplayName("reports")
  class Reports {
    @Test
    @DisplayName("/api/kpis is exactly what the kpis command prints for the facts the service logged")
    void kpisMatchTheCommand() throws Exception {
      github.openGate(REPO, 88L, "production");
      for (GitHubDeliveries.Delivery d : GitHubDeliveries.deploymentFlow(github.apiUrl(), 88L)) {
        client.deliver(d.signed(SECRET));
      }
      Client.await("the work is done", () -> health().path("backlog").path("inbox").asInt() == 0);
      // The fixtures' deployments happened in 2019.
      String from = "2019-01-01";
      String to = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

      JsonNode served = client.get("/api/kpis?from=" + from + "&to=" + to).json();

      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      int code = KpisCommand.run(new String[] {"--events", dir.resolve("events.jsonl").toString(), "--from", from,
          "--to", to}, new PrintStream(printed, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
      assertThat(code).isZero();
      assertThat(served).isEqualTo(Views.JSON.readTree(printed.toByteArray()));
      assertThat(served.path("dora").path("deploymentFrequency").path("deployments").asInt()).isPositive();
    }

    @Test
    @DisplayName("/api/kpis defaults to the last 30 days and refuses a window that ends before it starts")
    void kpisWindow() {
      JsonNode served = client.get("/api/kpis?service=Hello-World").json();
      Instant from = Instant.parse(served.path("window").path("from").asText());
      Instant to = Instant.parse(served.path("window").path("to").asText());
      assertThat(java.time.Duration.between(from, to)).isEqualTo(java.time.Duration.ofDays(30));
      assertThat(served.path("service").asText()).isEqualTo("Hello-World");
      Client.Answer bad = client.get("/api/kpis?from=2025-02-01&to=2025-01-01");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(client.get("/api/kpis?from=last-week").status()).isEqualTo(400);
    }

    @Test
    @DisplayName("/api/audit pages the trail and verifies the chain intact")
    void audit() {
      client.post("/alerts", "{\"source\": \"grafana\", \"dedupKey\": \"audit-probe\", \"service\": \"search\","
          + " \"summary\": \"slow\", \"severity\": \"warning\", \"status\": \"firing\"}", auth());
      JsonNode audit = client.get("/api/audit?limit=2").json();
      assertThat(audit.path("entries")).hasSize(2);
      assertThat(audit.path("entries").get(0).path("sequence").asLong()).isEqualTo(1);
      JsonNode next = client.get("/api/audit?limit=2&cursor=" + audit.path("next").asText()).json();
      assertThat(next.path("entries").get(0).path("sequence").asLong()).isEqualTo(3);
      assertThat(audit.path("verification").path("intact").asBoolean()).isTrue();
      assertThat(audit.path("verification").path("entriesChecked").asLong()).isGreaterThanOrEqualTo(2);
      assertThat(client.get("/api/audit?from=0&limit=5000").status()).isEqualTo(400);
    }

    @Test
    @DisplayName("/ is the dashboard page, which asks the API for its data")
    void dashboard() {
      Client.Answer page = client.get("/");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.contentType()).startsWith("text/html");
      assertThat(page.body()).contains("<html").contains("api/dashboard/summary");
      assertThat(client.get("/api/dashboard/summary").json().path("kpis").isObject()).isTrue();
    }

    @Test
    @DisplayName("/health tells the ITSM tool, the GitHub mode and what waits")
    void healthReport() {
      JsonNode health = health();
      assertThat(health.path("itsm").asText()).isEqualTo("inmemory");
      assertThat(health.path("github").asText()).isEqualTo("connected");
      assertThat(health.path("signaturesChecked").asBoolean()).isTrue();
      assertThat(health.path("store").path("kind").asText()).isEqualTo("embedded");
      assertThat(health.path("store").path("database").asText()).isEqualTo("sqlite");
      assertThat(health.path("version").asText()).isNotBlank();
      assertThat(health.path("backlog").has("pending")).isTrue();
      assertThat(health.path("status").asText()).isIn("ok", "degraded");
    }
  }

  @Nested
  @DisplayName("HTTP errors")
  class Errors {
    @Test
    @DisplayName("an unknown path is 404, a wrong method 405, an oversized body 413, each as JSON")
    void errors() {
      Client.Answer missing = client.get("/api/nothing-here");
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.json().path("error").asText()).isEqualTo("not_found");
      Client.Answer wrongMethod = client.send("DELETE", "/api/changes");
      assertThat(wrongMethod.status()).isEqualTo(405);
      assertThat(wrongMethod.json().path("error").asText()).isEqualTo("method_not_allowed");
      assertThat(wrongMethod.raw().headers().firstValue("Allow")).hasValue("GET, HEAD");
      assertThat(client.get("/webhooks/github").status()).isEqualTo(405);
      assertThat(client.post("/webhooks/jira", "{}", Map.of()).status()).isEqualTo(404);
      Client.Answer tooLarge = client.post("/alerts", new byte[25 * 1024 * 1024 + 100], auth());
      assertThat(tooLarge.status()).isEqualTo(413);
      assertThat(tooLarge.json().path("error").asText()).isEqualTo("payload_too_large");
    }
  }

  static GitHubDeliveries.Delivery gate(long runId) {
    return GitHubDeliveries.fixture("deployment_protection_rule").callbackOn(github.apiUrl(), runId);
  }

  static Map<String, String> auth() {
    return Map.of("Authorization", "Bearer " + API_TOKEN, "Content-Type", "application/json");
  }

  /** The headers of a post by ana, with her personal token. */
  static Map<String, String> ana() {
    return TokensFile.bearer(ANA_TOKEN);
  }

  static JsonNode health() {
    return client.get("/health").json();
  }

  static List<JsonNode> changes(String query) {
    JsonNode answer = client.get("/api/changes?" + query).json();
    return StreamSupport.stream(answer.path("changes").spliterator(), false).toList();
  }

  static Optional<JsonNode> pendingChange() {
    return changes("outcome=pending").stream()
        .filter(c -> "release-board".equals(c.path("decision").path("authority").asText()))
        .findFirst();
  }

  static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  static List<String> texts(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
  }
}
