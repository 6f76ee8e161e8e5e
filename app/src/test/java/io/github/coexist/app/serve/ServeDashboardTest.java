package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.app.dashboard.Chromium;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.kernel.Actor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served dashboard holds no data: a page of constant size whose script asks the API for the
 * summary and the first pages of its lists, drawn in a real headless Chromium.
 */
class ServeDashboardTest {
  @TempDir
  Path dir;
  private CoexistServer server;
  private Client client;
  private int made;

  @BeforeEach
  void start() {
    server = CoexistServer.start(Map.of("COEXIST_PORT", "0", "COEXIST_STORE", "memory", "COEXIST_TICK_INTERVAL", "1h"))
        .getOrElseThrow(e -> new AssertionError(e.message()));
    client = new Client(server.uri());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  @DisplayName("the page is the same size with 10 changes and with 2,010: it holds no data")
  void constantSize() {
    changes(10);
    Client.Answer small = client.get("/");
    changes(2000);
    Client.Answer large = client.get("/");

    assertThat(large.status()).isEqualTo(200);
    assertThat(large.body()).isEqualTo(small.body()).doesNotContain("ch-00000001").contains("api/dashboard/summary");
    JsonNode summary = client.get("/api/dashboard/summary").json();
    assertThat(summary.has("kpis")).isTrue();
    assertThat(summary.path("trends").path("week").isArray()).isTrue();
    assertThat(summary.path("decisions").path("approved").asLong() + summary.path("decisions").path("rejected").asLong()
        + summary.path("decisions").path("pending").asLong()).isEqualTo(2010);
    assertThat(summary.has("recentDecisions")).isFalse();
  }

  @Test
  @DisplayName("in a browser, the page draws the first pages the API gives, with a way to load more")
  void drawnFromTheApi() throws Exception {
    Chromium browser = Chromium.required();
    changes(30);
    List<String> incidents = new ArrayList<>();
    for (String key : List.of("checkout-5xx", "search-slow")) {
      incidents.add(client.post("/alerts", "{\"source\": \"prometheus\", \"dedupKey\": \"" + key + "\", \"service\":"
          + " \"checkout\", \"summary\": \"<b>" + key + "</b></script>\", \"severity\": \"critical\","
          + " \"status\": \"firing\"}", Map.of()).json().path("incident").path("id").asText());
    }
    JsonNode newest = client.get("/api/changes?limit=25").json();
    JsonNode pending = client.get("/api/changes?outcome=pending&limit=20").json();

    String dom = browser.dom(server.uri().toString(), dir);

    assertThat(dom).contains("data-rendered=\"ok\"").doesNotContain("data-error=");
    incidents.forEach(id -> assertThat(dom).contains("data-incident=\"" + id + "\""));
    assertThat(dom).contains("&lt;b&gt;checkout-5xx&lt;/b&gt;&lt;/script&gt;");
    newest.path("changes").forEach(c -> assertThat(dom).contains("<tr data-change=\"" + c.path("id").asText() + "\""));
    assertThat(dom).doesNotContain("<tr data-change=\"ch-00000001\"").contains("data-more=\"decisions\"");
    pending.path("changes").forEach(c -> assertThat(dom).contains("class=\"item\" data-change=\""
        + c.path("id").asText() + "\""));
  }

  private void changes(int count) {
    for (int i = 0; i < count; i++) {
      server.app().gate().decide(DeploymentRequest.builder().idempotencyKey("k-" + made++).service("checkout")
          .environment("production").filesChanged(2).linesChanged(20).rollbackPlan(true)
          .requester(Actor.person("dev")).evidence(PipelineEvidence.allPassed())).get();
    }
  }
}
