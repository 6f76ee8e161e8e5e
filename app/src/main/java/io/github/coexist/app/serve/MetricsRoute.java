package io.github.coexist.app.serve;

import io.github.coexist.adapters.http.RemoteCalls;
import io.github.coexist.app.http.HttpAnswer;
import io.github.coexist.app.http.HttpExchangeData;
import io.github.coexist.app.http.Router;
import io.github.coexist.core.Coexist;
import io.github.coexist.micrometer.CoexistMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /metrics}: coexist's meters ({@code docs/metrics.md}) in Prometheus' text format, a
 * read like the API's other reads. Owns the registry, and the registration that feeds it every call
 * the adapters make to GitHub and the ITSM tool; {@link #close()} ends that.
 */
final class MetricsRoute implements AutoCloseable {
  /** Prometheus' text exposition format, which {@link PrometheusMeterRegistry#scrape()} writes. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final CoexistMetrics metrics = CoexistMetrics.builder().build();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final RemoteCalls.Registration calls;

  MetricsRoute() {
    metrics.bindTo(registry);
    calls = RemoteCalls.observe(call -> metrics.toolCall(call.tool(), call.method(), call.status(), call.failed(),
        call.duration()));
  }

  /** Adds the change listener and signal observer that count decisions and signals; returns {@code builder}. */
  Coexist.Builder instrument(Coexist.Builder builder) {
    return metrics.instrument(builder);
  }

  /** Publishes the gauges that read {@code app}, and the route, a read guarded by {@code access} like the API's. */
  void register(Coexist app, Router router, Access access) {
    metrics.watch(app);
    router.on("GET", "/metrics", access.read(request -> scrape()));
  }

  HttpAnswer scrape() {
    return new HttpAnswer(200, CONTENT_TYPE, registry.scrape().getBytes(StandardCharsets.UTF_8), Map.of());
  }

  @Override
  public void close() {
    calls.close();
    registry.close();
  }
}
