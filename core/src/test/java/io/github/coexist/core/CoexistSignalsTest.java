package io.github.coexist.core;

import static io.github.coexist.core.testing.Requests.built;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.GateReplies;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.change.InMemoryChangeRecords;
import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.gate.PipelineDeadline;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.incident.AlertOutcome;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.kpi.ChangeFact;
import io.github.coexist.core.kpi.FactListener;
import io.github.coexist.core.kpi.FeedbackFact;
import io.github.coexist.core.kpi.IncidentFact;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.KpiReport;
import io.github.coexist.core.kpi.TimeWindow;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.signal.SignalOutcome;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.testing.FakeRisk;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link Coexist#accept(Signal)} routes every case, and {@link Coexist#tick()} does the periodic work. */
class CoexistSignalsTest {
  private static final Instant T0 = Instant.parse("2025-03-04T10:00:00Z");
  private final ManualClock clock = new ManualClock(T0);
  private final FakeRisk risk = new FakeRisk().level("vault", RiskLevel.HIGH);
  private final InMemoryChangeRecords records = new InMemoryChangeRecords();
  private final List<String> refused = new ArrayList<>();
  private final List<Object> facts = new ArrayList<>();
  private final Coexist coexist = Coexist.builder().clock(clock).riskAssessor(risk).changeRecords(records)
      .gateReplies(new RefusalsHeard())
      .factListener(new Heard())
      .build();

  CoexistSignalsTest() {
    coexist.register(Service.of("shop", "shop-team")).get();
    coexist.register(Service.of("vault", "vault-team")).get();
  }

  @AfterEach
  void close() {
    coexist.close();
  }

  private SignalOutcome accept(Signal signal) {
    return coexist.accept(signal).getOrElseThrow(e -> new AssertionError(e.message()));
  }

  private SignalOutcome gate(String key, String service) {
    return accept(Signal.GateRequested.of(built(key, service)));
  }

  private ExternalKey externalKey(SignalOutcome outcome) {
    return coexist.gate().change(outcome.change().orElseThrow()).orElseThrow().change().externalKey().orElseThrow();
  }

  private Decision.Outcome decision(SignalOutcome outcome) {
    return coexist.gate().change(outcome.change().orElseThrow()).orElseThrow().change().decision().outcome();
  }

  private static Deployment deployment(String id, String service, Deployment.Status status, Instant start,
      Optional<Instant> end, Optional<ChangeId> change) {
    return new Deployment(DeploymentId.of(id), ServiceId.of(service), "production", status, start, end, List.of(),
        change, Optional.empty(), Optional.of("acme/shop"), Optional.of("abc123"));
  }

  @Nested
  @DisplayName("a gate request")
  class GateRequests {
    @Test
    @DisplayName("is decided by the gate, and the outcome names the change and its decision")
    void decided() {
      SignalOutcome outcome = gate("k-1", "shop");
      assertThat(outcome.decision()).contains(Decision.Outcome.APPROVED);
      assertThat(coexist.gate().byKey(IdempotencyKey.of("k-1")).orElseThrow().change().id())
          .isEqualTo(outcome.change().orElseThrow());
    }

    @Test
    @DisplayName("refused outright is refused to the pipeline at once, with the reason")
    void refusedOutright() {
      DeploymentRequest unknown = io.github.coexist.core.testing.Requests.deploy("k-2", "shop").environment("moon")
          .build().get();
      Either<CoexistError, SignalOutcome> result = coexist.accept(Signal.GateRequested.of(unknown));
      assertThat(result.isLeft()).isTrue();
      assertThat(refused).singleElement().asString().contains("moon");
    }

    @Test
    @DisplayName("with a pipeline deadline is resolved at that deadline with the pipeline's answer, on tick")
    void deadline() {
      SignalOutcome pending = accept(new Signal.GateRequested(built("k-3", "vault"),
          Optional.of(PipelineDeadline.rejectAt(T0.plus(Duration.ofMinutes(30))))));
      assertThat(pending.decision()).contains(Decision.Outcome.PENDING);
      clock.advance(Duration.ofMinutes(29));
      assertThat(coexist.tick().gate().timedOut()).isZero();
      clock.advance(Duration.ofMinutes(1));
      CoexistTick tick = coexist.tick();
      assertThat(tick.gate().timedOut()).isEqualTo(1);
      assertThat(tick.at()).isEqualTo(clock.instant());
      assertThat(decision(pending)).isEqualTo(Decision.Outcome.REJECTED);
      assertThat(coexist.gate().change(pending.change().get()).get().change().state()).isEqualTo(ChangeState.CANCELED);
    }

    @Test
    @DisplayName("with a deadline that approves is approved at that deadline")
    void deadlineApproves() {
      SignalOutcome pending = accept(new Signal.GateRequested(built("k-4", "vault"),
          Optional.of(new PipelineDeadline(T0.plusSeconds(60), Decision.Outcome.APPROVED))));
      clock.advance(Duration.ofMinutes(2));
      coexist.tick();
      assertThat(decision(pending)).isEqualTo(Decision.Outcome.APPROVED);
    }
  }

  @Nested
  @DisplayName("a decision given in the ITSM tool")
  class ToolDecisions {
    @Test
    @DisplayName("an approval authorises the pending change it holds")
    void approval() {
      SignalOutcome pending = gate("k-5", "vault");
      assertThat(pending.decision()).contains(Decision.Outcome.PENDING);
      SignalOutcome approved = accept(new Signal.ApprovalGiven(externalKey(pending), Actor.person("cab"), "ok"));
      assertThat(approved.decision()).contains(Decision.Outcome.APPROVED);
      assertThat(approved.change()).isEqualTo(pending.change());
      assertThat(coexist.gate().change(pending.change().get()).get().change().decision().decidedBy())
          .isEqualTo(Actor.person("cab"));
    }

    @Test
    @DisplayName("a rejection rejects it, and a contradicting approval afterwards is a conflict")
    void rejection() {
      SignalOutcome pending = gate("k-6", "vault");
      ExternalKey key = externalKey(pending);
      assertThat(accept(new Signal.RejectionGiven(key, Actor.person("cab"), "too risky")).decision())
          .contains(Decision.Outcome.REJECTED);
      assertThat(coexist.accept(new Signal.ApprovalGiven(key, Actor.person("cab"), "")).getLeft())
          .isInstanceOf(CoexistError.Conflict.class);
      assertThat(coexist.accept(new Signal.RejectionGiven(key, Actor.person("cab"), "")).isRight()).isTrue();
    }

    @Test
    @DisplayName("a cancellation cancels a change that has not started deploying")
    void cancellation() {
      SignalOutcome pending = gate("k-7", "vault");
      accept(new Signal.ChangeCancelled(externalKey(pending), Actor.person("ops"), "not this week"));
      assertThat(coexist.gate().change(pending.change().get()).get().change().state()).isEqualTo(ChangeState.CANCELED);
    }

    @Test
    @DisplayName("for a change the gate does not know is not found")
    void unknown() {
      assertThat(coexist.accept(new Signal.ApprovalGiven(new ExternalKey("memory", "x", "CHG9"),
          Actor.person("cab"), "")).getLeft()).isInstanceOf(CoexistError.NotFound.class);
    }
  }

  @Nested
  @DisplayName("a deployment report")
  class Deployments {
    @Test
    @DisplayName("is recorded once, moves its change found by the gate key, and counts in the KPIs")
    void recordedOnce() {
      SignalOutcome approved = gate("k-8", "shop");
      IdempotencyKey key = IdempotencyKey.of("k-8");
      accept(new Signal.DeploymentReported(deployment("d-1", "shop", Deployment.Status.IN_PROGRESS, T0,
          Optional.empty(), Optional.empty()), Optional.of(key)));
      ChangeId change = approved.change().orElseThrow();
      assertThat(coexist.gate().change(change).get().change().state()).isEqualTo(ChangeState.IMPLEMENT);
      clock.advance(Duration.ofMinutes(5));
      SignalOutcome finished = accept(new Signal.DeploymentReported(deployment("d-1", "shop",
          Deployment.Status.SUCCESS, T0, Optional.of(clock.instant()), Optional.empty()), Optional.of(key)));
      assertThat(finished.deployment()).contains(DeploymentId.of("d-1"));
      assertThat(finished.change()).contains(change);
      assertThat(coexist.gate().change(change).get().change().closeCode()).contains(CloseCode.SUCCESSFUL);
      assertThat(coexist.deployments().find(DeploymentId.of("d-1")).orElseThrow().changeId()).contains(change);
      assertThat(facts).filteredOn(Deployment.class::isInstance).hasSize(1);
      KpiReport report = coexist.kpis().query(KpiQuery.organisation(
          new TimeWindow(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1)))));
      assertThat(report.dora().deploymentFrequency().deployments()).isEqualTo(1);
    }

    @Test
    @DisplayName("that failed closes its change unsuccessful")
    void failed() {
      SignalOutcome approved = gate("k-9", "shop");
      accept(Signal.DeploymentReported.of(deployment("d-2", "shop", Deployment.Status.FAILURE, T0,
          Optional.of(T0.plusSeconds(60)), approved.change())));
      assertThat(coexist.gate().change(approved.change().get()).get().change().closeCode())
          .contains(CloseCode.UNSUCCESSFUL);
    }

    @Test
    @DisplayName("without commits carries those of the pull request merged at its sha")
    void mergedCommits() {
      Commit commit = new Commit("abc123", T0.minus(Duration.ofHours(3)));
      assertThat(accept(new Signal.PullRequestMerged("acme/shop", 7, Actor.person("bo"), "head1",
          Optional.of("abc123"), T0.minus(Duration.ofHours(1)), List.of(commit), List.of(Actor.person("al")))))
          .isEqualTo(SignalOutcome.NOTHING);
      accept(Signal.DeploymentReported.of(deployment("d-3", "shop", Deployment.Status.SUCCESS, T0,
          Optional.of(T0.plusSeconds(60)), Optional.empty())));
      assertThat(coexist.deployments().find(DeploymentId.of("d-3")).orElseThrow().commits()).containsExactly(commit);
    }
  }

  @Test
  @DisplayName("an alert opens an incident whose suspects include the change just deployed")
  void alert() {
    SignalOutcome approved = gate("k-10", "shop");
    accept(Signal.DeploymentReported.of(deployment("d-4", "shop", Deployment.Status.SUCCESS, T0,
        Optional.of(T0.plusSeconds(60)), approved.change())));
    clock.advance(Duration.ofMinutes(10));
    SignalOutcome raised = accept(new Signal.AlertRaised(Alert.builder().source("prometheus").dedupKey("shop-5xx")
        .service("shop").summary("errors").severity("critical").status("firing").at(clock.instant()).build().get()));
    assertThat(raised.incident()).isPresent();
    assertThat(raised.alert()).hasValueSatisfying(outcome -> {
      assertThat(outcome.kind()).isEqualTo(AlertOutcome.Kind.OPENED);
      assertThat(outcome.incident().map(i -> i.id())).isEqualTo(raised.incident());
      assertThat(outcome.detail()).isNotBlank();
    });
    assertThat(approved.alert()).isEmpty();
    assertThat(coexist.incidents().suspects(raised.incident().get()).get())
        .anySatisfy(s -> assertThat(s.change()).isEqualTo(approved.change()));
    assertThat(facts).filteredOn(IncidentFact.class::isInstance).isNotEmpty();
  }

  @Test
  @DisplayName("tick reads approvals back from the ITSM tool and reports what it did")
  void tickReadsBack() {
    SignalOutcome pending = gate("k-11", "vault");
    records.setApproval(externalKey(pending), ApprovalStatus.APPROVED).get();
    CoexistTick tick = coexist.tick();
    assertThat(tick.gate().decidedInTool()).isEqualTo(1);
    assertThat(tick.slaBreached()).isZero();
    assertThat(tick.incidentsBehind()).isZero();
    assertThat(decision(pending)).isEqualTo(Decision.Outcome.APPROVED);
  }

  @Test
  @DisplayName("change facts use core's change type and close code, and auto-approval is the decision's")
  void changeFacts() {
    gate("k-12", "shop");
    assertThat(facts).filteredOn(ChangeFact.class::isInstance).map(ChangeFact.class::cast)
        .anySatisfy(fact -> assertThat(fact.autoApproved()).isTrue());
    gate("k-13", "vault");
    assertThat(facts).filteredOn(ChangeFact.class::isInstance).map(ChangeFact.class::cast)
        .filteredOn(fact -> fact.service().equals(ServiceId.of("vault")))
        .allSatisfy(fact -> assertThat(fact.autoApproved()).isFalse());
  }

  private final class RefusalsHeard implements GateReplies {
    @Override
    public Either<CoexistError, Done> reply(GateReply reply) {
      return Either.right(Done.DONE);
    }

    @Override
    public Either<CoexistError, Done> refuse(DeploymentRequest request, String reason) {
      refused.add(reason);
      return Either.right(Done.DONE);
    }
  }

  private final class Heard implements FactListener {
    @Override
    public void deployment(Deployment deployment) {
      facts.add(deployment);
    }

    @Override
    public void incident(IncidentFact incident) {
      facts.add(incident);
    }

    @Override
    public void change(ChangeFact change) {
      facts.add(change);
    }

    @Override
    public void feedback(FeedbackFact feedback) {
      facts.add(feedback);
    }
  }
}
