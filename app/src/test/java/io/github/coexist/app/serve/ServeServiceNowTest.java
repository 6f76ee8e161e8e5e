package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.standins.github.GitHubDeliveries;
import io.github.coexist.standins.servicenow.ServiceNowStandIn;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code COEXIST_ITSM=servicenow} against a local ServiceNow stand-in that fails, then recovers. */
class ServeServiceNowTest {

  @Test
  @DisplayName("a change ServiceNow cannot take shows as pending sync, and is recorded with its key once it recovers")
  void failsThenRecovers() {
    try (ServiceNowStandIn instance = ServiceNowStandIn.start()) {
      instance.addService("Hello-World", "octo", 3);
      // Its failures open the breaker: it lets a call through again after 1 s, not the default 30 s.
      try (CoexistServer server = serve(instance, Map.of("COEXIST_SERVICENOW_MAX_ATTEMPTS", "1",
          "COEXIST_BREAKER_OPEN_FOR", "1s"))) {
        Client client = new Client(server.uri());
        assertThat(client.get("/health").json().path("itsm").asText()).isEqualTo("servicenow");
        // A tick reads the CMDB, which the adapter then caches: the failures hit the change record.
        server.tickNow();
        Client.await("the first tick", () -> !client.get("/health").json().path("lastTick").isNull());
        instance.failNext(503, 3);

        GitHubDeliveries.Delivery gate = GitHubDeliveries.fixture("deployment_protection_rule")
            .callbackOn(URI.create("https://api.github.com"), 7L);
        assertThat(client.post("/webhooks/github", gate.body(), Map.of("X-GitHub-Event", gate.event(),
            "X-GitHub-Delivery", "d-7")).status()).isEqualTo(202);

        Client.await("the change exists", () -> client.get("/api/changes").json().path("count").asInt() == 1);
        String id = client.get("/api/changes").json().path("changes").get(0).path("id").asText();
        JsonNode pending = client.get("/api/changes/" + id).json();
        assertThat(pending.path("sync").asText()).isEqualTo("pending");
        assertThat(pending.path("itsmKey").isNull()).isTrue();
        JsonNode health = client.get("/health").json();
        assertThat(health.path("status").asText()).isEqualTo("degraded");
        assertThat(health.path("backlog").path("changesToSync").asInt()).isEqualTo(1);
        assertThat(health.path("itsmSync").get(0).path("id").asText()).isEqualTo(id);

        // ServiceNow recovers once its remaining failures are used up; each tick retries.
        Client.await("the change is recorded in ServiceNow", () -> {
          server.tickNow();
          return client.get("/api/changes/" + id).json().path("sync").asText().equals("synced");
        });
        JsonNode synced = client.get("/api/changes/" + id).json();
        assertThat(synced.path("itsmKey").asText()).startsWith("CHG");
        assertThat(instance.records("change_request")).singleElement()
            .satisfies(record -> assertThat(record.get("number")).isEqualTo(synced.path("itsmKey").asText()));
        assertThat(client.get("/health").json().path("backlog").path("changesToSync").asInt()).isZero();
      }
    }
  }

  @Test
  @DisplayName("a change ServiceNow refuses for good shows the refusal, with ServiceNow's reason, in the API")
  void refusalShown() {
    try (ServiceNowStandIn instance = ServiceNowStandIn.start()) {
      instance.addService("Hello-World", "octo", 3);
      instance.requireOnInsert("change_request", "u_change_reason");
      try (CoexistServer server = serve(instance, Map.of())) {
        Client client = new Client(server.uri());
        GitHubDeliveries.Delivery gate = GitHubDeliveries.fixture("deployment_protection_rule")
            .callbackOn(URI.create("https://api.github.com"), 7L);
        assertThat(client.post("/webhooks/github", gate.body(), Map.of("X-GitHub-Event", gate.event(),
            "X-GitHub-Delivery", "d-7")).status()).isEqualTo(202);

        Client.await("the change is refused", () -> client.get("/api/changes").json().path("count").asInt() == 1
            && client.get("/api/changes").json().path("changes").get(0).path("sync").asText().equals("failed"));
        JsonNode refused = client.get("/api/changes").json().path("changes").get(0);
        assertThat(refused.path("itsmRefusal").asText()).contains("servicenow").contains("u_change_reason");
        assertThat(refused.path("itsmKey").isNull()).isTrue();
        assertThat(refused.path("decision").path("outcome").asText()).isNotEqualTo("pending");
      }
    }
  }

  /** {@code serve} on {@code instance}, ticking only when told, in memory, with {@code extra} settings. */
  private static CoexistServer serve(ServiceNowStandIn instance, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.putAll(Map.of(
        "COEXIST_PORT", "0",
        "COEXIST_ITSM", "servicenow",
        "COEXIST_SERVICENOW_URL", instance.baseUri().toString(),
        "COEXIST_SERVICENOW_USER", instance.user(),
        "COEXIST_SERVICENOW_PASSWORD", instance.password(),
        "COEXIST_TICK_INTERVAL", "1h",
        "COEXIST_STORE", "memory"));
    return CoexistServer.start(env).getOrElseThrow(e -> new AssertionError(e.message()));
  }
}
