package io.github.coexist.core;

import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.problem.NewProblem;
import io.github.coexist.core.kernel.ProblemId;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.InMemoryChangeRecords;
import io.github.coexist.core.change.InMemoryGateReplies;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.gate.GateDecision;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceDirectory;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.testing.FakeRisk;
import io.github.coexist.core.testing.ForwardingChangeRecords;
import io.github.coexist.core.kernel.ManualClock;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.KpiReport;
import io.github.coexist.core.kpi.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CoexistTest {
  private final ManualClock clock = new ManualClock(java.time.Instant.parse("2025-03-04T10:00:00Z"));

  @Test
  @DisplayName("wires in-memory defaults for every port not set, one audit trail for all")
  void defaults() {
    try (Coexist coexist = Coexist.builder().clock(clock).riskAssessor(new FakeRisk()).build()) {
      GateDecision d = coexist.gate().decide(deploy("k-1", "shop")).get();
      assertThat(d.outcome()).isEqualTo(Decision.Outcome.APPROVED);
      assertThat(coexist.changeRecords()).isInstanceOf(InMemoryChangeRecords.class);
      assertThat(((InMemoryGateReplies) coexist.gateReplies()).finalReply(d.change().id())).isPresent();
      assertThat(coexist.services()).isInstanceOf(InMemoryServiceDirectory.class);
      assertThat(coexist.audit().read(1, 100).get()).extracting(e -> e.subject()).contains(d.change().id().value());
      assertThat(coexist.audit().verify().get().intact()).isTrue();
      assertThat(coexist.clock()).isSameAs(clock);
    }
  }

  @Test
  @DisplayName("an unresolved problem adds open-work risk; once resolved it no longer does")
  void resolvedProblemsAreNotOpenWork() {
    FakeRisk risk = new FakeRisk();
    try (Coexist coexist = Coexist.builder().clock(clock).riskAssessor(risk)
        .serviceDirectory(InMemoryServiceDirectory.of(Service.of("shop", "shop-team"))).build()) {
      Actor analyst = Actor.person("ana");
      ProblemId id = coexist.problems().raise(NewProblem.builder().title("cache stampede").service("shop")
          .impact(2).urgency(2).raisedBy(analyst).build().get()).get().id();
      coexist.gate().decide(deploy("k-1", "shop")).get();
      assertThat(risk.last().openProblems()).isEqualTo(1);

      coexist.problems().assess(id, analyst).get();
      coexist.problems().startAnalysis(id, analyst).get();
      coexist.problems().startFix(id, ChangeId.of("ch-fix"), analyst).get();
      coexist.problems().resolve(id, "fixed", analyst).get();
      coexist.gate().decide(deploy("k-2", "shop")).get();
      assertThat(risk.last().openProblems()).as("a resolved problem").isZero();
    }
  }

  @Test
  @DisplayName("the KPIs' SLA compliance is the desk's one calculation: time on hold does not count")
  void slaFromTheDesk() {
    try (Coexist coexist = Coexist.builder().clock(clock).riskAssessor(new FakeRisk()).build()) {
      Actor responder = Actor.person("ana");
      Instant opened = clock.instant();
      Incident incident = coexist.incidents().raise(Alert.builder().source("prometheus").dedupKey("shop-down")
          .service("shop").summary("down").severity("critical").status("firing").at(opened).build().get())
          .get().incident().orElseThrow();
      coexist.incidents().acknowledge(incident.id(), responder).get();
      clock.advance(Duration.ofMinutes(30));
      coexist.incidents().hold(incident.id(), "waiting on the vendor", responder).get();
      clock.advance(Duration.ofHours(3));
      coexist.incidents().resume(incident.id(), responder).get();
      clock.advance(Duration.ofHours(1));
      coexist.incidents().resolve(incident.id(), "vendor fixed it", responder).get();

      assertThat(coexist.incidents().sla(incident.id()).get().resolution().breached())
          .as("1.5 h of the P1's 4 h worked, 3 h on hold").isFalse();
      KpiReport report = coexist.kpis().query(KpiQuery.organisation(
          TimeWindow.of(opened, clock.instant().plusSeconds(1)).get()));
      assertThat(report.itsm().slaCompliance()).as("4.5 h by the wall clock, within SLA by the desk")
          .hasValue(1.0);
    }
  }

  @Test
  @DisplayName("wires the incident desk to the gate: open incidents raise risk, changes are suspects, a confirmed cause marks the change")
  void incidentsMeetTheGate() {
    List<String> heard = new ArrayList<>();
    FakeRisk risk = new FakeRisk();
    try (Coexist coexist = Coexist.builder().clock(clock).riskAssessor(risk)
        .serviceDirectory(InMemoryServiceDirectory.of(Service.of("shop", "shop-team")))
        .incidentListener(event -> heard.add(event.getClass().getSimpleName()))
        .incidentIds(() -> IncidentId.of("INC-" + (heard.size() + 1)))
        .build()) {
      GateDecision first = coexist.gate().decide(deploy("k-1", "shop")).get();
      coexist.gate().deploymentFinished(first.change().id(), true, clock.instant()).get();
      coexist.gate().decide(deploy("k-2", "shop")).get();
      assertThat(risk.last().openIncidents()).isZero();

      clock.advance(java.time.Duration.ofMinutes(10));
      Incident incident = coexist.incidents().raise(Alert.builder().source("prometheus").dedupKey("shop-5xx")
          .service("shop").summary("errors").severity("critical").status("firing").at(clock.instant()).build().get())
          .get().incident().orElseThrow();
      assertThat(coexist.incidents().suspects(incident.id()).get())
          .anySatisfy(s -> assertThat(s.change()).contains(first.change().id()));
      coexist.gate().decide(deploy("k-3", "shop")).get();
      assertThat(risk.last().openIncidents()).isEqualTo(1);

      coexist.incidents().confirmSuspect(incident.id(), first.change().id(), Actor.person("ana")).get();
      assertThat(coexist.gate().change(first.change().id()).orElseThrow().change().closeCode())
          .contains(CloseCode.SUCCESSFUL_WITH_ISSUES);
      assertThat(heard).contains("Opened", "CauseConfirmed");
      assertThat(coexist.postmortems().draft(incident.id()).get().toMarkdown()).contains(first.change().id().value());
    }
  }

  @Test
  @DisplayName("needs a clock, says so, and assesses risk with the standard assessor by default")
  void required() {
    assertThatThrownBy(() -> Coexist.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a clock");
  }

  @Test
  @DisplayName("closes the resources it was given once each, in order, even when one fails to close")
  void close() {
    List<String> closed = new ArrayList<>();
    ClosingDirectory directory = new ClosingDirectory(closed);
    ClosingRecords records = new ClosingRecords(closed);
    Coexist coexist = Coexist.builder().clock(clock).riskAssessor(new FakeRisk())
        .serviceDirectory(directory).changeRecords(records)
        .closeOnClose(directory).closeOnClose(records).closeOnClose(directory).build();
    coexist.close();
    assertThat(closed).containsExactly("directory", "records");
  }

  @Test
  @DisplayName("leaves a closeable port set on its own setter to whoever gave it")
  void portsAreNotClosed() {
    List<String> closed = new ArrayList<>();
    Coexist coexist = Coexist.builder().clock(clock).serviceDirectory(new ClosingDirectory(closed))
        .changeRecords(new ClosingRecords(closed)).build();
    coexist.close();
    assertThat(closed).isEmpty();
  }

  /** A directory that records being closed, then fails. */
  private static final class ClosingDirectory implements ServiceDirectory, AutoCloseable {
    private final ServiceDirectory delegate = new InMemoryServiceDirectory();
    private final List<String> closed;

    ClosingDirectory(List<String> closed) {
      this.closed = closed;
    }

    @Override
    public Either<CoexistError, Optional<Service>> find(ServiceId id) {
      return delegate.find(id);
    }

    @Override
    public Either<CoexistError, Seq<Service>> all() {
      return delegate.all();
    }

    @Override
    public void close() {
      closed.add("directory");
      throw new IllegalStateException("boom");
    }
  }

  /** Change records that record being closed. */
  private static final class ClosingRecords extends ForwardingChangeRecords implements AutoCloseable {
    private final List<String> closed;

    ClosingRecords(List<String> closed) {
      super(new InMemoryChangeRecords());
      this.closed = closed;
    }

    @Override
    public void close() {
      closed.add("records");
    }
  }
}
