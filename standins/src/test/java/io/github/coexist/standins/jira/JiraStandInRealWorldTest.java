package io.github.coexist.standins.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The stand-in site's real-world behaviours, as the adapter's tests rely on them. */
class JiraStandInRealWorldTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-03-04T10:00:00Z"));
  private final Clock clock = new Clock() {
    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };

  private static HttpResponse<String> send(HttpClient http, JiraStandIn site, String method, String path, String body)
      throws Exception {
    String basic = Base64.getEncoder().encodeToString((site.email() + ":" + site.apiToken())
        .getBytes(StandardCharsets.UTF_8));
    return http.send(HttpRequest.newBuilder(URI.create(site.siteUri() + path)).header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(JiraStandIn site, String method, String path, String body) throws Exception {
    return send(http, site, method, path, body);
  }

  private static String createBody(String summary, String extraFields) {
    return "{\"fields\":{\"project\":{\"key\":\"OPS\"},\"issuetype\":{\"id\":\"10005\"},\"summary\":\"" + summary + "\","
        + "\"labels\":[\"coexist\"]" + extraFields + "}}";
  }

  private JsonNode search(JiraStandIn site, String reconcile) throws Exception {
    String body = "{\"jql\":\"project = \\\"OPS\\\" AND labels = \\\"coexist\\\"\"" + reconcile + "}";
    return JSON.readTree(send(site, "POST", "/rest/api/3/search/jql", body).body());
  }

  @Test
  @DisplayName("a lost create answer: the issue is made, the caller gets 504; search lists it only after the lag or when reconciled")
  void lostCreateAndSearchLag() throws Exception {
    try (JiraStandIn site = JiraStandIn.builder().clock(clock).searchLag(Duration.ofSeconds(3)).start()) {
      site.loseNextCreateAnswers(1);

      HttpResponse<String> created = send(site, "POST", "/rest/api/3/issue", createBody("a", ""));

      assertThat(created.statusCode()).isEqualTo(504);
      assertThat(site.issues()).hasSize(1);
      String id = site.issues().get(0).id();
      assertThat(search(site, "").path("issues")).isEmpty();
      assertThat(search(site, ",\"reconcileIssues\":[" + id + "]").path("issues")).hasSize(1);
      now.set(now.get().plusSeconds(3));
      assertThat(search(site, "").path("issues")).hasSize(1);
      assertThat(send(site, "POST", "/rest/api/3/issue", createBody("b", "")).statusCode()).isEqualTo(201);
    }
  }

  @Test
  @DisplayName("a required custom field is marked required in createmeta, and a create without it answers 400 naming it")
  void requiredField() throws Exception {
    try (JiraStandIn site = JiraStandIn.builder().requireField("Change reason").start()) {
      String reason = site.fieldId("Change reason").orElseThrow();
      JsonNode meta = JSON.readTree(send(site, "GET", "/rest/api/3/issue/createmeta/OPS/issuetypes/10005?maxResults=50",
          null).body());

      HttpResponse<String> refused = send(site, "POST", "/rest/api/3/issue", createBody("a", ""));

      assertThat(meta.path("fields").findValues("fieldId").stream().map(JsonNode::asText).toList()).contains(reason);
      meta.path("fields").forEach(f -> assertThat(f.path("required").asBoolean())
          .isEqualTo(List.of("summary", "issuetype", "project", reason).contains(f.path("fieldId").asText())));
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(refused.body()).path("errors").path(reason).asText()).isEqualTo("Change reason is required.");
    }
  }

  @Test
  @DisplayName("the update verb adds and removes labels and keeps the others; labels in both fields and update are refused")
  void updateVerbForLabels() throws Exception {
    try (JiraStandIn site = JiraStandIn.builder().automationLabel("triage").start()) {
      send(site, "POST", "/rest/api/3/issue", createBody("a", ""));
      String key = site.issues().get(0).key();

      HttpResponse<String> added = send(site, "PUT", "/rest/api/3/issue/" + key,
          "{\"update\":{\"labels\":[{\"add\":\"major-incident\"},{\"remove\":\"coexist\"}]}}");
      HttpResponse<String> both = send(site, "PUT", "/rest/api/3/issue/" + key,
          "{\"fields\":{\"labels\":[\"x\"]},\"update\":{\"labels\":[{\"add\":\"y\"}]}}");

      assertThat(added.statusCode()).isEqualTo(204);
      assertThat(both.statusCode()).isEqualTo(400);
      assertThat(site.issue(key).orElseThrow().labels()).containsExactly("triage", "major-incident");
    }
  }

  @Test
  @DisplayName("a change that is no customer request has no service desk approvals (404) and leaves approval by Approve or Decline")
  void plainChanges() throws Exception {
    try (JiraStandIn site = JiraStandIn.builder().plainChanges().start()) {
      send(site, "POST", "/rest/api/3/issue", createBody("a", ""));
      String key = site.issues().get(0).key();
      site.transitionAs(key, "Start planning", "someone");
      site.transitionAs(key, "Request approval", "someone");

      HttpResponse<String> approvals = send(site, "GET", "/rest/servicedeskapi/request/" + key + "/approval", null);

      assertThat(approvals.statusCode()).isEqualTo(404);
      assertThat(site.transitionAs(key, "Decline", "cab")).isTrue();
      assertThat(site.issue(key).orElseThrow().status()).isEqualTo("Declined");
      assertThat(site.issue(key).orElseThrow().fields()).containsEntry("resolution", "Declined");
    }
  }

  @Test
  @DisplayName("an automation rule approves a change the moment it awaits approval, and moves it on")
  void automationApproves() throws Exception {
    try (JiraStandIn site = JiraStandIn.builder().automationApproves().start()) {
      send(site, "POST", "/rest/api/3/issue", createBody("a", ""));
      String key = site.issues().get(0).key();
      site.transitionAs(key, "Start planning", "someone");

      site.transitionAs(key, "Request approval", "someone");

      assertThat(site.issue(key).orElseThrow().status()).isEqualTo("Awaiting implementation");
      JsonNode approval = JSON.readTree(send(site, "GET", "/rest/servicedeskapi/request/" + key + "/approval", null).body());
      assertThat(approval.path("values").get(0).path("finalDecision").asText()).isEqualTo("approved");
      assertThat(site.deliveries()).hasSize(3);
    }
  }
}
