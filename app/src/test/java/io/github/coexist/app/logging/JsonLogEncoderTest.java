package io.github.coexist.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonLogEncoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String encode(LoggingEvent event) {
    return new String(new JsonLogEncoder().encode(event), StandardCharsets.UTF_8);
  }

  private static LoggingEvent event(String message, Throwable thrown, Object... arguments) {
    LoggerContext context = new LoggerContext();
    LoggingEvent event = new LoggingEvent("x", context.getLogger("io.github.coexist.gate"), Level.WARN, message,
        thrown, arguments);
    event.setThreadName("coexist-tick");
    return event;
  }

  @Test
  @DisplayName("an event is one line of JSON with its time, level, logger, thread, message and each MDC entry")
  void oneLine() throws Exception {
    LoggingEvent event = event("change {} not mirrored:\n{}", null, "ch-00000042", "503 from \"ServiceNow\"");
    event.setMDCPropertyMap(Map.of("change", "ch-00000042", "delivery", "github:d-1", "message", "forged"));

    String line = encode(event);
    assertThat(line).endsWith("\n").hasLineCount(1);
    JsonNode json = JSON.readTree(line);
    assertThat(json.path("level").asText()).isEqualTo("WARN");
    assertThat(json.path("logger").asText()).isEqualTo("io.github.coexist.gate");
    assertThat(json.path("thread").asText()).isEqualTo("coexist-tick");
    assertThat(json.path("message").asText()).isEqualTo("change ch-00000042 not mirrored:\n503 from \"ServiceNow\"");
    assertThat(json.path("change").asText()).isEqualTo("ch-00000042");
    assertThat(json.path("delivery").asText()).isEqualTo("github:d-1");
    assertThat(json.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }

  @Test
  @DisplayName("an error carries its class, message and stack")
  void error() throws Exception {
    LoggingEvent event = event("failed", new IllegalStateException("boom"));
    event.setMDCPropertyMap(Map.of());
    JsonNode json = JSON.readTree(encode(event));
    assertThat(json.path("error").asText()).isEqualTo("java.lang.IllegalStateException: boom");
    assertThat(json.path("stack").asText()).contains("JsonLogEncoderTest");
  }

  @Test
  @DisplayName("COEXIST_LOG_FORMAT takes text or json, and names the setting otherwise")
  void format() {
    assertThat(Logging.configure(Map.of("COEXIST_LOG_FORMAT", "xml")))
        .contains("COEXIST_LOG_FORMAT must be text or json, was 'xml'");
    assertThat(Logging.configure(Map.of("COEXIST_LOG_FORMAT", "TEXT"))).isEqualTo(Optional.empty());
  }
}
