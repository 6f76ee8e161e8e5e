package io.github.coexist.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A log event as one line of JSON: {@code time} (ISO-8601, UTC), {@code level}, {@code logger},
 * {@code thread}, {@code message}, every MDC entry as a field of its own ({@code delivery},
 * {@code change}, {@code incident}: see {@link LogContext}), and for an error {@code error} (its
 * class and message) and {@code stack}. Newlines in a message stay inside the JSON string, so one
 * event is always one line. Used by {@code logback-json.xml}.
 */
public final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] NOTHING = new byte[0];

  @Override
  public byte[] headerBytes() {
    return NOTHING;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ObjectNode line = JSON.createObjectNode()
        .put("time", event.getInstant().toString())
        .put("level", event.getLevel().toString())
        .put("logger", event.getLoggerName())
        .put("thread", event.getThreadName())
        .put("message", event.getFormattedMessage());
    Map<String, String> mdc = event.getMDCPropertyMap();
    // The MDC may not overwrite the event's own fields: a context value is data, never the message.
    mdc.forEach((key, value) -> {
      if (!line.has(key)) {
        line.put(key, value);
      }
    });
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.put("error", thrown.getClassName() + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage()));
      line.put("stack", ThrowableProxyUtil.asString(thrown));
    }
    try {
      return (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      // A tree of strings always serialises; if it ever did not, the line must still not be lost.
      return ("{\"level\":\"ERROR\",\"message\":\"a log line could not be written as JSON\"}\n")
          .getBytes(StandardCharsets.UTF_8);
    }
  }

  @Override
  public byte[] footerBytes() {
    return NOTHING;
  }
}
