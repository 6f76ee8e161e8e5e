package io.github.coexist.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/** Times the calls to the ITSM tools and GitHub, and counts the failed ones, by tool and status. */
final class ToolCallMeters {
  static final String CALLS = "coexist.tool.calls";
  static final String ERRORS = "coexist.tool.call.errors";

  /** Buckets for the call time: a tool's API answers in milliseconds, a slow one in seconds. */
  private static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
      Duration.ofSeconds(10)};

  private final MeterRegistry registry;
  private final TagCap tools = new TagCap(CoexistMetrics.MAX_TAG_VALUES);
  private final TagCap statuses = new TagCap(CoexistMetrics.MAX_TAG_VALUES);

  ToolCallMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void called(String tool, String method, String status, boolean failed, Duration duration) {
    String toolTag = tools.admit(tool);
    String statusTag = statuses.admit(status);
    Timer.builder(CALLS).description("HTTP exchanges with a tool (each attempt), by tool, method and status")
        .tag("tool", toolTag).tag("method", method.toUpperCase(Locale.ROOT)).tag("status", statusTag)
        .serviceLevelObjectives(BUCKETS).register(registry).record(duration);
    if (failed) {
      Counter.builder(ERRORS).description("HTTP exchanges with a tool that ended in an error, by tool and status")
          .tag("tool", toolTag).tag("status", statusTag).register(registry).increment();
    }
  }
}
