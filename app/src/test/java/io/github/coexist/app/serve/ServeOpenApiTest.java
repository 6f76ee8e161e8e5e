package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.adapters.http.ConfigSource;
import io.github.coexist.app.cli.Version;
import io.github.coexist.app.http.Router;
import io.github.coexist.app.json.Views;
import io.github.coexist.standins.github.GitHubDeliveries;
import io.github.coexist.standins.github.GitHubStandIn;
import io.github.coexist.standins.jira.JiraStandIn;
import io.github.coexist.standins.jira.WebhookDelivery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint of a real {@code serve} over real HTTP (Jira as the ITSM tool, connected to a
 * GitHub stand-in, tokens, PagerDuty secret and a durable store configured), each answer checked
 * against {@code openapi.json}: successes, pages and the main errors. The description cannot
 * drift from the server: every route served is described and every described operation served,
 * and answered as described at least once with a success.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeOpenApiTest {
  private static final String GITHUB_SECRET = "gh-s3cret";
  private static final String JIRA_SECRET = "jira-s3cret";
  private static final String WRITE = "write-t0ken";
  private static final String READ = "read-t0ken";
  private static final String ANA = "ana-t0ken";
  private static final String REPO = GitHubDeliveries.REPOSITORY;
  private static final OpenApiContract CONTRACT = new OpenApiContract();

  @TempDir
  static Path dir;
  static GitHubStandIn github;
  static JiraStandIn jira;
  static CoexistServer server;
  static Client client;

  @BeforeAll
  static void start() throws Exception {
    github = GitHubStandIn.builder().token("t0ken").start();
    jira = JiraStandIn.builder().approvers("cab-lead").webhookSecret(JIRA_SECRET).start();
    Map<String, String> env = new HashMap<>();
    jira.adapterSettings().forEach((key, value) -> env.put(ConfigSource.envName(key), value));
    env.put(ConfigSource.envName("coexist.jira.service.Hello-World"), jira.adapterSettings()
        .get("coexist.jira.service.checkout"));
    env.put("COEXIST_ITSM", "jira");
    env.put("COEXIST_PORT", "0");
    env.put("COEXIST_TICK_INTERVAL", "1h");
    env.put("COEXIST_GITHUB_API_URL", github.apiUrl().toString());
    env.put("COEXIST_GITHUB_TOKEN", "t0ken");
    env.put("COEXIST_GITHUB_WEBHOOK_SECRET", GITHUB_SECRET);
    env.put("COEXIST_PAGERDUTY_WEBHOOK_SECRETS", ServeNativeAlertsTest.PAGERDUTY_SECRET);
    env.put("COEXIST_POLICY_FILE", Files.writeString(dir.resolve("policy.json"), ServeEndpointsTest.POLICY).toString());
    env.put("COEXIST_API_TOKEN", WRITE);
    env.put("COEXIST_READ_TOKEN", READ);
    env.put("COEXIST_API_TOKENS_FILE", TokensFile.write(dir, Map.of("ana", ANA)).toString());
    env.put("COEXIST_DATA_DIR", dir.resolve("data").toString());
    server = CoexistServer.start(env).getOrElseThrow(e -> new AssertionError(e.message()));
    client = new Client(server.uri());
  }

  @AfterAll
  static void stop() {
    server.close();
    jira.close();
    github.close();
  }

  @Test
  @Order(1)
  @DisplayName("every route the server serves is described, and every described operation is served")
  void noDrift() {
    Set<String> served = new TreeSet<>();
    for (Router.Served route : server.routes()) {
      served.add(route.method() + " " + route.pattern());
    }
    Set<String> described = CONTRACT.operations();
    List<String> problems = new ArrayList<>();
    served.stream().filter(route -> !described.contains(route))
        .forEach(route -> problems.add("route " + route + " is served but not described in openapi.json"));
    described.stream().filter(operation -> !served.contains(operation))
        .forEach(operation -> problems.add(operation + " is described in openapi.json but not served"));
    assertThat(problems).isEmpty();
  }

  @Test
  @Order(2)
  @DisplayName("/api/openapi.json serves the description, to anyone, with the running version")
  void servesItself() throws Exception {
    Client.Answer answer = get("/api/openapi.json", Map.of());
    assertThat(answer.status()).isEqualTo(200);
    JsonNode served = answer.json();
    assertThat(served.path("info").path("version").asText()).isEqualTo(Version.coexist());
    ObjectNode kept = (ObjectNode) Views.JSON.readTree(OpenApiContract.text());
    ((ObjectNode) kept.path("info")).put("version", Version.coexist());
    assertThat(served).isEqualTo(kept);
  }

  @Test
  @Order(3)
  @DisplayName("health, readiness, liveness, metrics and the dashboard page answer as described")
  void operations() {
    assertThat(get("/health", Map.of()).json().path("itsm").asText()).isEqualTo("jira");
    assertThat(get("/health/live", Map.of()).status()).isEqualTo(200);
    assertThat(get("/health/ready", Map.of()).status()).isEqualTo(200);
    assertThat(get("/metrics", read()).body()).contains("# TYPE");
    assertThat(get("/metrics", Map.of()).status()).isEqualTo(401);
    assertThat(get("/", read()).contentType()).startsWith("text/html");
    assertThat(get("/", Map.of()).status()).isEqualTo(401);
    assertThat(head("/health").status()).isEqualTo(200);
  }

  @Test
  @Order(4)
  @DisplayName("GitHub deliveries: ping, accepted, duplicate, a bad signature and a malformed body")
  void githubWebhooks() {
    assertThat(post("/webhooks/github", GitHubDeliveries.fixture("ping").signed(GITHUB_SECRET)).status()).isEqualTo(200);
    github.openGate(REPO, 701L, "production");
    GitHubDeliveries.SignedDelivery gate = gate(701L, "routine-not-in-policy").signed(GITHUB_SECRET);
    assertThat(post("/webhooks/github", gate).status()).isEqualTo(202);
    assertThat(post("/webhooks/github", gate).status()).isEqualTo(200);
    assertThat(post("/webhooks/github", gate(702L, "x").signed("not-the-secret")).status()).isEqualTo(401);
    byte[] malformed = "{\"action\": ".getBytes(StandardCharsets.UTF_8);
    assertThat(post("/webhooks/github", malformed,
        GitHubDeliveries.headers("deployment_protection_rule", "malformed-1", GITHUB_SECRET, malformed)).status())
        .isEqualTo(400);
  }

  @Test
  @Order(5)
  @DisplayName("changes: pages with Link, one change, a person's vote, a repeat vote, and their errors")
  void changes() {
    github.openGate(REPO, 711L, "production");
    github.openGate(REPO, 712L, "production");
    post("/webhooks/github", gate(711L, "reviewed").signed(GITHUB_SECRET));
    post("/webhooks/github", gate(712L, "reviewed").signed(GITHUB_SECRET));
    Client.await("two changes wait for the release board", () -> pending().size() >= 2);

    Client.Answer first = get("/api/changes?limit=1", read());
    assertThat(first.raw().headers().firstValue("Link")).isPresent();
    String next = first.json().path("next").asText();
    assertThat(get("/api/changes?limit=1&cursor=" + next, read()).json().path("count").asInt()).isEqualTo(1);
    String id = pending().get(0);
    assertThat(get("/api/changes/" + id, read()).json().path("approvals").path("quorum").asInt()).isEqualTo(1);
    assertThat(get("/api/changes/ch-does-not-exist", read()).status()).isEqualTo(404);
    assertThat(get("/api/changes?state=done", read()).status()).isEqualTo(400);
    assertThat(get("/api/changes", Map.of()).status()).isEqualTo(401);

    String vote = "{\"verdict\": \"approve\", \"comment\": \"fine\"}";
    assertThat(post("/api/changes/" + id + "/decisions", vote, WRITE).status()).as("a shared token names nobody")
        .isEqualTo(403);
    assertThat(post("/api/changes/" + id + "/decisions", vote, ANA).status()).isEqualTo(200);
    assertThat(post("/api/changes/" + id + "/decisions", "{\"verdict\": \"reject\"}", ANA).status()).isEqualTo(409);
    assertThat(post("/api/changes/ch-99999999/decisions", vote, ANA).status()).isEqualTo(404);
    assertThat(post("/api/changes/" + id + "/decisions", "{\"verdict\": ", ANA).status()).isEqualTo(400);
    assertThat(post("/api/changes/" + id + "/decisions", vote, Map.of("Content-Type", "application/json")).status())
        .isEqualTo(401);
    assertThat(post("/api/changes/" + id + "/decisions", vote, READ).status()).isEqualTo(403);
  }

  @Test
  @Order(6)
  @DisplayName("a Jira webhook: an approval made in Jira is accepted, its redelivery a duplicate, a forged one 401")
  void jiraWebhook() {
    Client.await("a change waits for approval in Jira", () -> !pendingInJira().isEmpty());
    int before = jira.deliveries().size();
    assertThat(pendingInJira()).as("an issue Jira can approve").anyMatch(issue -> jira.decideAs(issue, "cab-lead", true));
    Client.await("Jira sends its webhook", () -> jira.deliveries().size() > before);
    WebhookDelivery delivery = jira.deliveries().get(jira.deliveries().size() - 1);

    assertThat(post("/webhooks/jira", delivery.body(), delivery.headers()).status()).isEqualTo(202);
    assertThat(post("/webhooks/jira", delivery.body(), delivery.headers()).status()).isEqualTo(200);
    WebhookDelivery forged = delivery.withHeader("X-Hub-Signature", "sha256=00");
    assertThat(post("/webhooks/jira", forged.body(), forged.headers()).status()).isEqualTo(401);
  }

  @Test
  @Order(7)
  @DisplayName("alerts in every format open and fold incidents; malformed, unsigned, unauthorised and oversized ones are refused")
  void alerts() {
    String alert = "{\"source\": \"prometheus\", \"dedupKey\": \"openapi-5xx\", \"service\": \"checkout\","
        + " \"summary\": \"5xx above 2%\", \"severity\": \"critical\", \"status\": \"firing\", \"labels\": {\"team\": \"a\"}}";
    assertThat(post("/alerts", alert, WRITE).status()).isEqualTo(201);
    assertThat(post("/alerts", alert, WRITE).status()).isEqualTo(200);
    assertThat(post("/alerts", "{\"source\": \"x\", \"impact\": \"high\"}", WRITE).status()).isEqualTo(400);
    assertThat(post("/alerts", "not json", WRITE).status()).isEqualTo(400);
    assertThat(post("/alerts", alert, Map.of("Content-Type", "application/json")).status()).isEqualTo(401);
    assertThat(post("/alerts", alert, READ).status()).isEqualTo(403);
    assertThat(post("/alerts", new byte[1024 * 1024 + 1], Map.of("Authorization", "Bearer " + WRITE)).status())
        .isEqualTo(413);

    String group = ServeNativeAlertsTest.alertmanager("firing", "0001-01-01T00:00:00Z");
    assertThat(post("/alerts/alertmanager", group, WRITE).status()).isEqualTo(200);
    assertThat(post("/alerts/grafana", group.replace("1a30ba71cca2921f", "9a30ba71cca2921f"), WRITE).status())
        .isEqualTo(200);
    assertThat(post("/alerts/grafana", "{}", WRITE).status()).isEqualTo(400);

    String triggered = ServeNativeAlertsTest.pagerDuty("incident.triggered", "triggered");
    assertThat(post("/webhooks/pagerduty", triggered,
        ServeNativeAlertsTest.signed(triggered, ServeNativeAlertsTest.PAGERDUTY_SECRET)).status()).isEqualTo(200);
    String other = "{\"event\": {\"id\": \"01X\", \"event_type\": \"service.updated\", \"resource_type\": \"service\","
        + " \"occurred_at\": \"2026-12-07T12:00:00Z\", \"data\": {\"id\": \"PF9KMXH\", \"type\": \"service\"}}}";
    assertThat(post("/webhooks/pagerduty", other,
        ServeNativeAlertsTest.signed(other, ServeNativeAlertsTest.PAGERDUTY_SECRET)).status()).isEqualTo(202);
    assertThat(post("/webhooks/pagerduty", triggered, Map.of("Content-Type", "application/json")).status())
        .isEqualTo(401);
  }

  @Test
  @Order(8)
  @DisplayName("incidents and problems: pages with Link, one incident, and their errors")
  void incidents() {
    Client.Answer first = get("/api/incidents?all=true&limit=1", read());
    assertThat(first.raw().headers().firstValue("Link")).isPresent();
    get("/api/incidents?all=true&limit=1&cursor=" + first.json().path("next").asText(), read());
    String id = first.json().path("incidents").get(0).path("id").asText();
    assertThat(get("/api/incidents/" + id, read()).status()).isEqualTo(200);
    assertThat(get("/api/incidents/INC-99999", read()).status()).isEqualTo(404);
    assertThat(get("/api/incidents?all=maybe", read()).status()).isEqualTo(400);
    assertThat(get("/api/problems", read()).status()).isEqualTo(200);
    assertThat(get("/api/problems?limit=0", read()).status()).isEqualTo(400);
  }

  @Test
  @Order(9)
  @DisplayName("incident writes: a verdict, a major incident, a postmortem and its action item done; and their errors")
  void incidentWrites() {
    String verdictOn = opened("openapi-verdict");
    String change = get("/api/changes?limit=1", read()).json().path("changes").get(0).path("id").asText();
    String confirmed = "{\"verdict\": \"caused_by_change\", \"change\": \"" + change + "\"}";
    Client.Answer ruled = post("/api/incidents/" + verdictOn + "/verdict", confirmed, ANA);
    assertThat(ruled.status()).isEqualTo(200);
    assertThat(ruled.json().path("verdict").asText()).isEqualTo("caused_by_change");
    assertThat(ruled.json().has("countsAgainst")).as("the verdict answers the incident as GET does").isTrue();
    assertThat(post("/api/incidents/" + verdictOn + "/verdict", "{\"verdict\": \"not_change_related\"}", ANA).status())
        .as("a confirmed cause cannot be ruled otherwise").isEqualTo(409);
    assertThat(post("/api/incidents/" + verdictOn + "/verdict", "{\"verdict\": \"maybe\"}", ANA).status()).isEqualTo(400);
    assertThat(post("/api/incidents/" + verdictOn + "/verdict", "{\"verdict\": \"caused_by_change\"}", ANA).status())
        .as("caused_by_change names its change").isEqualTo(400);
    assertThat(post("/api/incidents/" + verdictOn + "/verdict", confirmed, WRITE).status()).as("a shared token names nobody")
        .isEqualTo(403);
    assertThat(post("/api/incidents/INC-99999/verdict", "{\"verdict\": \"unknown\"}", ANA).status()).isEqualTo(404);
    String ruledOut = opened("openapi-ruled-out");
    assertThat(post("/api/incidents/" + ruledOut + "/verdict", "{\"verdict\": \"not_change_related\"}", ANA).json()
        .path("verdict").asText()).isEqualTo("not_change_related");
    JsonNode viewed = get("/api/incidents/" + ruledOut, read()).json();
    assertThat(viewed.path("countsAgainst").isNull()).as("a change-unrelated incident counts against nothing").isTrue();
    assertThat(viewed.path("problem").isNull()).isTrue();

    String reason = "{\"reason\": \"card payments failing in two regions\"}";
    assertThat(post("/api/incidents/" + ruledOut + "/major", reason, ANA).json().path("major").asBoolean()).isTrue();
    assertThat(post("/api/incidents/" + ruledOut + "/major", "{\"reason\": \" \"}", ANA).status()).isEqualTo(400);
    assertThat(post("/api/incidents/" + ruledOut + "/major", reason, WRITE).status()).isEqualTo(403);
    assertThat(post("/api/incidents/INC-99999/major", reason, ANA).status()).isEqualTo(404);

    String resolved = opened("openapi-postmortem");
    assertThat(post("/alerts", alert("openapi-postmortem", "resolved"), WRITE).json().path("outcome").asText())
        .isEqualTo("resolved");
    assertThat(post("/api/incidents/" + resolved + "/major", reason, ANA).status()).as("a resolved incident")
        .isEqualTo(409);
    assertThat(get("/api/incidents/" + resolved + "/postmortem", read()).status()).as("not published yet").isEqualTo(404);
    String due = java.time.Instant.now().plus(java.time.Duration.ofDays(30)).toString();
    String actions = "{\"actions\": [{\"title\": \"page on cart saturation\", \"kind\": \"improvement\","
        + " \"owner\": \"platform\", \"due\": \"" + due + "\"}]}";
    assertThat(post("/api/incidents/" + ruledOut + "/postmortem", actions, ANA).status()).as("an open incident")
        .isEqualTo(409);
    assertThat(post("/api/incidents/" + resolved + "/postmortem", actions.replace("improvement", "wish"), ANA).status())
        .isEqualTo(400);
    assertThat(post("/api/incidents/" + resolved + "/postmortem", actions, WRITE).status()).isEqualTo(403);
    assertThat(post("/api/incidents/INC-99999/postmortem", actions, ANA).status()).isEqualTo(404);
    Client.Answer published = post("/api/incidents/" + resolved + "/postmortem", actions, ANA);
    assertThat(published.status()).isEqualTo(201);
    assertThat(published.json().path("publishedBy").asText()).isEqualTo("ana");
    assertThat(post("/api/incidents/" + resolved + "/postmortem", actions, ANA).status()).as("published already")
        .isEqualTo(409);
    String action = published.json().path("actions").get(0).path("id").asText();

    assertThat(post("/api/postmortem-actions/" + action + "/done", "{\"note\": \"x\"}", ANA).status()).isEqualTo(400);
    assertThat(post("/api/postmortem-actions/" + action + "/done", "{}", WRITE).status()).isEqualTo(403);
    assertThat(post("/api/postmortem-actions/" + resolved + "-A9/done", "{}", ANA).status()).isEqualTo(404);
    assertThat(post("/api/postmortem-actions/" + action + "/done", "{}", ANA).json().path("status").asText())
        .isEqualTo("done");
    assertThat(post("/api/postmortem-actions/" + action + "/done", "{}", ANA).status()).as("done already").isEqualTo(409);
    assertThat(get("/api/incidents/" + resolved + "/postmortem", read()).json().path("actions").get(0).path("status")
        .asText()).isEqualTo("done");
  }

  @Test
  @Order(10)
  @DisplayName("KPIs, the audit trail by pages and the dashboard summary; and their errors")
  void reports() {
    assertThat(get("/api/kpis?from=2019-01-01&service=Hello-World", read()).status()).isEqualTo(200);
    assertThat(get("/api/kpis?from=last-week", read()).status()).isEqualTo(400);
    Client.Answer audit = get("/api/audit?limit=2", read());
    assertThat(audit.raw().headers().firstValue("Link")).isPresent();
    get("/api/audit?limit=2&cursor=" + audit.json().path("next").asText(), read());
    assertThat(get("/api/audit?limit=5000", read()).status()).isEqualTo(400);
    assertThat(get("/api/dashboard/summary", read()).json().path("kpis").isObject()).isTrue();
    assertThat(get("/api/dashboard/summary", Map.of("Authorization", "Bearer nobody-issued-this")).status())
        .isEqualTo(401);
  }

  @Test
  @Order(11)
  @DisplayName("the dashboard: a summary of a range and of a service, its drill-down pages with Link, and 400s naming every bad filter")
  void dashboard() {
    JsonNode summary = get("/api/dashboard/summary?days=90", read()).json();
    assertThat(summary.path("filter").path("days").asInt()).isEqualTo(90);
    assertThat(summary.path("options").path("services")).extracting(JsonNode::asText).contains("checkout");
    assertThat(get("/api/dashboard/summary?service=checkout", read()).json().path("filter").path("service").asText())
        .isEqualTo("checkout");

    Client.Answer first = get("/api/dashboard/incidents?limit=1", read());
    assertThat(first.json().path("total").asInt()).as("the incidents the alerts opened").isGreaterThan(1);
    assertThat(first.raw().headers().firstValue("Link")).isPresent();
    Client.Answer second = get("/api/dashboard/incidents?limit=1&cursor=" + first.json().path("next").asText(), read());
    assertThat(second.json().path("incidents").get(0).path("id").asText())
        .isNotEqualTo(first.json().path("incidents").get(0).path("id").asText());
    JsonNode deployments = get("/api/dashboard/deployments?only=failed&days=7", read()).json();
    assertThat(deployments.path("count").asInt()).isEqualTo(Math.min(deployments.path("total").asInt(), 20));

    Client.Answer bad = get("/api/dashboard/summary?days=0&service=nowhere&team=nobody", read());
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("problems")).extracting(JsonNode::asText).hasSize(4)
        .startsWith("days must be a whole number from 1 to 366, was '0'", "give service or team, not both");
    assertThat(get("/api/dashboard/incidents?days=367", read()).status()).isEqualTo(400);
    assertThat(get("/api/dashboard/incidents?service=nowhere", read()).json().path("problems").get(0).asText())
        .startsWith("service 'nowhere' is not one coexist has figures for");
    assertThat(get("/api/dashboard/deployments?only=some&limit=0", read()).json().path("problems")).hasSize(2);
    assertThat(get("/api/dashboard/deployments", Map.of()).status()).isEqualTo(401);
  }

  @Test
  @Order(12)
  @DisplayName("a path nobody serves is 404 and a method a path does not take 405, as described")
  void httpErrors() {
    assertThat(get("/api/nothing-here", read()).status()).isEqualTo(404);
    assertThat(send("DELETE", "/api/changes").status()).isEqualTo(405);
    assertThat(get("/webhooks/github", Map.of()).status()).isEqualTo(405);
  }

  @Test
  @Order(13)
  @DisplayName("each operation asks for the credentials its security requirement names: none, read or write")
  void securityAsDescribed() {
    JsonNode description = CONTRACT.description();
    for (String operation : CONTRACT.operations()) {
      String method = operation.substring(0, operation.indexOf(' '));
      String path = operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x");
      JsonNode op = description.path("paths").path(operation.substring(method.length() + 1)).path(method.toLowerCase(Locale.ROOT));
      JsonNode security = op.has("security") ? op.path("security") : description.path("security");
      Set<String> roles = new TreeSet<>();
      security.forEach(requirement -> requirement.fields().forEachRemaining(scheme ->
          scheme.getValue().forEach(role -> roles.add(role.asText()))));
      Client.Answer anonymous = method.equals("GET") ? get(path, Map.of()) : post(path, "{}", Map.of());
      if (security.isEmpty()) {
        // Webhooks are open to callers without credentials, and refuse a delivery without its signature.
        if (method.equals("GET")) {
          assertThat(anonymous.status()).as(operation + " is open").isNotIn(401, 403);
        }
        continue;
      }
      assertThat(anonymous.status()).as(operation + " without credentials").isEqualTo(401);
      Client.Answer reader = method.equals("GET") ? get(path, read()) : post(path, "{}", READ);
      if (roles.contains("write")) {
        assertThat(reader.status()).as(operation + " with the read token").isEqualTo(403);
      } else {
        assertThat(roles).as(operation + "'s roles").containsExactly("read");
        assertThat(reader.status()).as(operation + " with the read token").isNotIn(401, 403);
      }
    }
  }

  @Test
  @Order(14)
  @DisplayName("every described operation answered a success as described")
  void everyOperationAnswered() {
    Set<String> succeeded = new TreeSet<>();
    for (String answered : CONTRACT.answered()) {
      int space = answered.lastIndexOf(' ');
      if (answered.substring(space + 1).startsWith("2")) {
        succeeded.add(answered.substring(0, space));
      }
    }
    Set<String> missing = new TreeSet<>(CONTRACT.operations());
    missing.removeAll(succeeded);
    assertThat(missing).as("operations no success of which was checked against the description").isEmpty();
  }

  // ------------------------------------------------------------------ checked calls

  private static Client.Answer get(String path, Map<String, String> headers) {
    return checked("GET", path, client.get(path, headers));
  }

  private static Client.Answer head(String path) {
    return checked("HEAD", path, client.send("HEAD", path));
  }

  private static Client.Answer send(String method, String path) {
    return checked(method, path, client.send(method, path));
  }

  private static Client.Answer post(String path, String body, String token) {
    return post(path, body, TokensFile.bearer(token));
  }

  private static Client.Answer post(String path, String body, Map<String, String> headers) {
    return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  private static Client.Answer post(String path, GitHubDeliveries.SignedDelivery delivery) {
    return post(path, delivery.body(), delivery.headers());
  }

  private static Client.Answer post(String path, byte[] body, Map<String, String> headers) {
    Client.Answer answer = checked("POST", path, client.post(path, body, headers));
    if (answer.status() / 100 == 2) {
      assertThat(CONTRACT.requestViolations("POST", path, new String(body, StandardCharsets.UTF_8)))
          .as("a body POST " + path + " took is valid as described").isEmpty();
    }
    return answer;
  }

  private static Client.Answer checked(String method, String path, Client.Answer answer) {
    CONTRACT.assertConforms(OpenApiContract.Exchange.of(method, path, answer));
    return answer;
  }

  private static Map<String, String> read() {
    return Map.of("Authorization", "Bearer " + READ);
  }

  private static GitHubDeliveries.Delivery gate(long runId, String model) {
    return GitHubDeliveries.fixture("deployment_protection_rule").callbackOn(github.apiUrl(), runId)
        .with("/deployment/payload", Map.of("coexist", Map.of("change_model", model)));
  }

  /** Opens an incident on checkout with a fresh alert keyed {@code dedupKey}; answers its id. */
  private static String opened(String dedupKey) {
    Client.Answer answer = post("/alerts", alert(dedupKey, "firing"), WRITE);
    assertThat(answer.status()).as("alert " + dedupKey + " opens an incident").isEqualTo(201);
    return answer.json().path("incident").path("id").asText();
  }

  private static String alert(String dedupKey, String status) {
    return "{\"source\": \"prometheus\", \"dedupKey\": \"" + dedupKey + "\", \"service\": \"checkout\","
        + " \"summary\": \"5xx above 2%\", \"severity\": \"critical\", \"status\": \"" + status + "\"}";
  }

  /** The ids of the changes waiting for the release board. */
  private static List<String> pending() {
    List<String> ids = new ArrayList<>();
    client.get("/api/changes?outcome=pending", read()).json().path("changes").forEach(c -> {
      if ("release-board".equals(c.path("decision").path("authority").asText())) {
        ids.add(c.path("id").asText());
      }
    });
    return ids;
  }

  /** The Jira issues of the changes still pending, once Jira holds them. */
  private static List<String> pendingInJira() {
    List<String> issues = new ArrayList<>();
    client.get("/api/changes?outcome=pending", read()).json().path("changes").forEach(c -> {
      if (c.path("itsmKey").isTextual()) {
        issues.add(c.path("itsmKey").asText());
      }
    });
    return issues;
  }
}
