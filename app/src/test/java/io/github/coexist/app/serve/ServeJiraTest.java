package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.github.coexist.adapters.http.ConfigSource;
import io.github.coexist.standins.github.GitHubDeliveries;
import io.github.coexist.standins.jira.JiraStandIn;
import io.github.coexist.standins.jira.WebhookDelivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code COEXIST_ITSM=jira} against a local Jira stand-in posting its webhooks to the service. */
class ServeJiraTest {
  private static final String SECRET = "jira-s3cret";

  @Test
  @DisplayName("an approval made in Jira reaches the gate through Jira's webhook")
  void approvedInJira(@TempDir Path dir) throws Exception {
    Path policy = Files.writeString(dir.resolve("policy.json"), """
        {"authorities": [{"name": "release-board", "quorum": 1, "expiry": "2h"}],
         "models": [{"name": "reviewed", "type": "normal", "authority": "release-board"}]}
        """);
    try (JiraStandIn site = JiraStandIn.builder().approvers("cab-lead").webhookSecret(SECRET).start()) {
      Map<String, String> env = new HashMap<>();
      site.adapterSettings().forEach((key, value) -> env.put(ConfigSource.envName(key), value));
      env.put(ConfigSource.envName("coexist.jira.service.Hello-World"), site.adapterSettings()
          .get("coexist.jira.service.checkout"));
      env.put("COEXIST_ITSM", "jira");
      env.put("COEXIST_PORT", "0");
      env.put("COEXIST_TICK_INTERVAL", "1h");
      env.put("COEXIST_POLICY_FILE", policy.toString());
      env.put("COEXIST_DATA_DIR", dir.resolve("data").toString());
      try (CoexistServer server = CoexistServer.start(env).getOrElseThrow(e -> new AssertionError(e.message()))) {
        Client client = new Client(server.uri());
        List<Integer> answers = new CopyOnWriteArrayList<>();
        site.subscribe(delivery -> answers.add(post(delivery, server.uri().resolve("/webhooks/jira"))));
        GitHubDeliveries.Delivery gate = GitHubDeliveries.fixture("deployment_protection_rule")
            .callbackOn(URI.create("https://api.github.com"), 9L)
            .with("/deployment/payload", Map.of("coexist", Map.of("change_model", "reviewed")));
        client.post("/webhooks/github", gate.body(), Map.of("X-GitHub-Event", gate.event(), "X-GitHub-Delivery", "d-9"));

        Client.await("the change waits for approval in Jira", () -> change(client).path("itsmKey").isTextual()
            && change(client).path("decision").path("outcome").asText().equals("pending"));
        String issue = change(client).path("itsmKey").asText();
        assertThat(site.decideAs(issue, "cab-lead", true)).isTrue();

        Client.await("the gate reads the approval back",
            () -> change(client).path("decision").path("outcome").asText().equals("approved"));
        assertThat(answers).isNotEmpty().allSatisfy(status -> assertThat(status).isBetween(200, 299));
        WebhookDelivery forged = site.deliveries().get(0).withHeader("X-Hub-Signature", "sha256=00");
        assertThat(post(forged, server.uri().resolve("/webhooks/jira"))).isEqualTo(401);
      }
    }
  }

  private static JsonNode change(Client client) {
    JsonNode changes = client.get("/api/changes").json().path("changes");
    return changes.isEmpty() ? MissingNode.getInstance() : changes.get(0);
  }

  private static int post(WebhookDelivery delivery, URI target) {
    try {
      return delivery.post(target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
