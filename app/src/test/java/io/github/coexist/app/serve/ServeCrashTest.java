package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.app.Waiting;
import io.github.coexist.standins.github.GitHubDeliveries;
import io.github.coexist.standins.github.GitHubStandIn;
import io.github.coexist.standins.servicenow.ServiceNowStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve} killed with SIGKILL in the middle of a burst of signed gate deliveries, then
 * started again on the same data: nothing it acknowledged is lost or done twice.
 */
class ServeCrashTest {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCrashTest.class);
  private static final String SECRET = "crash-s3cret";
  private static final String TOKEN = "t0ken";
  private static final String REPO = GitHubDeliveries.REPOSITORY;
  private static final int DELIVERIES = 400;
  private static final int ACKS_BEFORE_KILL = 120;

  @Test
  @DisplayName("every gate delivery answered 2xx before a SIGKILL is decided once after the restart: one change, "
      + "one ServiceNow record, GitHub answered, and the audit trail verifies")
  void sigkillDuringBurst(@TempDir Path dir) throws Exception {
    try (GitHubStandIn github = GitHubStandIn.builder().token(TOKEN).start();
        ServiceNowStandIn servicenow = ServiceNowStandIn.start()) {
      servicenow.addService("Hello-World", "octo", 3);
      servicenow.addStandardTemplate("routine");
      Map<String, String> env = environment(dir, github, servicenow);
      List<Long> acknowledged = new ArrayList<>();
      try (ServeProcess first = ServeProcess.start(dir, "first", env)) {
        Client client = new Client(first.uri());
        for (long run = 1; run <= DELIVERIES; run++) {
          github.openGate(REPO, run, "production");
          // A routine change the policy pre-authorises: each gate is approved at once.
          GitHubDeliveries.SignedDelivery gate = GitHubDeliveries.fixture("deployment_protection_rule")
              .callbackOn(github.apiUrl(), run)
              .with("/deployment/payload", Map.of("coexist", Map.of("change_model", "routine"))).signed(SECRET);
          if (acknowledged.size() == ACKS_BEFORE_KILL) {
            first.kill(); // while the burst goes on: this delivery and the rest find no one
          }
          try {
            if (client.deliver(gate).status() == 202) {
              acknowledged.add(run);
            }
          } catch (RuntimeException refused) {
            break;
          }
        }
        assertThat(first.process().exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
      }
      assertThat(acknowledged).hasSize(ACKS_BEFORE_KILL);

      try (ServeProcess second = ServeProcess.start(dir, "second", env)) {
        Client client = new Client(second.uri());
        second.awaitOrExplain("every acknowledged gate is answered on GitHub",
            () -> acknowledged.stream().allMatch(run -> github.gateState(REPO, run, "production")
                .filter("approved"::equals).isPresent()));
        second.awaitOrExplain("the inbox is empty",
            () -> client.get("/health").json().path("backlog").path("inbox").asInt() == 0);
        // ServiceNow's records are written by its own workers, after GitHub's answers: wait for them too.
        second.awaitOrExplain("every change is recorded in ServiceNow",
            () -> changes(client).stream().allMatch(c -> c.path("itsmKey").asText().startsWith("CHG")));

        List<JsonNode> changes = changes(client);
        LOG.info("{} gate deliveries acknowledged before SIGKILL; {} changes after the restart", acknowledged.size(),
            changes.size());
        // A delivery kept but not yet answered when the process died is decided too: more changes
        // than acknowledgements is fine, fewer is a loss.
        assertThat(changes).hasSizeGreaterThanOrEqualTo(acknowledged.size());
        Set<String> runs = changes.stream().map(c -> c.path("id").asText()).collect(Collectors.toSet());
        assertThat(runs).as("no change twice").hasSize(changes.size());
        List<String> keys = changes.stream().map(c -> c.path("itsmKey").asText()).toList();
        assertThat(keys).as("every change recorded in ServiceNow").allSatisfy(k -> assertThat(k).startsWith("CHG"))
            .doesNotHaveDuplicates();
        assertThat(servicenow.records("change_request")).as("no ServiceNow record twice").hasSize(changes.size());
        for (long run : acknowledged) {
          assertThat(github.reviews().stream().filter(r -> r.runId() == run).count())
              .as("run " + run + " answered").isPositive();
        }
        JsonNode audit = client.get("/api/audit?limit=1").json();
        assertThat(audit.path("verification").path("intact").asBoolean()).isTrue();
      }
    }
  }

  @Test
  @DisplayName("SIGKILL while a CAB change waits for its second vote: after the restart the first vote still "
      + "counts, the second approves the change and GitHub hears the approval")
  void sigkillWhileCabChangePending(@TempDir Path dir) throws Exception {
    try (GitHubStandIn github = GitHubStandIn.builder().token(TOKEN).start()) {
      Map<String, String> env = new HashMap<>();
      env.put("COEXIST_PORT", "0");
      env.put("COEXIST_TICK_INTERVAL", "1s");
      env.put("COEXIST_GITHUB_API_URL", github.apiUrl().toString());
      env.put("COEXIST_GITHUB_TOKEN", TOKEN);
      env.put("COEXIST_GITHUB_WEBHOOK_SECRET", SECRET);
      env.put("COEXIST_DATA_DIR", dir.resolve("data").toString());
      env.put("COEXIST_API_TOKEN", "reader-t0ken");
      env.put("COEXIST_API_TOKENS_FILE", TokensFile.write(dir, Map.of("ana", "ana-t0ken", "bo", "bo-t0ken"))
          .toString());
      env.put("COEXIST_POLICY_FILE", Files.writeString(dir.resolve("board.json"), """
          {"version": "board-1", "autoApproveUpTo": "high",
           "authorities": [{"name": "release-board", "quorum": 2, "expiry": "2h"}],
           "models": [{"name": "reviewed", "type": "normal", "authority": "release-board"}],
           "services": [{"id": "Hello-World", "owner": "octo", "tier": 3, "zone": "UTC"}]}
          """).toString());
      Map<String, String> read = Map.of("Authorization", "Bearer reader-t0ken");
      github.openGate(REPO, 77L, "production");
      String id;
      try (ServeProcess first = ServeProcess.start(dir, "first", env)) {
        Client client = new Client(first.uri(), read);
        assertThat(client.deliver(GitHubDeliveries.fixture("deployment_protection_rule")
            .callbackOn(github.apiUrl(), 77L)
            .with("/deployment/payload", Map.of("coexist", Map.of("change_model", "reviewed"))).signed(SECRET))
            .status()).isEqualTo(202);
        first.awaitOrExplain("the change waits for the board", () -> changes(client).size() == 1);
        id = changes(client).get(0).path("id").asText();
        Client.Answer vote = client.post("/api/changes/" + id + "/decisions", "{\"verdict\": \"approve\"}",
            TokensFile.bearer("ana-t0ken"));
        assertThat(vote.status()).isEqualTo(200);
        assertThat(vote.json().path("outcome").asText()).isEqualTo("pending");
        first.kill();
        assertThat(first.process().exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
      }
      assertThat(github.gateState(REPO, 77L, "production")).as("GitHub's gate after the SIGKILL").contains("pending");

      try (ServeProcess second = ServeProcess.start(dir, "second", env)) {
        Client client = new Client(second.uri(), read);
        // The killed instance never gave the lease up: the new one takes it once it lapses, then decides.
        second.awaitOrExplain("the restarted instance holds the lease",
            () -> client.get("/health").json().path("store").path("holdsLease").asBoolean());
        JsonNode waiting = client.get("/api/changes/" + id).json();
        assertThat(waiting.path("approvals").path("votes")).as("the vote given before the SIGKILL").hasSize(1);
        Client.Answer vote = client.post("/api/changes/" + id + "/decisions", "{\"verdict\": \"approve\"}",
            TokensFile.bearer("bo-t0ken"));
        assertThat(vote.status()).isEqualTo(200);
        assertThat(vote.json().path("outcome").asText()).isEqualTo("approved");
        second.awaitOrExplain("GitHub hears the approval",
            () -> github.gateState(REPO, 77L, "production").filter("approved"::equals).isPresent());
        assertThat(github.reviews().stream().filter(r -> r.runId() == 77L && r.state().isPresent()))
            .as("one answer (the other reviews are progress notes)").hasSize(1);
      }
    }
  }

  private static Map<String, String> environment(Path dir, GitHubStandIn github, ServiceNowStandIn servicenow)
      throws Exception {
    Map<String, String> env = StandInServe.environment(dir, github, TOKEN, SECRET, servicenow, "crash-1");
    env.put("COEXIST_DATA_DIR", dir.resolve("data").toString());
    return env;
  }

  private static List<JsonNode> changes(Client client) {
    return client.all("/api/changes", "changes");
  }
}
