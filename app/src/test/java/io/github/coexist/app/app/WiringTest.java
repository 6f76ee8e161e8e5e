package io.github.coexist.app.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.ItsmAdapter;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.feedback.FeedbackRecords;
import io.github.coexist.core.incident.IncidentRecords;
import io.github.coexist.core.problem.ProblemRecords;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.ServiceDirectory;
import java.util.concurrent.atomic.AtomicInteger;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.Coexist;
import io.github.coexist.adapters.github.GitHubAdapter;
import io.github.coexist.adapters.github.GitHubConfig;
import io.github.coexist.adapters.github.GitHubSignals;
import io.github.coexist.core.signal.SignalOutcome;
import io.github.coexist.adapters.github.WebhookResult;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.gate.GateDecision;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.Suspect;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.KpiReport;
import io.github.coexist.core.kpi.TimeWindow;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.standins.github.GitHubDeliveries;
import io.github.coexist.standins.github.GitHubStandIn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WiringTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private final ManualClock clock = new ManualClock(NOW);

  @Test
  @DisplayName("a low-risk change is approved, deployed and closed, and the KPIs count it")
  void changeThroughKpis() {
    try (Coexist app = Wiring.builder(clock, Itsm.inMemory()).build()) {
      app.register(Service.of("checkout", "payments"));
      GateDecision decision = app.gate().decide(lowRisk("k-1")).get();
      assertThat(decision.outcome()).isEqualTo(Decision.Outcome.APPROVED);

      clock.advance(Duration.ofMinutes(5));
      Deployment done = deployment("d-1", decision, Deployment.Status.SUCCESS);
      app.accept(Signal.DeploymentReported.of(done)).get();

      assertThat(app.gate().change(decision.change().id()).orElseThrow().change().state()).isEqualTo(ChangeState.CLOSED);
      KpiReport report = app.kpis().query(KpiQuery.organisation(window()));
      assertThat(report.dora().deploymentFrequency().deployments()).isEqualTo(1);
      assertThat(report.itsm().autoApprovalRatio()).hasValue(1.0);
      assertThat(report.itsm().changeSuccessRate()).hasValue(1.0);
    }
  }

  @Test
  @DisplayName("an incident after a deployment suspects it; confirming it makes a change failure, and open work raises risk")
  void incidentCorrelatedAndFeedsRisk() {
    try (Coexist app = Wiring.builder(clock, Itsm.inMemory()).build()) {
      app.register(Service.of("checkout", "payments"));
      GateDecision decision = app.gate().decide(lowRisk("k-1")).get();
      app.accept(Signal.DeploymentReported.of(deployment("d-1", decision, Deployment.Status.SUCCESS))).get();
      int before = app.gate().decide(lowRisk("k-probe-1")).get().change().risk().score();

      clock.advance(Duration.ofMinutes(20));
      Incident incident = app.incidents().raise(Alert.builder().source("prometheus").dedupKey("checkout-5xx")
          .service("checkout").summary("5xx above 2%").severity("critical").status("firing").at(clock.instant())
          .build().get()).get().incident().orElseThrow();
      List<Suspect> suspects = app.incidents().suspects(incident.id()).get();
      assertThat(suspects).first().satisfies(s -> {
        assertThat(s.kind()).isEqualTo(Suspect.Kind.SAME_SERVICE);
        assertThat(s.deployment()).contains(DeploymentId.of("d-1"));
      });
      app.incidents().confirmSuspect(incident.id(), DeploymentId.of("d-1"), Actor.person("ana")).get();

      KpiReport report = app.kpis().query(KpiQuery.organisation(window()));
      assertThat(report.dora().changeFailureRate().failed()).isEqualTo(1);
      assertThat(report.itsm().changeSuccessRate()).hasValue(0.0);
      assertThat(app.gate().change(decision.change().id()).orElseThrow().change().closeCode())
          .contains(io.github.coexist.core.change.CloseCode.SUCCESSFUL_WITH_ISSUES);
      assertThat(app.gate().decide(lowRisk("k-probe-2")).get().change().risk().score()).isGreaterThan(before);
    }
  }

  @Test
  @DisplayName("the GitHub fixtures' deployment flow gates, replies on GitHub, deploys and closes one change")
  void gitHubFlow() {
    try (GitHubStandIn github = GitHubStandIn.builder().token("t0ken").start();
        GitHubAdapter adapter = adapterOn(github);
        Coexist app = Wiring.builder(clock, Itsm.inMemory()).gateReplies(adapter.gateReplies()).build()) {
      app.register(Service.of("Hello-World", "octo"));
      github.openGate(GitHubDeliveries.REPOSITORY, 77L, "production");
      GitHubSignals signals = GitHubSignals.comparingWith(adapter.deployments());
      List<SignalOutcome> produced = new ArrayList<>();
      for (GitHubDeliveries.Delivery d : GitHubDeliveries.deploymentFlow(github.apiUrl(), 77L)) {
        GitHubDeliveries.SignedDelivery signed = d.signed("s3cret");
        WebhookResult result = adapter.webhooks().receive(signed.body(), signed.headers());
        assertThat(result).as(d.event()).isInstanceOf(WebhookResult.Accepted.class);
        for (Signal signal : signals.of(result)) {
          produced.add(app.accept(signal).get());
        }
      }
      assertThat(app.gate().changes()).hasSize(1);
      assertThat(app.gate().changes().get(0).change().state()).isEqualTo(ChangeState.CLOSED);
      assertThat(produced).anySatisfy(p -> assertThat(p.decision()).isPresent());
      assertThat(github.gateState(GitHubDeliveries.REPOSITORY, 77L, "production")).isPresent();
      assertThat(app.deployments().size()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a gate request core refuses outright is rejected on GitHub at once, with the reason")
  void refusedGateIsAnswered() {
    try (GitHubStandIn github = GitHubStandIn.builder().token("t0ken").start();
        GitHubAdapter adapter = adapterOn(github);
        Coexist app = Wiring.builder(clock, Itsm.inMemory()).gateReplies(adapter.gateReplies()).build()) {
      github.openGate(GitHubDeliveries.REPOSITORY, 78L, "moon-base");
      GitHubDeliveries.SignedDelivery signed = GitHubDeliveries.fixture("deployment_protection_rule")
          .with("/environment", "moon-base").callbackOn(github.apiUrl(), 78L).signed("s3cret");
      Signal gate = GitHubSignals.offline().of(adapter.webhooks().receive(signed.body(), signed.headers())).get(0);

      assertThat(app.accept(gate).getLeft().message()).contains("moon-base");
      assertThat(github.gateState(GitHubDeliveries.REPOSITORY, 78L, "moon-base")).contains("rejected");
      assertThat(github.reviews()).last().satisfies(r -> assertThat(r.comment()).contains("moon-base"));
    }
  }

  @Test
  @DisplayName("the ITSM bundle is wired as one: its records are used, its CMDB only when asked, and close() closes it")
  void bundle() {
    ItsmAdapter memory = ItsmAdapter.inMemory();
    InMemoryServiceDirectory cmdb = InMemoryServiceDirectory.of(Service.of("from-cmdb", "cmdb-team"));
    AtomicInteger closed = new AtomicInteger();
    ItsmAdapter tool = new ItsmAdapter() {
      @Override public String name() { return "tool"; }
      @Override public ChangeRecords changeRecords() { return memory.changeRecords(); }
      @Override public IncidentRecords incidentRecords() { return memory.incidentRecords(); }
      @Override public ProblemRecords problemRecords() { return memory.problemRecords(); }
      @Override public FeedbackRecords feedbackRecords() { return memory.feedbackRecords(); }
      @Override public Optional<ServiceDirectory> serviceDirectory() { return Optional.of(cmdb); }
      @Override public void close() { closed.incrementAndGet(); }
    };

    Coexist withCmdb = Wiring.builder(clock, new Itsm(tool, true, Optional.empty())).build();
    assertThat(withCmdb.services().find(ServiceId.of("from-cmdb")).get()).isPresent();
    withCmdb.register(Service.of("checkout", "payments"));
    assertThat(withCmdb.gate().decide(lowRisk("k-bundle")).get().outcome()).isEqualTo(Decision.Outcome.APPROVED);
    assertThat(memory.changeRecords().find(IdempotencyKey.of("k-bundle")).get()).as("recorded in the bundle").isPresent();
    withCmdb.close();
    assertThat(closed).hasValue(1);

    try (Coexist withoutCmdb = Wiring.builder(clock, new Itsm(tool, false, Optional.empty())).build()) {
      assertThat(withoutCmdb.services().find(ServiceId.of("from-cmdb")).get()).isEmpty();
    }
    assertThat(closed).hasValue(2);
    assertThat(Itsm.inMemory().name()).isEqualTo("inmemory");
  }

  private GitHubAdapter adapterOn(GitHubStandIn github) {
    return GitHubAdapter.builder(GitHubConfig.of(Map.of(
        "coexist.github.api-url", github.apiUrl().toString(),
        "coexist.github.token", "t0ken",
        "coexist.github.webhook-secret", "s3cret"))).clock(clock).build();
  }

  private static io.github.coexist.core.delivery.DeploymentRequest.Builder lowRisk(String key) {
    return io.github.coexist.core.delivery.DeploymentRequest.builder()
        .idempotencyKey(key).service("checkout").environment("production").filesChanged(2).linesChanged(20)
        .rollbackPlan(true).requester(Actor.person("dev"))
        .evidence(PipelineEvidence.allPassed());
  }

  private Deployment deployment(String id, GateDecision decision, Deployment.Status status) {
    Instant at = clock.instant();
    return new Deployment(DeploymentId.of(id), ServiceId.of("checkout"), "production", status, at.minusSeconds(60),
        Optional.of(at), List.of(), Optional.of(decision.change().id()), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  private static TimeWindow window() {
    return TimeWindow.of(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))).get();
  }
}
