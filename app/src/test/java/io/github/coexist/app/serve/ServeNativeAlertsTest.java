package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.adapters.http.Secret;
import io.github.coexist.adapters.http.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring tools' own alert payloads over real HTTP: an Alertmanager webhook (version 4), a
 * Grafana alerting webhook and a signed PagerDuty v3 webhook each open and resolve incidents.
 */
class ServeNativeAlertsTest {
  static final String API_TOKEN = "api-t0ken";
  static final String PAGERDUTY_SECRET = "pd-s3cret";

  @TempDir
  static Path dir;
  static CoexistServer server;
  static Client client;

  @BeforeAll
  static void start() {
    server = ServeEnv.inMemory()
        .with("COEXIST_API_TOKEN", API_TOKEN)
        .with("COEXIST_PAGERDUTY_WEBHOOK_SECRETS", "old-secret, " + PAGERDUTY_SECRET)
        .with("COEXIST_DATA_DIR", dir.resolve("data").toString())
        .start();
    client = new Client(server.uri(), Map.of("Authorization", "Bearer " + API_TOKEN));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String alertmanager(String status, String endsAt) {
    return """
        {"receiver": "coexist", "status": "%1$s", "version": "4", "truncatedAlerts": 0,
         "groupKey": "{}:{alertname=\\"CheckoutErrors\\"}", "externalURL": "http://alertmanager:9093",
         "groupLabels": {"alertname": "CheckoutErrors"}, "commonLabels": {"alertname": "CheckoutErrors"},
         "commonAnnotations": {},
         "alerts": [
          {"status": "%1$s", "fingerprint": "1a30ba71cca2921f",
           "labels": {"alertname": "CheckoutErrors", "service": "checkout", "severity": "page", "zone": "eu-1"},
           "annotations": {"summary": "5xx above 2%% on checkout\\nsee the runbook", "runbook_url": "https://runbooks/x"},
           "startsAt": "2026-12-07T09:51:03.157076+02:00", "endsAt": "%2$s",
           "generatorURL": "http://prometheus:9090/graph"},
          {"status": "%1$s", "fingerprint": "bc97ff14869b13e3",
           "labels": {"alertname": "CartLatency", "service": "cart", "severity": "warning"},
           "annotations": {"description": "p99 above 800 ms"},
           "startsAt": "2026-12-07T09:56:03Z", "endsAt": "%2$s"}
         ]}
        """.formatted(status, endsAt);
  }

  @Test
  @DisplayName("an Alertmanager group opens one incident per alert, with its service, summary and severity, and resolving the group resolves them")
  void alertmanagerGroup() {
    Client.Answer fired = client.post("/alerts/alertmanager", alertmanager("firing", "0001-01-01T00:00:00Z"), auth());
    assertThat(fired.status()).isEqualTo(200);
    List<JsonNode> outcomes = list(fired.json().path("alerts"));
    assertThat(outcomes).extracting(o -> o.path("outcome").asText()).containsExactly("opened", "opened");
    JsonNode checkout = outcomes.get(0).path("incident");
    assertThat(checkout.path("service").asText()).isEqualTo("checkout");
    assertThat(checkout.path("title").asText() + checkout.path("summary").asText()).contains("5xx above 2% on checkout")
        .doesNotContain("runbook");
    assertThat(outcomes.get(1).path("incident").path("service").asText()).isEqualTo("cart");
    String checkoutId = checkout.path("id").asText();
    JsonNode one = client.get("/api/incidents/" + checkoutId).json();
    JsonNode cart = client.get("/api/incidents/" + outcomes.get(1).path("incident").path("id").asText()).json();
    // severity "page" is critical, "warning" a warning: the paging alert ranks higher (P1 before P3).
    assertThat(one.path("priority").asInt()).isEqualTo(1).isLessThan(cart.path("priority").asInt());

    Client.Answer repeated = client.post("/alerts/alertmanager", alertmanager("firing", "0001-01-01T00:00:00Z"), auth());
    assertThat(list(repeated.json().path("alerts"))).extracting(o -> o.path("outcome").asText())
        .containsExactly("folded", "folded");

    Client.Answer resolved = client.post("/alerts/alertmanager", alertmanager("resolved", "2026-12-07T10:30:00Z"), auth());
    assertThat(resolved.status()).isEqualTo(200);
    assertThat(list(resolved.json().path("alerts"))).extracting(o -> o.path("outcome").asText())
        .containsExactly("resolved", "resolved");
    assertThat(client.get("/api/incidents").body()).doesNotContain(checkoutId);
  }

  @Test
  @DisplayName("a Grafana alerting webhook opens and resolves an incident")
  void grafana() {
    String body = """
        {"receiver": "coexist", "status": "%1$s", "orgId": 1, "version": "1", "title": "[FIRING:1] SearchDown",
         "state": "alerting", "message": "...", "groupKey": "{}:{}", "truncatedAlerts": 0,
         "groupLabels": {}, "commonLabels": {}, "commonAnnotations": {}, "externalURL": "http://grafana:3000/",
         "alerts": [{"status": "%1$s", "labels": {"alertname": "SearchDown", "service": "search", "team": "blue"},
           "annotations": {"summary": "search answers 503"}, "startsAt": "2026-12-07T11:00:00Z",
           "endsAt": "%2$s", "generatorURL": "http://grafana:3000/alerting/1/edit", "fingerprint": "c6eadffa33fcdf37",
           "silenceURL": "http://grafana:3000/alerting/silence/new", "dashboardURL": "", "panelURL": "",
           "values": {"B": 44.2, "C": 1}, "valueString": "[ var='B' value=44.2 ]"}]}
        """;
    Client.Answer fired = client.post("/alerts/grafana", body.formatted("firing", "0001-01-01T00:00:00Z"), auth());
    assertThat(fired.status()).isEqualTo(200);
    JsonNode opened = fired.json().path("alerts").get(0);
    assertThat(opened.path("outcome").asText()).isEqualTo("opened");
    assertThat(opened.path("incident").path("service").asText()).isEqualTo("search");

    Client.Answer cleared = client.post("/alerts/grafana", body.formatted("resolved", "2026-12-07T11:20:00Z"), auth());
    assertThat(cleared.json().path("alerts").get(0).path("outcome").asText()).isEqualTo("resolved");
  }

  @Test
  @DisplayName("an alert without the service label is refused naming the label, and nothing of its group is opened")
  void noServiceLabel() {
    String body = alertmanager("firing", "0001-01-01T00:00:00Z").replace("\"service\": \"cart\", ", "")
        .replace("1a30ba71cca2921f", "f00").replace("bc97ff14869b13e3", "f01");
    Client.Answer refused = client.post("/alerts/alertmanager", body, auth());
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("alerts[1].labels has no 'service' label", "COEXIST_ALERT_SERVICE_LABEL");
    assertThat(client.get("/api/incidents?all=true").body()).doesNotContain("\"f00\"");
  }

  @Test
  @DisplayName("the limits of the generic alert hold for every format: labels, the service, the fingerprint")
  void limits() {
    String tooMany = alertmanager("firing", "0001-01-01T00:00:00Z").replace("\"zone\": \"eu-1\"",
        java.util.stream.IntStream.range(0, 40).mapToObj(i -> "\"l" + i + "\": \"v\"").collect(java.util.stream.Collectors.joining(", ")));
    Client.Answer refused = client.post("/alerts/alertmanager", tooMany, auth());
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("labels has at most 32 entries");
    String longService = alertmanager("firing", "0001-01-01T00:00:00Z").replace("\"service\": \"cart\"",
        "\"service\": \"" + "c".repeat(500) + "\"");
    Client.Answer tooLong = client.post("/alerts/alertmanager", longService, auth());
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.body()).contains("labels.service is longer than 128 characters").doesNotContain("c".repeat(100));
  }

  @Test
  @DisplayName("Alertmanager and Grafana send the API token like any other writer")
  void needsTheToken() {
    assertThat(client.post("/alerts/alertmanager", alertmanager("firing", "0001-01-01T00:00:00Z"),
        Map.of("Content-Type", "application/json")).status()).isEqualTo(401);
    assertThat(client.post("/alerts/grafana", "{}", Map.of()).status()).isEqualTo(401);
  }

  static String pagerDuty(String eventType, String status) {
    return """
        {"event": {"id": "01DEN4HPBQAAAG05V5QQYBRZMF", "event_type": "%s", "resource_type": "incident",
          "occurred_at": "2026-12-07T12:00:00.000Z", "agent": null, "client": null,
          "data": {"id": "PGR0VU2", "type": "incident", "self": "https://api.pagerduty.com/incidents/PGR0VU2",
            "html_url": "https://acme.pagerduty.com/incidents/PGR0VU2", "number": 2, "status": "%s",
            "incident_key": "d3640fbd41094207a1c11e58e46b1662", "created_at": "2026-12-07T12:00:00Z",
            "title": "Payments API is down", "urgency": "high",
            "service": {"id": "PF9KMXH", "summary": "payments", "type": "service_reference"},
            "priority": {"id": "PSO75BM", "summary": "P1", "type": "priority_reference"},
            "assignees": [], "escalation_policy": {"id": "PL1", "summary": "Default", "type": "escalation_policy_reference"},
            "teams": [], "conference_bridge": null, "resolve_reason": null}}}
        """.formatted(eventType, status);
  }

  static Map<String, String> signed(String body, String secret) {
    String signature = WebhookSignature.sign(Secret.of(secret), body.getBytes(StandardCharsets.UTF_8))
        .substring("sha256=".length());
    return Map.of("Content-Type", "application/json", "X-PagerDuty-Signature", "v1=0000, v1=" + signature);
  }

  @Test
  @DisplayName("a signed PagerDuty v3 incident opens an incident and its resolution resolves it; other events are ignored")
  void pagerDuty() {
    String triggered = pagerDuty("incident.triggered", "triggered");
    Client.Answer opened = client.post("/webhooks/pagerduty", triggered, signed(triggered, PAGERDUTY_SECRET));
    assertThat(opened.status()).isEqualTo(200);
    JsonNode incident = opened.json().path("alerts").get(0).path("incident");
    assertThat(opened.json().path("alerts").get(0).path("outcome").asText()).isEqualTo("opened");
    assertThat(incident.path("service").asText()).isEqualTo("payments");

    String resolved = pagerDuty("incident.resolved", "resolved");
    Client.Answer cleared = client.post("/webhooks/pagerduty", resolved, signed(resolved, PAGERDUTY_SECRET));
    assertThat(cleared.json().path("alerts").get(0).path("outcome").asText()).isEqualTo("resolved");
    assertThat(cleared.json().path("alerts").get(0).path("incident").path("id").asText())
        .isEqualTo(incident.path("id").asText());

    String other = "{\"event\": {\"id\": \"01X\", \"event_type\": \"service.updated\", \"resource_type\": \"service\","
        + " \"occurred_at\": \"2026-12-07T12:00:00Z\", \"data\": {\"id\": \"PF9KMXH\", \"type\": \"service\"}}}";
    Client.Answer ignored = client.post("/webhooks/pagerduty", other, signed(other, PAGERDUTY_SECRET));
    assertThat(ignored.status()).isEqualTo(202);
    assertThat(ignored.json().path("outcome").asText()).isEqualTo("ignored");
  }

  @Test
  @DisplayName("a PagerDuty webhook with a wrong or missing signature is refused 401 and opens nothing")
  void pagerDutySignature() {
    String triggered = pagerDuty("incident.triggered", "triggered").replace("PGR0VU2", "PFORGED");
    assertThat(client.post("/webhooks/pagerduty", triggered, signed(triggered, "guessed")).status()).isEqualTo(401);
    assertThat(client.post("/webhooks/pagerduty", triggered, Map.of("Content-Type", "application/json")).status())
        .isEqualTo(401);
    assertThat(client.get("/api/incidents?all=true").body()).doesNotContain("PFORGED");
  }

  static Map<String, String> auth() {
    return Map.of("Authorization", "Bearer " + API_TOKEN, "Content-Type", "application/json");
  }

  static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }
}
