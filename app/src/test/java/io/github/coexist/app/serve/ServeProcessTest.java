package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.app.Main;
import io.github.coexist.app.Waiting;
import io.github.coexist.app.http.RawConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coexist serve} as a real process, stopped as a supervisor stops it: with SIGTERM. */
class ServeProcessTest {
  private static final Duration GENEROUS = Duration.ofSeconds(30);
  private static final Pattern SERVING = Pattern.compile("coexist is serving on \\S+ \\(port (\\d+)\\)");
  private static final String ALERT = "{\"source\": \"prometheus\", \"dedupKey\": \"checkout-5xx\", \"service\": \"checkout\","
      + " \"summary\": \"5xx above 2%\", \"severity\": \"critical\", \"status\": \"firing\"}";

  @Test
  @DisplayName("SIGTERM stops taking connections, lets the request in flight finish, and exits 0")
  void sigtermDrainsAndExitsZero(@TempDir Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder command = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "serve").directory(dir.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
    command.environment().keySet().removeIf(name -> name.startsWith("COEXIST_"));
    command.environment().putAll(Map.of("COEXIST_PORT", "0", "COEXIST_STORE", "memory",
        "COEXIST_TICK_INTERVAL", "1h", "COEXIST_HTTP_DRAIN_TIMEOUT", "60s"));
    Process process = command.start();
    Lines out = new Lines(dir.resolve("out.txt"));
    Lines err = new Lines(dir.resolve("err.txt"));
    try {
      Matcher serving = SERVING.matcher(out.await(line -> SERVING.matcher(line).find(), err));
      assertThat(serving.find()).isTrue();
      int port = Integer.parseInt(serving.group(1));
      byte[] alert = ALERT.getBytes(StandardCharsets.UTF_8);

      try (RawConnection connection = RawConnection.open(port, GENEROUS)) {
        connection.send("POST /alerts HTTP/1.1\r\nHost: coexist\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + alert.length + "\r\nExpect: 100-continue\r\n\r\n");
        // The route asks for the body: the request is in flight.
        assertThat(connection.read().status()).isEqualTo(100);

        process.toHandle().destroy(); // SIGTERM on Linux
        err.await(line -> line.contains("coexist stopping"), out);
        Waiting.until("the port refuses connections", GENEROUS, () -> RawConnection.refused(port));
        RawConnection.Answer answer = connection.send(alert).read();

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.body()).contains("\"outcome\":\"opened\"");
      }
      assertThat(process.waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS)).as(err.text()).isTrue();
      assertThat(process.exitValue()).as(err.text()).isZero();
      assertThat(err.text()).contains("coexist stopped").contains("POST /alerts 201");
    } finally {
      process.destroyForcibly();
    }
  }

  /** The lines a process writes to a file its output is redirected to. */
  private static final class Lines {
    private final Path file;

    Lines(Path file) {
      this.file = file;
    }

    /** The first line matching {@code wanted}, waiting for it; fails showing {@code other} as well. */
    String await(Predicate<String> wanted, Lines other) throws InterruptedException {
      Instant deadline = Instant.now().plus(GENEROUS);
      while (Instant.now().isBefore(deadline)) {
        for (String line : text().lines().toList()) {
          if (wanted.test(line)) {
            return line;
          }
        }
        Thread.sleep(10);
      }
      throw new AssertionError("no such line in:\n" + text() + "\nnor in:\n" + other.text());
    }

    String text() {
      try {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
