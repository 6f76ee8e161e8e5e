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
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} stopped and started again on the same data directory and event log, over real
 * HTTP, with GitHub's stand-in answering the gates: what the embedded store keeps survives.
 */
class ServeRestartTest {
  private static final String SECRET = "restart-s3cret";
  private static final String TOKEN = "t0ken";
  private static final String REPO = GitHubDeliveries.REPOSITORY;
  private static final String POLICY = """
      {"version": "restart-1", "autoApproveUpTo": "high",
       "services": [{"id": "Hello-World", "owner": "octo", "tier": 3, "zone": "UTC"}]}
      """;
  /** What a run killed while writing an event leaves at the end of the log. */
  private static final String HALF_LINE = "{\"type\": \"deployment\", \"id\": \"half-writ";

  @TempDir
  Path dir;
  private GitHubStandIn github;
  private Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    github = GitHubStandIn.builder().token(TOKEN).start();
    env = new HashMap<>();
    env.put("COEXIST_PORT", "0");
    env.put("COEXIST_GITHUB_API_URL", github.apiUrl().toString());
    env.put("COEXIST_GITHUB_TOKEN", TOKEN);
    env.put("COEXIST_GITHUB_WEBHOOK_SECRET", SECRET);
    env.put("COEXIST_POLICY_FILE", Files.writeString(dir.resolve("policy.json"), POLICY).toString());
    env.put("COEXIST_EVENT_LOG", dir.resolve("events.jsonl").toString());
    env.put("COEXIST_DATA_DIR", dir.resolve("data").toString());
    env.put("COEXIST_TICK_INTERVAL", "1h");
  }

  @AfterEach
  void tearDown() {
    github.close();
  }

  @Test
  @DisplayName("after a restart the audit chain goes on and verifies, a redelivered webhook is a duplicate, "
      + "/health names the store, and the event log is appended to")
  void restart() throws Exception {
    GitHubDeliveries.SignedDelivery gate = null;
    long lastSequence;
    Path events = dir.resolve("events.jsonl");
    try (CoexistServer first = start()) {
      Client client = new Client(first.uri());
      github.openGate(REPO, 901L, "production");
      List<GitHubDeliveries.Delivery> flow = GitHubDeliveries.deploymentFlow(github.apiUrl(), 901L);
      for (GitHubDeliveries.Delivery d : flow) {
        GitHubDeliveries.SignedDelivery signed = d.signed(SECRET);
        gate = d.event().equals("deployment_protection_rule") ? signed : gate;
        assertThat(client.deliver(signed).status()).as(d.event()).isBetween(200, 299);
      }
      assertThat(gate).isNotNull();
      Client.await("the change is closed", () -> changes(client).size() == 1
          && changes(client).get(0).path("state").asText().equals("closed"));
      Client.await("GitHub hears the approval",
          () -> github.gateState(REPO, 901L, "production").filter("approved"::equals).isPresent());
      JsonNode audit = audit(client);
      assertThat(audit.path("verification").path("intact").asBoolean()).isTrue();
      lastSequence = lastSequence(audit);
      assertThat(lastSequence).isGreaterThanOrEqualTo(2);
    }
    long reviewsOf901 = reviews(901L);
    assertThat(reviewsOf901).isPositive();
    List<String> firstRun = Files.readAllLines(events);
    assertThat(firstRun).isNotEmpty();
    Files.writeString(events, HALF_LINE, StandardOpenOption.APPEND);

    try (CoexistServer second = start()) {
      Client client = new Client(second.uri());
      JsonNode store = client.get("/health").json().path("store");
      assertThat(store.path("kind").asText()).isEqualTo("embedded");
      assertThat(store.path("database").asText()).isEqualTo("sqlite");
      assertThat(store.path("location").asText()).endsWith(dir.resolve("data").resolve("coexist.db").toString());
      assertThat(store.path("schemaVersion").asText()).isNotBlank();
      assertThat(store.path("durable")).extracting(JsonNode::asText)
          .contains("changes with their votes, decisions and pending writes", "the inbox of signals", "the audit trail");
      assertThat(store.path("holdsLease").asBoolean()).isTrue();
      List<JsonNode> kept = changes(client);
      assertThat(kept).as("the first run's change is still there").hasSize(1);
      assertThat(kept.get(0).path("state").asText()).isEqualTo("closed");

      // GitHub redelivers the gate after the restart: recognised, and no second change is made.
      Client.Answer again = client.deliver(gate);
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.json().path("outcome").asText()).isEqualTo("duplicate");

      // A new run is gated as a new change, and its audit entries continue the first run's chain.
      github.openGate(REPO, 902L, "production");
      for (GitHubDeliveries.Delivery d : GitHubDeliveries.deploymentFlow(github.apiUrl(), 902L)) {
        assertThat(client.deliver(d.signed(SECRET)).status()).as(d.event()).isBetween(200, 299);
      }
      Client.await("the new gate is approved on GitHub",
          () -> github.gateState(REPO, 902L, "production").filter("approved"::equals).isPresent());
      assertThat(changes(client)).hasSize(2).extracting(c -> c.path("id").asText()).doesNotHaveDuplicates();
      assertThat(reviews(901L)).as("no second answer for the redelivered gate").isEqualTo(reviewsOf901);
      assertThat(reviews(902L)).isPositive();

      JsonNode audit = audit(client);
      assertThat(audit.path("verification").path("intact").asBoolean()).isTrue();
      assertThat(audit.path("verification").path("entriesChecked").asLong()).isGreaterThan(lastSequence);
      assertThat(audit.path("entries").get(0).path("sequence").asLong()).isEqualTo(1);
      JsonNode continued = client.get("/api/audit?from=" + (lastSequence + 1) + "&limit=1").json();
      assertThat(continued.path("entries")).hasSize(1);
      assertThat(continued.path("entries").get(0).path("sequence").asLong()).isEqualTo(lastSequence + 1);
      assertThat(lastSequence(audit)).isGreaterThan(lastSequence);
    }

    List<String> lines = Files.readAllLines(events);
    assertThat(lines.subList(0, firstRun.size())).isEqualTo(firstRun);
    assertThat(lines.get(firstRun.size())).isEqualTo(HALF_LINE);
    assertThat(lines.size()).isGreaterThan(firstRun.size() + 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = KpisCommand.run(new String[] {"--events", events.toString(), "--from", "2019-01-01", "--to",
        "2100-01-01"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(events + ":" + (firstRun.size() + 1) + ":")
        .contains("skipped 1 bad line(s) of " + lines.size());
    assertThat(Views.JSON.readTree(out.toByteArray()).path("dora").path("deploymentFrequency").path("deployments")
        .asInt()).isPositive();
  }

  @Test
  @DisplayName("with COEXIST_STORE=memory nothing is written to the data directory and /health says so")
  void memory() {
    env.put("COEXIST_STORE", "memory");
    try (CoexistServer server = start()) {
      JsonNode store = new Client(server.uri()).get("/health").json().path("store");
      assertThat(store.path("kind").asText()).isEqualTo("memory");
      assertThat(store.path("location").isNull()).isTrue();
      assertThat(store.path("durable")).isEmpty();
    }
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  @DisplayName("a change waiting for two votes, one given before a restart, is approved by the second after it, "
      + "and GitHub hears the approval")
  void pendingVotesSurvive() throws Exception {
    env.put("COEXIST_API_TOKEN", TOKEN);
    env.put("COEXIST_POLICY_FILE", Files.writeString(dir.resolve("board.json"), """
        {"version": "board-1", "autoApproveUpTo": "high",
         "authorities": [{"name": "release-board", "quorum": 2, "expiry": "2h"}],
         "models": [{"name": "reviewed", "type": "normal", "authority": "release-board"}],
         "services": [{"id": "Hello-World", "owner": "octo", "tier": 3, "zone": "UTC"}]}
        """).toString());
    env.put("COEXIST_API_TOKENS_FILE", TokensFile.write(dir, Map.of("ana", "ana-t0ken", "bo", "bo-t0ken")).toString());
    Map<String, String> read = Map.of("Authorization", "Bearer " + TOKEN);
    github.openGate(REPO, 903L, "production");
    String id;
    try (CoexistServer first = start()) {
      Client client = new Client(first.uri(), read);
      assertThat(client.deliver(GitHubDeliveries.fixture("deployment_protection_rule")
          .callbackOn(github.apiUrl(), 903L)
          .with("/deployment/payload", Map.of("coexist", Map.of("change_model", "reviewed"))).signed(SECRET))
          .status()).isEqualTo(202);
      Client.await("the change waits for the board", () -> changes(client).size() == 1);
      id = changes(client).get(0).path("id").asText();
      Client.Answer vote = client.post("/api/changes/" + id + "/decisions",
          "{\"verdict\": \"approve\"}", TokensFile.bearer("ana-t0ken"));
      assertThat(vote.json().path("outcome").asText()).isEqualTo("pending");
    }
    assertThat(github.gateState(REPO, 903L, "production")).contains("pending");

    try (CoexistServer second = start()) {
      Client client = new Client(second.uri(), read);
      JsonNode waiting = client.get("/api/changes/" + id).json();
      assertThat(waiting.path("approvals").path("votes")).hasSize(1);
      Client.Answer vote = client.post("/api/changes/" + id + "/decisions",
          "{\"verdict\": \"approve\", \"approver\": \"bo\"}", TokensFile.bearer("bo-t0ken"));
      assertThat(vote.status()).isEqualTo(200);
      assertThat(vote.json().path("outcome").asText()).isEqualTo("approved");
      Client.await("GitHub hears the approval",
          () -> github.gateState(REPO, 903L, "production").filter("approved"::equals).isPresent());
    }
  }

  private CoexistServer start() {
    return CoexistServer.start(env).getOrElseThrow(e -> new AssertionError(e.message()));
  }

  private long reviews(long runId) {
    return github.reviews().stream().filter(r -> r.runId() == runId).count();
  }

  private static List<JsonNode> changes(Client client) {
    return client.all("/api/changes", "changes");
  }

  private static JsonNode audit(Client client) {
    JsonNode audit = client.get("/api/audit?limit=1000").json();
    assertThat(audit.path("next").isNull()).as("the whole trail fits one page").isTrue();
    return audit;
  }

  private static long lastSequence(JsonNode audit) {
    JsonNode entries = audit.path("entries");
    return entries.get(entries.size() - 1).path("sequence").asLong();
  }
}
