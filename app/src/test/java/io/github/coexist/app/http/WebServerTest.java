package io.github.coexist.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coexist.app.Waiting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The HTTP server over real sockets, serving a small router of its own. */
class WebServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration GENEROUS = Duration.ofSeconds(20);

  private final Semaphore entered = new Semaphore(0);
  private final CountDownLatch release = new CountDownLatch(1);
  private WebServer server;

  static ServerSettings settings() {
    return new ServerSettings("127.0.0.1", 0, Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(30),
        ServerSettings.MIN_THREADS, 64, Duration.ofSeconds(10), BodyLimits.standard());
  }

  Router router() {
    return new Router()
        .on("GET", "/hello", request -> HttpAnswer.json(200, "{\"hello\":\"world\"}"))
        .probe("GET", "/live", request -> HttpAnswer.json(200, "{\"status\":\"live\"}"))
        .on("POST", "/echo", request -> HttpAnswer.json(200, "{\"bytes\":" + request.body().length + "}"))
        .on("POST", "/webhooks/echo", request -> HttpAnswer.json(200, "{\"bytes\":" + request.body().length + "}"))
        .on("GET", "/boom", request -> {
          throw new IllegalStateException("a bug in a route");
        })
        .on("GET", "/out-of-memory", request -> {
          throw new OutOfMemoryError("simulated: the heap is exhausted");
        })
        .on("GET", "/wait", request -> {
          entered.release();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return HttpAnswer.json(200, "{\"waited\":true}");
        });
  }

  @BeforeEach
  void start() throws IOException {
    server = WebServer.start(settings(), router());
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
  }

  @Nested
  @DisplayName("answers")
  class Answers {
    @Test
    @DisplayName("HEAD is answered on a GET route with the GET's headers and no body")
    void head() throws IOException {
      try (RawConnection connection = RawConnection.open(server.port(), GENEROUS)) {
        connection.send("HEAD /hello HTTP/1.1\r\nHost: test\r\n\r\n");
        RawConnection.Answer head = connection.readHead();
        // The next answer on the same connection parses only if HEAD's answer had no body.
        connection.send("GET /hello HTTP/1.1\r\nHost: test\r\n\r\n");
        RawConnection.Answer get = connection.read();

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Type")).startsWith("application/json");
        assertThat(head.header("Content-Length")).isEqualTo("17");
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("{\"hello\":\"world\"}");
      }
    }

    @Test
    @DisplayName("an unknown path is a 404 and a wrong method a 405 naming GET and HEAD, each in the JSON error shape")
    void notFoundAndWrongMethod() {
      HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/nothing")).GET());
      HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/hello")).DELETE());

      assertError(missing.statusCode(), missing.body(), 404, "not_found");
      assertError(wrong.statusCode(), wrong.body(), 405, "method_not_allowed");
      assertThat(wrong.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    @DisplayName("a route's unexpected failure is a logged 500 in the JSON error shape, and the server stays ready")
    void routeFailure() {
      HttpResponse<String> failed = send(HttpRequest.newBuilder(uri("/boom")).GET());

      assertError(failed.statusCode(), failed.body(), 500, "internal");
      assertThat(failed.body()).doesNotContain("a bug in a route");
      assertThat(server.problem()).isEmpty();
      assertThat(send(HttpRequest.newBuilder(uri("/hello")).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("the JVM failing in a route is a 500, and from then on the server reports a problem")
    void jvmFailure() {
      HttpResponse<String> failed = send(HttpRequest.newBuilder(uri("/out-of-memory")).GET());

      assertError(failed.statusCode(), failed.body(), 500, "internal");
      assertThat(server.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("restart coexist"));
    }

    @Test
    @DisplayName("answers carry nosniff and no server version")
    void headers() {
      HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/hello")).GET());
      assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(answer.headers().firstValue("Server")).isEmpty();
    }
  }

  @Nested
  @DisplayName("malformed requests")
  class Malformed {
    @Test
    @DisplayName("a garbage request line is answered 400 in the JSON error shape, not an HTML page")
    void garbageRequestLine() throws IOException {
      assertMalformed("GARBAGE\r\n\r\n", 400, "invalid_input");
      assertMalformed("GET /hello HTTP/9.9\r\nHost: test\r\n\r\n", 505, "http_version_not_supported");
    }

    @Test
    @DisplayName("a header without a colon is answered 400 in the JSON error shape")
    void badHeader() throws IOException {
      assertMalformed("GET /hello HTTP/1.1\r\nHost: test\r\nBad Header Line\r\n\r\n", 400, "invalid_input");
    }

    @Test
    @DisplayName("headers too large are answered 431 in the JSON error shape")
    void headersTooLarge() throws IOException {
      assertMalformed("GET /hello HTTP/1.1\r\nHost: test\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n", 431,
          "headers_too_large");
    }

    private void assertMalformed(String request, int status, String kind) throws IOException {
      try (RawConnection connection = RawConnection.open(server.port(), GENEROUS)) {
        RawConnection.Answer answer = connection.send(request).read();
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertError(answer.status(), answer.body(), status, kind);
      }
    }
  }

  @Nested
  @DisplayName("bodies")
  class Bodies {
    @Test
    @DisplayName("a Content-Length over the path's limit is refused 413 before a byte of the body is sent")
    void declaredTooLarge() throws IOException {
      try (RawConnection connection = RawConnection.open(server.port(), GENEROUS)) {
        RawConnection.Answer answer = connection.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: "
            + (BodyLimits.MB + 1) + "\r\n\r\n").read();

        assertError(answer.status(), answer.body(), 413, "payload_too_large");
        assertThat(answer.body()).contains("1 MB");
        assertThat(answer.header("Connection")).isEqualTo("close");
      }
    }

    @Test
    @DisplayName("a chunked body is refused 413 as soon as it passes the limit, the rest never read")
    void chunkedTooLarge() throws IOException {
      try (RawConnection connection = RawConnection.open(server.port(), GENEROUS)) {
        connection.send("POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n");
        byte[] chunk = RawConnection.chunk(64 * 1024);
        for (int i = 0; i < 17; i++) {   // 17 x 64 KB: just over 1 MB, and no last chunk
          connection.send(chunk);
        }
        RawConnection.Answer answer = connection.read();

        assertError(answer.status(), answer.body(), 413, "payload_too_large");
        assertThat(connection.closedByServer()).isTrue();
      }
    }

    @Test
    @DisplayName("a webhook path takes a body over the default limit")
    void webhookLimit() {
      byte[] body = new byte[5 * (int) BodyLimits.MB];
      HttpResponse<String> webhook = send(HttpRequest.newBuilder(uri("/webhooks/echo"))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
      HttpResponse<String> other = send(HttpRequest.newBuilder(uri("/echo"))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

      assertThat(webhook.statusCode()).isEqualTo(200);
      assertThat(webhook.body()).isEqualTo("{\"bytes\":" + body.length + "}");
      assertThat(other.statusCode()).isEqualTo(413);
    }

    @Test
    @DisplayName("a body that stops arriving is answered 408 after the body time-out and its connection closed")
    void slowBody() throws IOException {
      try (RawConnection connection = RawConnection.open(server.port(), GENEROUS)) {
        RawConnection.Answer answer = connection.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 10\r\n\r\n"
            + "abc").read();

        assertError(answer.status(), answer.body(), 408, "request_timeout");
        assertThat(connection.closedByServer()).isTrue();
      }
    }
  }

  @Nested
  @DisplayName("slow clients and load")
  class Load {
    @Test
    @DisplayName("a client that sends a request line and goes silent is cut off after the header time-out")
    void halfOpen() throws IOException {
      try (RawConnection connection = RawConnection.open(server.port(), GENEROUS)) {
        connection.send("POST /echo HTTP/1.1\r\n");
        assertThat(connection.closedByServer()).isTrue();
      }
    }

    @Test
    @DisplayName("a client sending its headers a byte at a time is cut off after the header time-out")
    void slowloris() throws Exception {
      try (RawConnection connection = RawConnection.open(server.port(), GENEROUS)) {
        connection.send("GET /hello HTTP/1.1\r\nHost: test\r\n");
        CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
          try {
            for (int i = 0; i < 600; i++) {
              connection.send("X-Slow-" + i + ": 1\r\n");
              Thread.sleep(50);
            }
          } catch (IOException cutOff) {
            // what should happen
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        assertThat(connection.closedByServer()).isTrue();
        trickle.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
      }
    }

    @Test
    @DisplayName("with every request slot at work, one more request is answered 503 at once but a probe 200,"
        + " and the others finish")
    void busy() throws Exception {
      int slots = settings().concurrentRequests();
      List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
      for (int i = 0; i < slots; i++) {
        waiting.add(HTTP.sendAsync(HttpRequest.newBuilder(uri("/wait")).timeout(GENEROUS).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      assertThat(entered.tryAcquire(slots, GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();

      HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/hello")).GET());

      assertError(refused.statusCode(), refused.body(), 503, "unavailable");
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(send(HttpRequest.newBuilder(uri("/live")).GET()).statusCode()).as("a probe").isEqualTo(200);
      release.countDown();
      for (CompletableFuture<HttpResponse<String>> answer : waiting) {
        assertThat(answer.get(GENEROUS.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      assertThat(send(HttpRequest.newBuilder(uri("/hello")).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("closing refuses new connections, lets the request in flight finish, then returns")
    void drain() throws Exception {
      CompletableFuture<HttpResponse<String>> inFlight = HTTP.sendAsync(
          HttpRequest.newBuilder(uri("/wait")).timeout(GENEROUS).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(entered.tryAcquire(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();

      int port = server.port();
      CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
      Waiting.until("the port refuses connections", GENEROUS, () -> RawConnection.refused(port));
      assertThat(server.problem()).hasValue("the HTTP server is stopping");
      assertThat(closing).isNotDone();
      release.countDown();

      assertThat(inFlight.get(GENEROUS.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      closing.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("a port already taken is an IOException")
  void portTaken() {
    ServerSettings same = new ServerSettings("127.0.0.1", server.port(), Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofSeconds(1), ServerSettings.MIN_THREADS, 8, Duration.ofSeconds(1), BodyLimits.standard());
    assertThatThrownBy(() -> WebServer.start(same, router())).isInstanceOf(IOException.class);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.timeout(GENEROUS).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void assertError(int status, String body, int expectedStatus, String kind) {
    assertThat(status).as(body).isEqualTo(expectedStatus);
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
    assertThat(json.path("error").asText()).as(body).isEqualTo(kind);
    assertThat(json.path("message").asText()).isNotBlank();
    assertThat(json.path("problems").isArray()).isTrue();
  }


}
