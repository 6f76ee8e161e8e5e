package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.app.json.Views;
import io.github.coexist.standins.github.GitHubDeliveries;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strict input over real HTTP: length limits on every field, duplicate keys refused, long delivery
 * ids refused rather than cut, errors quoting at most a short excerpt, and a dashboard whose data
 * cannot leave its script element, served under a Content-Security-Policy.
 */
class ServeStrictInputTest {
  static final String SECRET = "s3cret";
  static final String ANA = "ana-t0ken";
  /** A run of input longer than any excerpt an error may quote. */
  static final String MARK = "Z".repeat(81);

  @TempDir
  static Path dir;
  static CoexistServer server;
  static Client client;

  @BeforeAll
  static void start() {
    server = ServeEnv.inMemory().with("COEXIST_GITHUB_WEBHOOK_SECRET", SECRET)
        .with("COEXIST_API_TOKENS_FILE", TokensFile.write(dir, Map.of("ana", ANA)).toString())
        .start();
    client = new Client(server.uri(), Map.of("Authorization", "Bearer " + ANA));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName("a key given twice is refused: {\"verdict\":\"approve\",\"verdict\":\"reject\"} is a 400, not a rejection")
  void duplicateKeys() {
    Client.Answer vote = client.post("/api/changes/ch-1/decisions", "{\"verdict\":\"approve\",\"verdict\":\"reject\"}",
        TokensFile.bearer(ANA));
    Client.Answer alert = client.post("/alerts", alert("\"service\": \"a\", \"service\": \"b\""), TokensFile.bearer(ANA));

    assertThat(vote.status()).isEqualTo(400);
    assertThat(vote.json().path("message").asText()).contains("not JSON", "Duplicate", "verdict");
    assertThat(alert.status()).isEqualTo(400);
    assertThat(alert.json().path("message").asText()).contains("Duplicate", "service");
  }

  @Test
  @DisplayName("every alert field has a limit: a long one is a 400 naming the field, its limit and its length")
  void fieldLimits() {
    Map<String, String> tooLong = Map.of("source", "s".repeat(65), "dedupKey", "k".repeat(257),
        "service", "v".repeat(129), "summary", "u".repeat(1025), "severity", "c".repeat(33), "status", "f".repeat(33),
        "at", "2".repeat(65));
    tooLong.forEach((field, value) -> {
      Map<String, Object> fields = new HashMap<>(Map.of("source", "prometheus", "dedupKey", "k1", "service", "checkout",
          "summary", "5xx", "severity", "critical", "status", "firing"));
      fields.put(field, value);
      Client.Answer answer = client.post("/alerts", Views.text(Views.JSON.valueToTree(fields)), TokensFile.bearer(ANA));
      assertThat(answer.status()).as(field).isEqualTo(400);
      assertThat(answer.json().path("message").asText()).as(field)
          .contains(field + " is at most " + (value.length() - 1) + " characters, was " + value.length())
          .doesNotContain(value.substring(0, 20));
    });
  }

  @Test
  @DisplayName("labels are limited in number, name and value; a vote's comment and approver too")
  void labelsAndVotes() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 33; i++) {
      many.append(i == 0 ? "" : ", ").append("\"l").append(i).append("\": \"v\"");
    }
    assertThat(post("/alerts", alert("\"labels\": {" + many + "}")).path("message").asText())
        .contains("labels has at most 32 entries, had 33");
    assertThat(post("/alerts", alert("\"labels\": {\"team\": \"" + MARK.repeat(7) + "\"}")).path("message").asText())
        .contains("labels.team is at most 512 characters, was 567");
    assertThat(post("/alerts", alert("\"labels\": {\"" + MARK + "\": \"x\"}")).path("message").asText())
        .contains("is longer than 64 characters").doesNotContain(MARK);
    assertThat(post("/api/changes/ch-1/decisions", "{\"verdict\": \"approve\", \"comment\": \"" + "c".repeat(4001) + "\"}")
        .path("message").asText()).contains("comment is at most 4000 characters, was 4001");
    assertThat(post("/api/changes/ch-1/decisions", "{\"verdict\": \"" + MARK + "\"}").path("message").asText())
        .contains("verdict is at most 16 characters").doesNotContain(MARK);
  }

  @Test
  @DisplayName("errors quote at most a short excerpt of the input: unknown fields, bad times, malformed JSON, long paths")
  void shortExcerpts() {
    String big = MARK.repeat(10_000);
    Client.Answer unknown = client.post("/alerts", alert("\"" + MARK.repeat(10) + "\": 1"), TokensFile.bearer(ANA));
    Client.Answer hugeName = client.post("/alerts", alert("\"" + big + "\": 1"), TokensFile.bearer(ANA));
    Client.Answer badTime = client.post("/alerts", alert("\"at\": \"" + MARK.substring(0, 60) + "\""),
        TokensFile.bearer(ANA));
    Client.Answer malformed = client.post("/alerts", "{\"source\": " + big, TokensFile.bearer(ANA));
    Client.Answer longPath = client.get("/api/changes/" + MARK.repeat(20));
    Client.Answer badQuery = client.get("/api/changes?state=" + MARK.repeat(20));

    for (Client.Answer answer : new Client.Answer[] {unknown, hugeName, badTime, malformed, longPath, badQuery}) {
      assertThat(answer.status()).isIn(400, 404);
      assertThat(answer.body()).doesNotContain(MARK).hasSizeLessThan(2000);
    }
    assertThat(unknown.json().path("message").asText()).contains("is not a known field", "(810 characters)");
  }

  @Test
  @DisplayName("a delivery id over 128 characters is refused, never cut: two long ids sharing a prefix are both refused")
  void longDeliveryIds() {
    String prefix = UUID.randomUUID() + "-".repeat(200);
    for (String suffix : new String[] {"a", "b"}) {
      GitHubDeliveries.SignedDelivery delivery = GitHubDeliveries.fixture("ping").signed(SECRET);
      Map<String, String> headers = new HashMap<>(delivery.headers());
      headers.put("X-GitHub-Delivery", prefix + suffix);
      Client.Answer answer = client.post("/webhooks/github", delivery.body(), headers);
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.json().path("message").asText()).contains("X-GitHub-Delivery is at most 128 characters",
          "refused rather than cut");
      assertThat(answer.body()).doesNotContain(prefix);
    }
    GitHubDeliveries.SignedDelivery delivery = GitHubDeliveries.fixture("ping").signed(SECRET);
    Map<String, String> headers = new HashMap<>(delivery.headers());
    headers.put("X-GitHub-Delivery", "d".repeat(128));
    assertThat(client.post("/webhooks/github", delivery.body(), headers).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("the dashboard is served under a strict Content-Security-Policy, and hostile text stays inside its data")
  void dashboard() throws Exception {
    String hostile = "<!--<script></script> & </script><script>alert(1)</script>";
    assertThat(client.post("/alerts", "{\"source\": \"prometheus\", \"dedupKey\": \"dash\", \"service\": \"checkout\","
        + " \"summary\": " + Views.JSON.writeValueAsString(hostile) + ", \"severity\": \"critical\","
        + " \"status\": \"firing\"}", TokensFile.bearer(ANA)).status()).isEqualTo(201);

    Client.Answer page = client.get("/");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.raw().headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .startsWith("default-src 'none'; script-src 'sha256-").contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval"));
    assertThat(page.raw().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.raw().headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    String open = "<script id=\"coexist-data\" type=\"application/json\">";
    String html = page.body();
    String data = html.substring(html.indexOf(open) + open.length(), html.indexOf("</script>", html.indexOf(open)));
    // The served page holds no data (its script asks the API), so no text from outside is in it.
    assertThat(data).isEqualTo("null");
    assertThat(html).doesNotContain("alert(1)");
    Client.Answer incidents = client.get("/api/incidents");
    assertThat(incidents.contentType()).startsWith("application/json");
    assertThat(incidents.raw().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(incidents.json().toString()).contains(Views.JSON.writeValueAsString(hostile));
  }

  private static JsonNode post(String path, String body) {
    Client.Answer answer = client.post(path, body, TokensFile.bearer(ANA));
    assertThat(answer.status()).as(body.length() > 200 ? body.substring(0, 200) : body).isEqualTo(400);
    return answer.json();
  }

  private static String alert(String extra) {
    return "{\"source\": \"prometheus\", \"dedupKey\": \"k1\", \"service\": \"checkout\", \"summary\": \"5xx\","
        + " \"severity\": \"critical\", \"status\": \"firing\", " + extra + "}";
  }
}
