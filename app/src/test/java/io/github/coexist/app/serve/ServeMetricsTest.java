package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.app.json.Views;
import io.github.coexist.standins.github.GitHubDeliveries;
import io.github.coexist.standins.github.GitHubStandIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} of a real server over HTTP, after GitHub deliveries (one gate GitHub does not
 * know, so its review fails), an alert and a deployment went through it; and the Grafana dashboard
 * in {@code docs/grafana} asks only for metrics that {@code /metrics} emits.
 */
class ServeMetricsTest {
  static final String SECRET = "s3cret";
  static final String API_TOKEN = "api-t0ken";
  static final Path DASHBOARD = Path.of("..").toAbsolutePath().normalize().resolve("docs/grafana/coexist.json");
  /** Every meter docs/metrics.md lists, as Prometheus names it (a timer by its count). */
  static final List<String> LISTED = List.of(
      "coexist_gate_decisions_total", "coexist_gate_decision_time_seconds_count",
      "coexist_gate_decision_time_seconds_bucket", "coexist_gate_pending_changes", "coexist_signals_total",
      "coexist_store_inbox_backlog", "coexist_store_unsaved_records", "coexist_store_lease_held",
      "coexist_tool_calls_seconds_count", "coexist_tool_calls_seconds_bucket", "coexist_tool_call_errors_total",
      "coexist_incidents_open", "coexist_kpi_deployments", "coexist_kpi_deployment_frequency_per_day",
      "coexist_kpi_failed_deployments", "coexist_kpi_lead_time_median_seconds", "coexist_kpi_lead_time_p90_seconds",
      "coexist_kpi_change_failure_rate_ratio", "coexist_kpi_failed_deployment_recovery_time_seconds",
      "coexist_kpi_rework_rate_ratio", "coexist_kpi_time_to_acknowledge_mean_seconds",
      "coexist_kpi_time_to_restore_median_seconds", "coexist_kpi_sla_compliance_ratio",
      "coexist_kpi_reopen_rate_ratio", "coexist_kpi_change_success_rate_ratio",
      "coexist_kpi_emergency_change_ratio", "coexist_kpi_auto_approval_ratio",
      "coexist_kpi_csat_satisfied_ratio");

  @TempDir
  static Path dir;
  static GitHubStandIn github;
  static CoexistServer server;
  static Client client;
  static String scraped;

  @BeforeAll
  static void start() throws IOException {
    github = GitHubStandIn.builder().token("t0ken").start();
    Path policy = Files.writeString(dir.resolve("policy.json"), ServeEndpointsTest.POLICY);
    server = ServeEnv.embedded(dir.resolve("data")).github(github, "t0ken", SECRET)
        .with("COEXIST_POLICY_FILE", policy.toString())
        .with("COEXIST_API_TOKEN", API_TOKEN)
        .start();
    client = new Client(server.uri(), Map.of("Authorization", "Bearer " + API_TOKEN));
    drive();
  }

  @AfterAll
  static void stop() {
    server.close();
    github.close();
  }

  /**
   * A deployment flow GitHub knows, a gate it does not (its review is refused; sent twice, the
   * adapter answers the second itself), an alert.
   */
  private static void drive() {
    github.openGate(GitHubDeliveries.REPOSITORY, 77L, "production");
    for (GitHubDeliveries.Delivery d : GitHubDeliveries.deploymentFlow(github.apiUrl(), 77L)) {
      assertThat(client.deliver(d.signed(SECRET)).status()).as(d.event()).isBetween(200, 299);
    }
    GitHubDeliveries.SignedDelivery unknown = GitHubDeliveries.fixture("deployment_protection_rule")
        .callbackOn(github.apiUrl(), 404L).signed(SECRET);
    client.deliver(unknown);
    client.deliver(unknown);
    String alert = "{\"source\": \"prometheus\", \"dedupKey\": \"checkout-5xx\", \"service\": \"checkout\","
        + " \"summary\": \"5xx above 2%\", \"severity\": \"critical\", \"status\": \"firing\"}";
    assertThat(client.post("/alerts", alert, Map.of("Authorization", "Bearer " + API_TOKEN,
        "Content-Type", "application/json")).status()).isBetween(200, 299);
    Client.await("the review GitHub does not know fails",
        () -> scrape().contains("coexist_tool_call_errors_total{") && scrape().contains("coexist_incidents_open{"));
    scraped = scrape();
  }

  private static String scrape() {
    assertThat(client.get("/metrics", Map.of()).status()).as("a read like any other").isEqualTo(401);
    Client.Answer answer = client.get("/metrics");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("text/plain; version=0.0.4");
    return answer.body();
  }

  /** The metric names of the samples in a Prometheus text exposition. */
  static Set<String> names(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }

  @Test
  @DisplayName("/metrics holds every listed meter, in Prometheus' text format")
  void everyListedMeter() {
    assertThat(names(scraped)).containsAll(LISTED);
    assertThat(scraped)
        .contains("coexist_gate_decisions_total{authority=\"none\",outcome=\"approved\"}")
        .contains("coexist_signals_total{kind=\"gaterequested\",result=\"kept\",source=\"github\"}")
        .contains("coexist_signals_total{kind=\"alertraised\",result=\"accepted\",source=\"direct\"}")
        .contains("coexist_tool_call_errors_total{status=\"422\",tool=\"github\"}")
        .contains("coexist_tool_calls_seconds_count{method=\"POST\",status=\"204\",tool=\"github\"}")
        .contains("coexist_incidents_open{priority=\"critical\"} 1.0")
        .contains("coexist_kpi_deployments{scope=\"organisation\",service=\"all\",team=\"all\"}");
  }

  @Test
  @DisplayName("the Grafana dashboard is a dashboard: schema version, a Prometheus data source variable, panels with queries")
  void dashboardIsValid() throws IOException {
    JsonNode dashboard = Views.JSON.readTree(Files.readString(DASHBOARD));
    assertThat(dashboard.path("schemaVersion").isInt()).isTrue();
    assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
    assertThat(dashboard.path("title").asText()).isNotBlank();
    assertThat(dashboard.path("uid").asText()).matches("[a-zA-Z0-9_-]{1,40}");
    List<JsonNode> variables = list(dashboard.path("templating").path("list"));
    assertThat(variables).anySatisfy(v -> {
      assertThat(v.path("name").asText()).isEqualTo("datasource");
      assertThat(v.path("type").asText()).isEqualTo("datasource");
      assertThat(v.path("query").asText()).isEqualTo("prometheus");
    });
    assertThat(variables).extracting(v -> v.path("name").asText()).contains("service", "team");
    List<JsonNode> panels = list(dashboard.path("panels"));
    assertThat(panels).isNotEmpty();
    assertThat(panels).extracting(p -> p.path("id").asInt()).doesNotHaveDuplicates();
    for (JsonNode panel : panels) {
      JsonNode grid = panel.path("gridPos");
      assertThat(List.of("h", "w", "x", "y")).allSatisfy(k -> assertThat(grid.path(k).isInt()).as(k).isTrue());
      assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(panel.path("title").asText()).isLessThanOrEqualTo(24);
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.path("type").asText()).isIn("timeseries", "stat", "table", "gauge", "bargauge");
      assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
      List<JsonNode> targets = list(panel.path("targets"));
      assertThat(targets).as(panel.path("title").asText()).isNotEmpty().allSatisfy(t -> {
        assertThat(t.path("refId").asText()).isNotBlank();
        assertThat(t.path("expr").asText()).contains("coexist_");
      });
    }
  }

  @Test
  @DisplayName("every metric the dashboard's queries and variables name is one /metrics emits")
  void dashboardNamesOnlyEmittedMetrics() throws IOException {
    JsonNode dashboard = Views.JSON.readTree(Files.readString(DASHBOARD));
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : list(dashboard.path("panels"))) {
      list(panel.path("targets")).forEach(t -> queries.add(t.path("expr").asText()));
    }
    list(dashboard.path("templating").path("list")).forEach(v -> queries.add(v.path("definition").asText()));
    Set<String> asked = new TreeSet<>();
    Matcher metric = Pattern.compile("\\bcoexist_[a-z0-9_]+").matcher(String.join("\n", queries));
    while (metric.find()) {
      asked.add(metric.group());
    }
    assertThat(asked).hasSizeGreaterThan(15);
    assertThat(names(scraped)).containsAll(asked);
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> all = new ArrayList<>();
    array.forEach(all::add);
    return all;
  }
}
