package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.app.http.RawConnection;
import io.github.coexist.standins.github.GitHubDeliveries;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}'s front door over real sockets: what an attacker or a busy day sends (connections
 * that go silent, headers a byte at a time, bodies too large, garbage) while {@code /health} must
 * still answer, and the health endpoints themselves.
 */
class ServeFrontDoorTest {
  static final String SECRET = "s3cret";
  static final Duration GENEROUS = Duration.ofSeconds(20);
  static final int MB = 1024 * 1024;

  static CoexistServer server;
  static Client client;

  @BeforeAll
  static void start() {
    server = ServeEnv.inMemory().with("COEXIST_GITHUB_WEBHOOK_SECRET", SECRET).start();
    client = new Client(server.uri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName("eight connections that send 'POST /alerts HTTP/1.1' and go silent do not stop /health")
  void halfOpenConnections() throws IOException {
    List<RawConnection> silent = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        silent.add(RawConnection.open(server.port(), GENEROUS).send("POST /alerts HTTP/1.1\r\n"));
      }
      // The client gives up after 20 s; the old server never answered while these were open.
      Client.Answer health = client.get("/health");

      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().path("status").asText()).isIn("ok", "degraded");
      assertThat(client.get("/health/live").status()).isEqualTo(200);
    } finally {
      silent.forEach(RawConnection::close);
    }
  }

  @Test
  @DisplayName("200 slowloris connections sending headers a byte at a time do not stop /health")
  void slowloris() throws Exception {
    List<RawConnection> slow = new ArrayList<>();
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    try {
      for (int i = 0; i < 200; i++) {
        slow.add(RawConnection.open(server.port(), GENEROUS).send("GET /health HTTP/1.1\r\nHost: coexist\r\nX-S: "));
      }
      trickle.scheduleWithFixedDelay(() -> slow.forEach(connection -> {
        try {
          connection.send("a");
        } catch (IOException cutOff) {
          // the server closed it: what it should do after the header time-out
        }
      }), 0, 100, TimeUnit.MILLISECONDS);

      for (int i = 0; i < 5; i++) {
        assertThat(client.get("/health").status()).isEqualTo(200);
      }
    } finally {
      trickle.shutdownNow();
      slow.forEach(RawConnection::close);
    }
  }

  @Test
  @DisplayName("a 30 MB alert is refused 413 on its Content-Length, before a byte of its body is sent")
  void declaredHugeAlert() throws IOException {
    try (RawConnection connection = RawConnection.open(server.port(), GENEROUS)) {
      RawConnection.Answer answer = connection.send("POST /alerts HTTP/1.1\r\nHost: coexist\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + 30 * MB + "\r\n\r\n").read();

      assertThat(answer.status()).isEqualTo(413);
      assertThat(json(answer.body()).path("error").asText()).isEqualTo("payload_too_large");
      assertThat(answer.body()).contains("1 MB");
    }
  }

  @Test
  @DisplayName("a 30 MB chunked alert is refused 413 while most of it is still unsent, and never buffered")
  void chunkedHugeAlert() throws Exception {
    try (RawConnection connection = RawConnection.open(server.port(), GENEROUS)) {
      connection.send("POST /alerts HTTP/1.1\r\nHost: coexist\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n");
      AtomicLong sent = new AtomicLong();
      byte[] chunk = RawConnection.chunk(64 * 1024);
      CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
        try {
          while (sent.get() < 30L * MB) {
            connection.send(chunk);
            sent.addAndGet(64 * 1024);
          }
          connection.send("0\r\n\r\n");
        } catch (IOException cutOff) {
          // the server stopped reading and closed the connection
        }
      });

      RawConnection.Answer answer = connection.read();
      long sentWhenAnswered = sent.get();

      assertThat(answer.status()).isEqualTo(413);
      assertThat(json(answer.body()).path("error").asText()).isEqualTo("payload_too_large");
      assertThat(sentWhenAnswered).as("bytes sent when the answer came").isLessThan(15L * MB);
      connection.close();
      sending.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
      assertThat(sent.get()).as("the client could not send the whole body").isLessThan(30L * MB);
    }
  }

  @Test
  @DisplayName("a 26 MB webhook is refused 413; a correctly signed 20 MB one is read whole and answered")
  void webhookSizes() {
    GitHubDeliveries.SignedDelivery tooLarge = GitHubDeliveries.fixture("ping").with("/padding", padding(26))
        .signed(SECRET);
    GitHubDeliveries.SignedDelivery large = GitHubDeliveries.fixture("ping").with("/padding", padding(20))
        .signed(SECRET);
    assertThat(tooLarge.body().length).isBetween(26 * MB, 27 * MB);
    assertThat(large.body().length).isBetween(20 * MB, 21 * MB);

    Client.Answer refused = client.deliver(tooLarge);
    Client.Answer accepted = client.deliver(large);

    assertThat(refused.status()).isEqualTo(413);
    assertThat(refused.json().path("error").asText()).isEqualTo("payload_too_large");
    assertThat(refused.body()).contains("25 MB");
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    assertThat(accepted.json().path("outcome").asText()).isEqualTo("ping");
  }

  @Test
  @DisplayName("malformed HTTP gets the JSON error shape, never Jetty's HTML page")
  void malformed() throws IOException {
    for (String request : List.of("GARBAGE\r\n\r\n", "GET /health HTTP/1.1\r\nHost: coexist\r\nno colon here\r\n\r\n",
        "GET /health HTTP/1.1\r\nHost: coexist\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n")) {
      try (RawConnection connection = RawConnection.open(server.port(), GENEROUS)) {
        RawConnection.Answer answer = connection.send(request).read();

        assertThat(answer.status()).as(request).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.body()).doesNotContain("<html");
        JsonNode error = json(answer.body());
        assertThat(error.path("error").asText()).isEqualTo("invalid_input");
        assertThat(error.path("message").asText()).startsWith("malformed request");
      }
    }
  }

  @Test
  @DisplayName("HEAD /health and HEAD / are 200 with no body; an unknown route is a 404 in the JSON error shape")
  void headAndNotFound() throws IOException {
    try (RawConnection connection = RawConnection.open(server.port(), GENEROUS)) {
      RawConnection.Answer health = connection.send("HEAD /health HTTP/1.1\r\nHost: coexist\r\n\r\n").readHead();
      RawConnection.Answer dashboard = connection.send("HEAD / HTTP/1.1\r\nHost: coexist\r\n\r\n").readHead();
      RawConnection.Answer missing = connection.send("GET /no/such/route HTTP/1.1\r\nHost: coexist\r\n\r\n").read();

      assertThat(health.status()).isEqualTo(200);
      assertThat(Integer.parseInt(health.header("Content-Length"))).isPositive();
      assertThat(dashboard.status()).isEqualTo(200);
      assertThat(dashboard.header("Content-Type")).startsWith("text/html");
      // Had either HEAD carried a body, this answer would not parse as the 404.
      assertThat(missing.status()).isEqualTo(404);
      assertThat(json(missing.body()).path("error").asText()).isEqualTo("not_found");
    }
  }

  @Test
  @DisplayName("/health/live is 200, /health/ready 200 naming each check")
  void healthEndpoints() {
    Client.Answer live = client.get("/health/live");
    Client.Answer ready = client.get("/health/ready");

    assertThat(live.status()).isEqualTo(200);
    assertThat(live.json().path("status").asText()).isEqualTo("live");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().path("status").asText()).isEqualTo("ready");
    assertThat(ready.json().path("checks").path("server").asText()).isEqualTo("ok");
    assertThat(ready.json().path("checks").path("processing").asText()).isEqualTo("ok");
    assertThat(ready.json().path("checks").path("store").asText()).isEqualTo("ok");
  }

  @Test
  @DisplayName("readiness fails, naming the part, while the store cannot be read or work cannot be committed")
  void readinessFails(@TempDir Path dir) {
    try (CoexistServer own = CoexistServer.start(Map.of("COEXIST_PORT", "0", "COEXIST_DATA_DIR", dir.toString(),
        "COEXIST_TICK_INTERVAL", "1h")).getOrElseThrow(e -> new AssertionError(e.message()))) {
      Client owned = new Client(own.uri());
      assertThat(owned.get("/health/ready").status()).isEqualTo(200);

      own.store().orElseThrow().close();
      Client.Answer storeDown = owned.get("/health/ready");
      Client.Answer alert = owned.post("/alerts", "{\"source\": \"prometheus\", \"dedupKey\": \"k\","
          + " \"service\": \"checkout\", \"summary\": \"errors\", \"severity\": \"critical\","
          + " \"status\": \"firing\"}", Map.of());
      Client.Answer bothDown = owned.get("/health/ready");

      assertThat(storeDown.status()).isEqualTo(503);
      assertThat(storeDown.json().path("error").asText()).isEqualTo("unavailable");
      assertThat(texts(storeDown.json().path("problems"))).singleElement().asString().startsWith("store: ");
      assertThat(storeDown.json().path("checks").path("processing").asText()).isEqualTo("ok");
      assertThat(alert.status()).as("an alert that cannot be kept is not acknowledged").isEqualTo(503);
      assertThat(bothDown.status()).isEqualTo(503);
      assertThat(texts(bothDown.json().path("problems"))).hasSize(2)
          .anySatisfy(p -> assertThat(p).startsWith("processing: could not write"));
      assertThat(owned.get("/health/live").status()).isEqualTo(200);
      assertThat(owned.get("/health").status()).isEqualTo(200);
    }
  }

  /** About {@code megabytes} MB of JSON as many short texts, as a large real payload holds (many commits, files). */
  private static List<String> padding(int megabytes) {
    return java.util.Collections.nCopies(megabytes * 1024, "x".repeat(1021));
  }

  private static JsonNode json(String body) {
    try {
      return io.github.coexist.app.json.Views.JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
