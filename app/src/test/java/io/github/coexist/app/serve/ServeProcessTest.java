package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.app.Waiting;
import io.github.coexist.app.http.RawConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coexist serve} as a real process, stopped as a supervisor stops it: with SIGTERM. */
class ServeProcessTest {
  private static final Duration GENEROUS = Duration.ofSeconds(30);
  private static final String ALERT = "{\"source\": \"prometheus\", \"dedupKey\": \"checkout-5xx\", \"service\": \"checkout\","
      + " \"summary\": \"5xx above 2%\", \"severity\": \"critical\", \"status\": \"firing\"}";

  @Test
  @DisplayName("SIGTERM stops taking connections, lets the request in flight finish, and exits 0")
  void sigtermDrainsAndExitsZero(@TempDir Path dir) throws Exception {
    try (ServeProcess serve = ServeProcess.start(dir, "serve", Map.of("COEXIST_PORT", "0", "COEXIST_STORE", "memory",
        "COEXIST_TICK_INTERVAL", "1h", "COEXIST_HTTP_DRAIN_TIMEOUT", "60s"))) {
      Process process = serve.process();
      int port = serve.port();
      byte[] alert = ALERT.getBytes(StandardCharsets.UTF_8);

      try (RawConnection connection = RawConnection.open(port, GENEROUS)) {
        connection.send("POST /alerts HTTP/1.1\r\nHost: coexist\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + alert.length + "\r\nExpect: 100-continue\r\n\r\n");
        // The route asks for the body: the request is in flight.
        assertThat(connection.read().status()).isEqualTo(100);

        process.toHandle().destroy(); // SIGTERM on Linux
        serve.err().await(line -> line.contains("coexist stopping"), serve.out());
        Waiting.until("the port refuses connections", GENEROUS, () -> RawConnection.refused(port));
        RawConnection.Answer answer = connection.send(alert).read();

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.body()).contains("\"outcome\":\"opened\"");
      }
      assertThat(process.waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS)).as(serve.err().text()).isTrue();
      assertThat(process.exitValue()).as(serve.err().text()).isZero();
      assertThat(serve.err().text()).contains("coexist stopped").contains("POST /alerts 201");
    }
  }
}
