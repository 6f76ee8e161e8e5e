package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.app.dashboard.SampleOrganisation;
import io.github.coexist.core.kernel.ManualClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard's API over real HTTP, on one {@code serve} holding five weeks of a sample
 * organisation: the range and service/team filters (validated, every problem named), trends over
 * complete periods, and the paged drill-down lists agreeing with the KPIs they explain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeDashboardApiTest {
  private CoexistServer server;
  private Client client;

  @BeforeAll
  void start() {
    ManualClock clock = new ManualClock(SampleOrganisation.START);
    server = ServeSettings.read(Map.of("COEXIST_PORT", "0", "COEXIST_STORE", "memory", "COEXIST_TICK_INTERVAL", "1h"))
        .flatMap(settings -> CoexistServer.start(settings, clock)).getOrElseThrow(e -> new AssertionError(e.message()));
    SampleOrganisation.play(server.app(), clock);
    client = new Client(server.uri());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  @DisplayName("bad filters are a 400 naming every problem at once: days, service and team together, unknown names")
  void badFilters() {
    Client.Answer answer = client.get("/api/dashboard/summary?days=0&service=nowhere&team=nobody");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().path("error").asText()).isEqualTo("invalid_input");
    assertThat(answer.json().path("problems")).extracting(JsonNode::asText).containsExactly(
        "days must be a whole number from 1 to 366, was '0'",
        "give service or team, not both",
        "service 'nowhere' is not one coexist has figures for; known: checkout, inventory, notifications, payments, search",
        "team 'nobody' owns no service coexist knows; known: discovery, payments, platform, shop, supply");
    assertThat(client.get("/api/dashboard/summary?days=abc").status()).isEqualTo(400);
    assertThat(client.get("/api/dashboard/summary?days=367").status()).isEqualTo(400);
    assertThat(client.get("/api/dashboard/deployments?only=some").json().path("problems"))
        .extracting(JsonNode::asText).containsExactly("only must be all, failed or hotfixes, was 'some'");
    assertThat(client.get("/api/dashboard/incidents?days=-1").status()).isEqualTo(400);
  }

  @Test
  @DisplayName("the summary names its filter and what may be chosen; its window is the last days up to now")
  void summaryFilter() {
    JsonNode summary = client.get("/api/dashboard/summary?days=7&team=shop").json();

    assertThat(summary.path("filter").path("days").asInt()).isEqualTo(7);
    assertThat(summary.path("filter").path("team").asText()).isEqualTo("shop");
    assertThat(summary.path("filter").path("service").isNull()).isTrue();
    assertThat(summary.at("/options/days")).extracting(JsonNode::asInt).containsExactly(7, 30, 90, 180, 365);
    assertThat(summary.at("/options/services")).extracting(JsonNode::asText)
        .containsExactly("checkout", "inventory", "notifications", "payments", "search");
    assertThat(summary.at("/kpis/window/from").asText()).isEqualTo("2026-03-27T16:00:00Z");
    assertThat(summary.at("/kpis/window/to").asText()).isEqualTo(SampleOrganisation.END.toString());
  }

  @Test
  @DisplayName("a team's figures are its services' figures, and the services' decisions add up to the organisation's")
  void scopes() {
    JsonNode shop = client.get("/api/dashboard/summary?team=shop").json();
    JsonNode checkout = client.get("/api/dashboard/summary?service=checkout").json();
    JsonNode all = client.get("/api/dashboard/summary").json();

    assertThat(shop.path("kpis").path("dora")).isEqualTo(checkout.path("kpis").path("dora"));
    assertThat(shop.path("decisions")).isEqualTo(checkout.path("decisions"));
    long deployments = 0;
    long approved = 0;
    for (JsonNode service : all.at("/options/services")) {
      JsonNode one = client.get("/api/dashboard/summary?service=" + service.asText()).json();
      deployments += one.at("/kpis/dora/deploymentFrequency/deployments").asLong();
      approved += one.at("/decisions/approved").asLong();
    }
    assertThat(deployments).isEqualTo(all.at("/kpis/dora/deploymentFrequency/deployments").asLong()).isPositive();
    assertThat(approved).isEqualTo(all.at("/decisions/approved").asLong()).isPositive();
  }

  @Test
  @DisplayName("walking the drill-down page by page gives each deployment the KPI counts once, newest first")
  void deploymentPages() {
    JsonNode summary = client.get("/api/dashboard/summary?days=90").json();
    List<JsonNode> walked = walk("/api/dashboard/deployments?days=90&limit=7", "deployments");

    // The successful ones deployment frequency counts, and the failed attempts the failure rate adds.
    assertThat(walked).hasSize(summary.at("/kpis/dora/changeFailureRate/total").asInt());
    assertThat(new HashSet<>(walked.stream().map(d -> d.path("id").asText()).toList())).hasSize(walked.size());
    assertThat(walked.stream().map(d -> Instant.parse(d.path("finishedAt").asText())).toList())
        .isSortedAccordingTo((a, b) -> b.compareTo(a));
    List<JsonNode> failed = walk("/api/dashboard/deployments?days=90&only=failed&limit=5", "deployments");
    assertThat(failed).hasSize(summary.at("/kpis/dora/changeFailureRate/failed").asInt()).isNotEmpty()
        .allSatisfy(d -> assertThat(d.path("failed").asBoolean()).isTrue());
    assertThat(walk("/api/dashboard/deployments?days=90&only=hotfixes", "deployments"))
        .hasSize(summary.at("/kpis/dora/reworkRate/hotfixes").asInt());
  }

  @Test
  @DisplayName("the incidents behind the ITSM figures of a service: opened or resolved in the range, of that service only")
  void incidentPages() {
    List<JsonNode> incidents = walk("/api/dashboard/incidents?days=90&service=checkout&limit=2", "incidents");

    assertThat(incidents).isNotEmpty().allSatisfy(i -> assertThat(i.path("service").asText()).isEqualTo("checkout"));
    assertThat(incidents).anySatisfy(i -> assertThat(i.path("title").asText()).isNotBlank());
    JsonNode restore = client.get("/api/dashboard/summary?days=90&service=checkout").json().at("/kpis/itsm/timeToRestore");
    assertThat(incidents.stream().filter(i -> !i.path("resolvedAt").isNull()).count()).isPositive();
    assertThat(restore.path("medianSeconds").isNull()).isFalse();
  }

  @Test
  @DisplayName("a cursor works only with the filters it was given for, and a changed one is refused")
  void cursors() {
    String next = client.get("/api/dashboard/deployments?limit=3").json().path("next").asText();
    String encoded = URLEncoder.encode(next, StandardCharsets.UTF_8);

    assertThat(client.get("/api/dashboard/deployments?limit=3&cursor=" + encoded).status()).isEqualTo(200);
    assertThat(client.get("/api/dashboard/deployments?limit=3&service=search&cursor=" + encoded).json()
        .path("problems").get(0).asText()).contains("other filters");
    assertThat(client.get("/api/dashboard/incidents?limit=3&cursor=" + encoded).status()).isEqualTo(400);
    assertThat(client.get("/api/dashboard/deployments?limit=3&cursor=x" + encoded).status()).isEqualTo(400);
  }

  private List<JsonNode> walk(String first, String items) {
    List<JsonNode> all = new ArrayList<>();
    String path = first;
    for (int pages = 0; pages < 100; pages++) {
      Client.Answer answer = client.get(path);
      assertThat(answer.status()).as(path).isEqualTo(200);
      answer.json().path(items).forEach(all::add);
      JsonNode next = answer.json().path("next");
      if (next.isNull()) {
        assertThat(answer.json().path("total").asInt()).isEqualTo(all.size());
        return all;
      }
      path = first + "&cursor=" + URLEncoder.encode(next.asText(), StandardCharsets.UTF_8);
    }
    throw new AssertionError("more than 100 pages");
  }
}
