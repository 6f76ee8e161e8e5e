package io.github.coexist.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.app.Waiting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The total of request bodies buffered at once, over every connection, is capped: large bodies
 * arriving together beyond it are answered 503 with {@code Retry-After} before a byte of them is
 * buffered, and the room comes back once a body is done.
 */
class BodyBudgetTest {
  private static final int BODY = 1_200_000;
  private static final long TOTAL = 3 * BodyLimits.MB;
  private static final Duration GENEROUS = Duration.ofSeconds(20);

  private WebServer server;
  private final List<RawConnection> connections = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    ServerSettings settings = new ServerSettings("127.0.0.1", 0, Duration.ofSeconds(5), Duration.ofSeconds(30),
        Duration.ofSeconds(30), ServerSettings.MIN_THREADS, 64, Duration.ofSeconds(5), BodyLimits.standard(), TOTAL);
    server = WebServer.start(settings, new Router()
        .on("GET", "/hello", request -> HttpAnswer.json(200, "{\"hello\":\"world\"}"))
        .on("POST", "/webhooks/echo", request -> HttpAnswer.json(200, "{\"bytes\":" + request.body().length + "}")));
  }

  @AfterEach
  void stop() {
    connections.forEach(RawConnection::close);
    server.close();
  }

  @Test
  @DisplayName("two large bodies in flight fill the budget: a third is answered 503 with Retry-After, small requests still pass")
  void concurrentLargeBodies() throws Exception {
    RawConnection first = started();
    RawConnection second = started();
    Waiting.until("both bodies are being buffered", GENEROUS, () -> server.bodyBytesBuffered() == 2L * BODY);

    RawConnection.Answer third = open().send(head(BODY)).read();
    RawConnection.Answer small = open().send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").read();

    assertThat(third.status()).isEqualTo(503);
    assertThat(third.header("retry-after")).isEqualTo("1");
    assertThat(third.body()).contains("\"error\":\"unavailable\"").contains("3 MB");
    assertThat(small.status()).isEqualTo(200);
    assertThat(server.bodyBytesBuffered()).isEqualTo(2L * BODY);

    first.send(RawConnection.chunk(BODY - 100));
    assertThat(first.read().body()).contains("\"bytes\":" + BODY);
    Waiting.until("the first body's room is given back", GENEROUS, () -> server.bodyBytesBuffered() == BODY);
    RawConnection.Answer fourth = open().send(head(BODY)).send(RawConnection.chunk(BODY)).read();
    assertThat(fourth.status()).isEqualTo(200);
    second.send(RawConnection.chunk(BODY - 100));
    assertThat(second.read().status()).isEqualTo(200);
    Waiting.until("every body's room is given back", GENEROUS, () -> server.bodyBytesBuffered() == 0);
  }

  /** A connection that sent the headers of a large body and its first 100 bytes, and holds the rest. */
  private RawConnection started() throws IOException {
    return open().send(head(BODY)).send(RawConnection.chunk(100));
  }

  private RawConnection open() {
    RawConnection connection = RawConnection.open(server.port(), GENEROUS);
    connections.add(connection);
    return connection;
  }

  private static byte[] head(int length) {
    return ("POST /webhooks/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + length
        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }
}
