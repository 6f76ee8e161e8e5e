package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.app.http.BodyLimits;
import io.github.coexist.app.http.JvmFailures;
import io.github.coexist.app.http.RawConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code serve} process that runs out of memory stops with a non-zero exit code at once, for its
 * supervisor to restart it, rather than keeping its port open without answering: shown on a small
 * heap, without {@code -XX:+ExitOnOutOfMemoryError}, so the stop is coexist's own.
 */
class ServeOutOfMemoryTest {
  @TempDir
  Path dir;

  @Test
  @DisplayName("two of GitHub's largest deliveries at once on a 48 MB heap: the process halts with exit code 3")
  void outOfMemoryStopsTheProcess() throws Exception {
    List<RawConnection> connections = new ArrayList<>();
    try (ServeProcess serve = ServeProcess.start(dir, "oom", Map.of("COEXIST_PORT", "0", "COEXIST_STORE", "memory",
        "COEXIST_TICK_INTERVAL", "1h"), List.of("-Xmx48m"))) {
      long length = BodyLimits.WEBHOOK_LIMIT - 1;
      for (int i = 0; i < 2 && serve.process().isAlive(); i++) {
        RawConnection connection = RawConnection.open(serve.port(), Duration.ofSeconds(5));
        connections.add(connection);
        connection.send(("POST /webhooks/github HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "X-GitHub-Event: ping\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      }

      assertThat(serve.process().waitFor(ServeProcess.GENEROUS.toSeconds(), TimeUnit.SECONDS))
          .as("serve stops; its log ends:\n%s", serve.errTail(20)).isTrue();
      assertThat(serve.process().exitValue()).isEqualTo(JvmFailures.EXIT_CODE);
      assertThat(serve.err().text()).contains("the JVM failed (java.lang.OutOfMemoryError");
      assertThat(RawConnection.refused(serve.port())).as("the port is closed").isTrue();
    } finally {
      connections.forEach(RawConnection::close);
    }
  }
}
