package io.github.coexist.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.standins.github.GitHubDeliveries;
import io.github.coexist.standins.github.GitHubStandIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample application, started with the starter, answers a signed GitHub gate over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTest {
  private static final String TOKEN = "ghp_sample_token";
  private static final String SECRET = "sample-webhook-secret";
  private static final String REPO = GitHubDeliveries.REPOSITORY;
  private static final GitHubStandIn GITHUB = GitHubStandIn.start().acceptToken(TOKEN);
  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort
  int port;

  @DynamicPropertySource
  static void github(DynamicPropertyRegistry properties) {
    properties.add("coexist.github.api-url", () -> GITHUB.apiUrl().toString());
    properties.add("coexist.github.token", () -> TOKEN);
    properties.add("coexist.github.webhook-secret", () -> SECRET);
  }

  @AfterAll
  static void stop() {
    GITHUB.close();
  }

  private HttpResponse<String> deliver(String event, String deliveryId, byte[] body, String secret)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/github"))
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    GitHubDeliveries.headers(event, deliveryId, secret, body).forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @DisplayName("a signed deployment protection rule is kept, decided and answered on GitHub; sent twice, it is one change")
  void answersAGate() throws Exception {
    long run = 7001;
    GITHUB.openGate(REPO, run, "production");
    // The pipeline's story up to the gate: the push, its checks and review, the merge, then the gate.
    List<GitHubDeliveries.Delivery> flow = GitHubDeliveries.deploymentFlow(GITHUB.apiUrl(), run);
    byte[] body = new byte[0];
    for (GitHubDeliveries.Delivery delivery : flow) {
      body = delivery.body();
      HttpResponse<String> answer = deliver(delivery.event(), "d-" + delivery.event(), body, SECRET);
      assertThat(answer.statusCode()).as(delivery.event() + ": " + answer.body()).isIn(200, 202);
      if (delivery.event().equals("deployment_protection_rule")) {
        assertThat(answer.body()).contains("\"outcome\":\"accepted\"");
        break;
      }
    }

    Instant deadline = Instant.now().plusSeconds(20);
    Optional<String> state = Optional.empty();
    while (state.filter(answered -> !answered.equals("pending")).isEmpty() && Instant.now().isBefore(deadline)) {
      state = GITHUB.gateState(REPO, run, "production");
      Thread.sleep(50);
    }
    assertThat(state).as("GitHub's gate after the answer").contains("approved");

    HttpResponse<String> again = deliver("deployment_protection_rule", "d-deployment_protection_rule", body, SECRET);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("\"outcome\":\"duplicate\"");
    assertThat(GITHUB.reviews().stream().filter(review -> review.runId() == run)).hasSize(1);
  }

  @Test
  @DisplayName("a delivery signed with another secret is refused with 401 and a JSON error")
  void refusesABadSignature() throws Exception {
    byte[] body = GitHubDeliveries.fixture("deployment_protection_rule").callbackOn(GITHUB.apiUrl(), 7002).body();
    HttpResponse<String> refused = deliver("deployment_protection_rule", "d-7002", body, "not-the-secret");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("\"error\"");
  }

  @Test
  @DisplayName("the actuator's health shows coexist up")
  void health() throws Exception {
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"coexist\":{\"status\":\"UP\"");
  }
}
