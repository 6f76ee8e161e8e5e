package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coexist.standins.github.GitHubDeliveries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code COEXIST_LOG_FORMAT=json} in a real process: every line on standard error is one JSON object. */
class ServeJsonLogsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @DisplayName("every log line is one JSON object; a delivery's and an incident's lines carry their ids as fields")
  void jsonLines(@TempDir Path dir) throws Exception {
    try (ServeProcess serve = ServeProcess.start(dir, "serve", Map.of("COEXIST_PORT", "0", "COEXIST_STORE", "memory",
        "COEXIST_TICK_INTERVAL", "1h", "COEXIST_LOG_FORMAT", "json", "COEXIST_GITHUB_WEBHOOK_SECRET", "s3cret"))) {
      Client client = new Client(serve.uri());
      GitHubDeliveries.SignedDelivery ping = GitHubDeliveries.fixture("ping").signed("s3cret", "d-42-ping");
      assertThat(client.deliver(ping).status()).isEqualTo(200);
      Client.Answer opened = client.post("/alerts", "{\"source\": \"prometheus\", \"dedupKey\": \"k\","
          + " \"service\": \"checkout\", \"summary\": \"5xx\\nsecond line\", \"severity\": \"critical\","
          + " \"status\": \"firing\"}", Map.of("Content-Type", "application/json"));
      assertThat(opened.status()).isEqualTo(201);
      String incident = opened.json().path("incident").path("id").asText();

      serve.err().await(line -> line.contains("POST /alerts 201"), serve.out());
      List<JsonNode> lines = new ArrayList<>();
      for (String line : serve.err().text().split("\n")) {
        JsonNode parsed = JSON.readTree(line);
        assertThat(parsed.isObject()).as(line).isTrue();
        assertThat(parsed.path("time").asText()).as(line).endsWith("Z");
        assertThat(parsed.path("level").asText()).as(line).isIn("INFO", "WARN", "ERROR", "DEBUG");
        lines.add(parsed);
      }
      assertThat(lines).anySatisfy(line -> {
        assertThat(line.path("message").asText()).contains("(ping)");
        assertThat(line.path("delivery").asText()).isEqualTo("github:d-42-ping");
      });
      assertThat(lines).anySatisfy(line -> {
        assertThat(line.path("message").asText()).startsWith("alert ");
        assertThat(line.path("incident").asText()).isEqualTo(incident);
      });
    }
  }
}
