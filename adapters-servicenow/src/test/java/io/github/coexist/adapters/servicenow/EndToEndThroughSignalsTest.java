package io.github.coexist.adapters.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.Coexist;
import io.github.coexist.core.CoexistTick;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.KpiReport;
import io.github.coexist.core.kpi.TimeWindow;
import io.github.coexist.core.risk.FactorContribution;
import io.github.coexist.core.risk.RiskAssessment;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.signal.SignalOutcome;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.standins.servicenow.ServiceNowStandIn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Core embedded with the ServiceNow adapter, against the ServiceNow stand-in, driven only through
 * {@link Coexist#accept} and {@link Coexist#tick}: the loop a pipeline and a monitoring system
 * make with the CAB in ServiceNow.
 */
class EndToEndThroughSignalsTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final String KEY = "pipeline:acme/payments:run:7:production";

  private final ManualClock clock = new ManualClock(T0);

  @Test
  @DisplayName("gate request, CAB approval in ServiceNow, deployment, alert, correlated incident and KPIs, through signals and ticks")
  void fullLoop() {
    try (ServiceNowStandIn instance = ServiceNowStandIn.start();
        Coexist coexist = wire(instance)) {
      instance.addService("payments", "payments-team", 1);
      // A risky deployment asks the gate: the change waits for the CAB in ServiceNow.
      SignalOutcome asked = accepted(coexist, Signal.GateRequested.of(request()));
      assertThat(asked.decision()).contains(Decision.Outcome.PENDING);
      ChangeId change = asked.change().orElseThrow();
      String sysId = current(coexist, change).externalKey().orElseThrow().id();
      assertThat(instance.record("change_request", sysId)).hasValueSatisfying(r ->
          assertThat(r.get("approval")).isEqualTo("requested"));

      // The CAB approves in ServiceNow; the next tick reads it back and the pipeline is answered.
      instance.approve(sysId);
      clock.advance(Duration.ofMinutes(30));
      CoexistTick tick = coexist.tick();
      assertThat(tick.gate().decidedInTool()).isEqualTo(1);
      assertThat(current(coexist, change).decision().outcome()).isEqualTo(Decision.Outcome.APPROVED);
      assertThat(current(coexist, change).decision().decidedBy()).isEqualTo(Actor.system("servicenow"));

      // The pipeline deploys: started, then finished; the change is implemented and closed, once.
      Instant started = clock.instant();
      accepted(coexist, new Signal.DeploymentReported(deployment(started, Optional.empty()),
          Optional.of(IdempotencyKey.of(KEY))));
      assertThat(current(coexist, change).state()).isEqualTo(ChangeState.IMPLEMENT);
      clock.advance(Duration.ofMinutes(5));
      SignalOutcome deployed = accepted(coexist, new Signal.DeploymentReported(
          deployment(started, Optional.of(clock.instant())), Optional.of(IdempotencyKey.of(KEY))));
      assertThat(deployed.change()).contains(change);
      assertThat(current(coexist, change).state()).isEqualTo(ChangeState.CLOSED);
      assertThat(current(coexist, change).closeCode()).contains(CloseCode.SUCCESSFUL);
      assertThat(coexist.deployments().size()).isEqualTo(1);

      // Monitoring fires: an incident opens in ServiceNow, with the change as its suspect.
      clock.advance(Duration.ofMinutes(10));
      SignalOutcome fired = accepted(coexist, new Signal.AlertRaised(alert("firing")));
      IncidentId incident = fired.incident().orElseThrow();
      assertThat(coexist.incidents().suspects(incident).get())
          .anySatisfy(s -> assertThat(s.change()).contains(change));
      assertThat(instance.records("incident")).hasSize(1);

      // It resolves; the tick finds nothing behind in ServiceNow.
      clock.advance(Duration.ofMinutes(20));
      accepted(coexist, new Signal.AlertRaised(alert("resolved")));
      assertThat(coexist.tick().incidentsBehind()).isZero();

      KpiReport kpis = coexist.kpis().query(KpiQuery.organisation(
          TimeWindow.of(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1))).get()));
      assertThat(kpis.dora().deploymentFrequency().deployments()).isEqualTo(1);
      // The incident, unlinked but serious (P1 to P3), counts against the change in every view:
      // DORA's change failure rate, the close code (so the change success rate) and the risk history.
      assertThat(kpis.dora().changeFailureRate().failed()).isEqualTo(1);
      assertThat(current(coexist, change).closeCode()).contains(CloseCode.SUCCESSFUL_WITH_ISSUES);
      assertThat(kpis.itsm().changeSuccessRate()).hasValue(0.0);
      assertThat(coexist.gate().recentChanges(io.github.coexist.core.service.ServiceId.of("payments"), "production")
          .failed()).isEqualTo(1);
      assertThat(kpis.itsm().autoApprovalRatio()).hasValue(0.0);
      assertThat(kpis.itsm().timeToRestore().meanSeconds()).hasValue(Duration.ofMinutes(20).toSeconds());
    }
  }

  private Coexist wire(ServiceNowStandIn instance) {
    ServiceNowAdapter adapter = ServiceNowAdapter.builder(ServiceNowConfig.fromMap(Map.of(
            "coexist.servicenow.url", instance.baseUri().toString(),
            "coexist.servicenow.user", instance.user(),
            "coexist.servicenow.password", instance.password())))
        .clock(clock)
        .sleeper(d -> true)
        .build();
    return Coexist.builder().clock(clock)
        .serviceDirectory(InMemoryServiceDirectory.of(Service.of("payments", "payments-team")))
        .changeRecords(adapter.changeRecords())
        .incidentRecords(adapter.incidentRecords())
        .problemRecords(adapter.problemRecords())
        .riskAssessor(context -> new RiskAssessment(70, RiskLevel.HIGH,
            List.of(new FactorContribution("change-size", 70, 100, "a schema migration")), Optional.empty()))
        .closeOnClose(adapter)
        .build();
  }

  private static SignalOutcome accepted(Coexist coexist, Signal signal) {
    return coexist.accept(signal).getOrElseThrow(e -> new AssertionError(signal + ": " + e.message()));
  }

  private static Change current(Coexist coexist, ChangeId id) {
    return coexist.gate().change(id).orElseThrow().change();
  }

  private static DeploymentRequest request() {
    return DeploymentRequest.builder().idempotencyKey(KEY).service("payments").environment("production")
        .filesChanged(40).linesChanged(900).evidence(PipelineEvidence.allPassed()).requester(Actor.person("dev"))
        .source("pipeline").build().get();
  }

  private static Deployment deployment(Instant started, Optional<Instant> finished) {
    return new Deployment(DeploymentId.of("deploy-7"), ServiceId.of("payments"), "production",
        finished.isPresent() ? Deployment.Status.SUCCESS : Deployment.Status.IN_PROGRESS, started, finished,
        List.of(), Optional.empty(), Optional.empty(), Optional.of("acme/payments"), Optional.of("c0ffee"));
  }

  private Alert alert(String status) {
    return Alert.builder().source("prometheus").dedupKey("payments-5xx").service("payments")
        .summary("5xx above 2%").severity("critical").status(status).at(clock.instant()).build().get();
  }
}
