package io.github.coexist.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coexist.core.Coexist;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.gate.GateDecision;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.store.InMemoryStateStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CoexistMetricsTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2025-03-04T10:00:00Z"));
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private Coexist coexist;

  private CoexistMetrics start(CoexistMetrics.Builder settings, boolean store) {
    CoexistMetrics metrics = settings.build();
    metrics.bindTo(registry);
    Coexist.Builder builder = metrics.instrument(Coexist.builder().clock(clock));
    if (store) {
      builder.store(new InMemoryStateStore(clock));
    }
    coexist = builder.build();
    metrics.watch(coexist);
    return metrics;
  }

  @AfterEach
  void close() {
    if (coexist != null) {
      coexist.close();
    }
  }

  /** A request to deploy to production that waits for an authority, or to staging, approved at once. */
  private static DeploymentRequest request(String key, String service, boolean production) {
    return DeploymentRequest.builder().idempotencyKey(key).service(service)
        .environment(production ? "production" : "staging")
        .headSha("0123456789abcdef0123456789abcdef01234567").filesChanged(4).linesChanged(120)
        .evidence(PipelineEvidence.allPassed()).requester(Actor.person("alice")).source("github").replyTo("run", key)
        .build().get();
  }

  private double counted(String outcome, String authority) {
    Counter counter = registry.find("coexist.gate.decisions").tag("outcome", outcome).tag("authority", authority)
        .counter();
    return counter == null ? 0 : counter.count();
  }

  private double gauge(String name, String... tags) {
    Gauge gauge = registry.find(name).tags(tags).gauge();
    assertThat(gauge).as(name + " " + List.of(tags)).isNotNull();
    return gauge.value();
  }

  @Test
  @DisplayName("decisions are counted once each by outcome and authority, the wait is timed, and pending follows the gate")
  void decisions() {
    start(CoexistMetrics.builder(), false);
    GateDecision auto = coexist.gate().decide(request("k-1", "shop", false)).get();
    GateDecision waiting = coexist.gate().decide(request("k-2", "shop", true)).get();
    assertThat(auto.outcome()).isEqualTo(Decision.Outcome.APPROVED);
    assertThat(waiting.outcome()).isEqualTo(Decision.Outcome.PENDING);
    String authority = waiting.change().decision().authority().orElseThrow();

    assertThat(counted("approved", "none")).isEqualTo(1);
    assertThat(counted("pending", authority)).isEqualTo(1);
    assertThat(gauge("coexist.gate.pending.changes")).isEqualTo(1);

    clock.advance(Duration.ofMinutes(10));
    coexist.gate().approve(waiting.change().id(), Actor.person("bob"), "looks fine").get();

    assertThat(counted("approved", authority)).isEqualTo(1);
    assertThat(counted("pending", authority)).as("a move after the decision is not a new decision").isEqualTo(1);
    assertThat(gauge("coexist.gate.pending.changes")).isZero();
    Timer waited = registry.find("coexist.gate.decision.time").tag("authority", authority).timer();
    assertThat(waited.count()).isEqualTo(1);
    assertThat(waited.totalTime(TimeUnit.SECONDS)).isEqualTo(600);
    assertThat(registry.find("coexist.gate.decision.time").tag("authority", "none").timer().totalTime(TimeUnit.SECONDS))
        .as("an automatic approval takes no time").isZero();
  }

  @Test
  @DisplayName("signals are counted by source, kind and result; the store's backlog and unsaved records are gauges")
  void signalsAndStore() {
    start(CoexistMetrics.builder().stateRefresh(Duration.ZERO), true);
    Signal gate = new Signal.GateRequested(request("k-1", "shop", false), Optional.empty());
    coexist.receive("github:d-1", gate).get();
    coexist.receive("github:d-1", gate).get();
    assertThat(gauge("coexist.store.inbox.backlog")).isEqualTo(1);
    coexist.tick();

    assertThat(registry.get("coexist.signals").tags("source", "github", "kind", "gaterequested", "result", "kept")
        .counter().count()).isEqualTo(1);
    assertThat(registry.get("coexist.signals").tags("source", "github", "result", "duplicate").counter().count())
        .isEqualTo(1);
    assertThat(gauge("coexist.store.inbox.backlog")).isZero();
    assertThat(gauge("coexist.store.unsaved.records")).isZero();
    assertThat(gauge("coexist.store.lease.held")).isEqualTo(1);
    assertThat(counted("approved", "none")).as("the kept signal was processed on the tick").isEqualTo(1);
  }

  @Test
  @DisplayName("open incidents are counted by priority and follow the desk")
  void incidents() {
    start(CoexistMetrics.builder().stateRefresh(Duration.ZERO), false);
    coexist.accept(new Signal.AlertRaised(Alert.builder().source("prometheus").dedupKey("shop-down").service("shop")
        .summary("down").severity("critical").status("firing").at(clock.instant()).build().get())).get();
    double open = 0;
    for (String priority : List.of("critical", "high", "moderate", "low", "planning")) {
      open += gauge("coexist.incidents.open", "priority", priority);
    }
    assertThat(open).isEqualTo(1);
    coexist.accept(new Signal.AlertRaised(Alert.builder().source("prometheus").dedupKey("shop-down").service("shop")
        .summary("down").severity("critical").status("resolved").at(clock.instant()).build().get())).get();
    assertThat(registry.find("coexist.incidents.open").gauges()).allSatisfy(g -> assertThat(g.value()).isZero());
  }

  @Test
  @DisplayName("KPI gauges: the busiest services have their own, the rest are added up into other, teams likewise")
  void kpiCardinality() {
    start(CoexistMetrics.builder().maxServices(2).maxTeams(1).kpiRefresh(Duration.ofMinutes(1)), false);
    coexist.register(Service.of("cart", "shop-team")).get();
    coexist.register(Service.of("search", "find-team")).get();
    int id = 0;
    for (String service : List.of("cart", "cart", "cart", "search", "search", "mail", "sms")) {
      deploy("d-" + ++id, service);
    }
    clock.advance(Duration.ofMinutes(1)); // past the refresh: computed again when read

    assertThat(gauge("coexist.kpi.deployments", "scope", "organisation")).isEqualTo(7);
    assertThat(gauge("coexist.kpi.deployments", "scope", "service", "service", "cart", "team", "shop-team"))
        .isEqualTo(3);
    assertThat(gauge("coexist.kpi.deployments", "scope", "service", "service", "search")).isEqualTo(2);
    assertThat(gauge("coexist.kpi.deployments", "scope", "service", "service", "other")).isEqualTo(2);
    assertThat(gauge("coexist.kpi.lead.time.median", "scope", "service", "service", "other"))
        .as("a median of several services cannot be folded").isNaN();
    assertThat(registry.find("coexist.kpi.deployments").tag("service", "mail").gauge()).isNull();
    assertThat(registry.find("coexist.kpi.deployments").tag("scope", "service").gauges()).hasSize(3);
    assertThat(gauge("coexist.kpi.deployments", "scope", "team", "team", "shop-team")).isEqualTo(3);
    assertThat(gauge("coexist.kpi.deployments", "scope", "team", "team", "other")).isEqualTo(2);
    assertThat(gauge("coexist.kpi.change.failure.rate", "scope", "service", "service", "cart")).isZero();

    deploy("d-" + ++id, "cart");
    assertThat(gauge("coexist.kpi.deployments", "scope", "organisation")).as("cached until the refresh").isEqualTo(7);
    clock.advance(Duration.ofMinutes(1));
    assertThat(gauge("coexist.kpi.deployments", "scope", "organisation")).isEqualTo(8);
  }

  private void deploy(String id, String service) {
    Instant at = clock.instant();
    coexist.accept(new Signal.DeploymentReported(new Deployment(DeploymentId.of(id), ServiceId.of(service),
        "production", Deployment.Status.SUCCESS, at.minusSeconds(60), Optional.of(at), List.of(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty())).get();
  }

  @Test
  @DisplayName("tool calls are timed by tool, method and status, errors counted, and a tag's values are capped")
  void toolCalls() {
    CoexistMetrics metrics = start(CoexistMetrics.builder(), false);
    metrics.toolCall("ServiceNow", "post", "201", false, Duration.ofMillis(120));
    metrics.toolCall("ServiceNow", "post", "503", true, Duration.ofMillis(30));
    for (int i = 0; i < CoexistMetrics.MAX_TAG_VALUES + 5; i++) {
      metrics.toolCall("tool " + i, "GET", "200", false, Duration.ofMillis(1));
    }

    Timer created = registry.get("coexist.tool.calls").tags("tool", "servicenow", "method", "POST", "status", "201")
        .timer();
    assertThat(created.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(120);
    assertThat(registry.get("coexist.tool.call.errors").tags("tool", "servicenow", "status", "503").counter().count())
        .isEqualTo(1);
    assertThat(registry.find("coexist.tool.calls").timers().stream().map(t -> t.getId().getTag("tool")).distinct())
        .hasSize(CoexistMetrics.MAX_TAG_VALUES + 1).contains("other");
    assertThat(registry.get("coexist.tool.calls").tag("tool", "other").timer().count()).isEqualTo(6);
  }

  @Test
  @DisplayName("watching twice and nonsense settings are refused")
  void refusals() {
    start(CoexistMetrics.builder(), false);
    CoexistMetrics other = CoexistMetrics.builder().build();
    other.watch(coexist);
    assertThatThrownBy(() -> other.watch(coexist)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> CoexistMetrics.builder().maxServices(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CoexistMetrics.builder().kpiWindow(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
