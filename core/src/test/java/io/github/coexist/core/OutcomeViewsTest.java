package io.github.coexist.core;

import static io.github.coexist.core.testing.Requests.built;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.InMemoryChangeRecords;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.NewIncident;
import io.github.coexist.core.incident.Verdict;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.kpi.FailedDeployment;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.TimeWindow;
import io.github.coexist.core.risk.RiskContext;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.testing.FakeRisk;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, case 5: one deployment outcome, three views that agree: the risk history the next
 * assessment reads, the ITSM close code, and the DORA change failure rate with its why.
 */
@DisplayName("a failed change reads the same in the risk history, the close code and DORA")
class OutcomeViewsTest {
  private static final Instant T0 = Instant.parse("2025-03-04T10:00:00Z");
  private static final ServiceId SHOP = ServiceId.of("shop");
  private static final Actor LEA = Actor.person("lea");
  private final ManualClock clock = new ManualClock(T0);
  private final Coexist coexist = Coexist.builder().clock(clock).riskAssessor(new FakeRisk())
      .changeRecords(new InMemoryChangeRecords()).build();

  OutcomeViewsTest() {
    coexist.register(Service.of("shop", "shop-team")).get();
  }

  @AfterEach
  void close() {
    coexist.close();
  }

  /** Asks for a change on shop and reports its deployment as finished with {@code status}. */
  private ChangeId deployed(String key, String deployment, Deployment.Status status, Optional<DeploymentId> rollbackOf) {
    ChangeId change = coexist.accept(Signal.GateRequested.of(built(key, "shop"))).get().change().orElseThrow();
    Instant start = clock.instant();
    clock.advance(Duration.ofMinutes(5));
    Deployment d = new Deployment(DeploymentId.of(deployment), SHOP, "production", status, start,
        Optional.of(clock.instant()), List.of(), Optional.of(change), Optional.empty(), Optional.empty(),
        Optional.empty(), rollbackOf);
    assertThat(coexist.accept(Signal.DeploymentReported.of(d)).isRight()).isTrue();
    return change;
  }

  private Change change(ChangeId id) {
    return coexist.gate().change(id).orElseThrow().change();
  }

  private RiskContext.RecentChanges history() {
    return coexist.gate().recentChanges(SHOP, "production");
  }

  private List<FailedDeployment> dora() {
    return coexist.kpis().failures(KpiQuery.organisation(new TimeWindow(T0, T0.plus(Duration.ofDays(2)))));
  }

  private Incident incident(int impact, int urgency) {
    return coexist.incidents().open(NewIncident.builder().title("checkout slow").service("shop").impact(impact)
        .urgency(urgency).reporter(LEA).build().get()).get();
  }

  @Test
  @DisplayName("a rollback backs out the change it undoes: unsuccessful, failed in the history, failed in DORA")
  void rollback() {
    ChangeId first = deployed("k-1", "d1", Deployment.Status.SUCCESS, Optional.empty());
    assertThat(change(first).closeCode()).contains(CloseCode.SUCCESSFUL);
    clock.advance(Duration.ofMinutes(30));

    deployed("k-2", "d2", Deployment.Status.SUCCESS, Optional.of(DeploymentId.of("d1")));

    assertThat(change(first).closeCode()).contains(CloseCode.UNSUCCESSFUL);
    assertThat(change(first).closeNotes()).hasValueSatisfying(n -> assertThat(n).contains("backed out: deployment d2"));
    assertThat(history().failed()).isEqualTo(1);
    assertThat(history().total()).isEqualTo(2);
    assertThat(dora()).singleElement().satisfies(f -> {
      assertThat(f.deployment()).isEqualTo(DeploymentId.of("d1"));
      assertThat(f.why()).containsExactly("rollback detected: deployment d2");
    });
  }

  @Test
  @DisplayName("a P3 without a link counts against the last change heuristically in every view, until someone rules it not change-related")
  void heuristicThenVerdict() {
    ChangeId change = deployed("k-1", "d1", Deployment.Status.SUCCESS, Optional.empty());
    clock.advance(Duration.ofHours(17));
    Incident p3 = incident(2, 2);

    assertThat(change(change).closeCode()).contains(CloseCode.SUCCESSFUL_WITH_ISSUES);
    assertThat(history().failed()).isEqualTo(1);
    assertThat(dora()).singleElement().satisfies(f ->
        assertThat(f.why()).containsExactly(p3.id() + " (P3): heuristic, 17 h after"));
    assertThat(coexist.kpis().attribution(p3.id())).hasValueSatisfying(a -> assertThat(a.explicit()).isFalse());

    Incident ruled = coexist.incidents().giveVerdict(p3.id(), Verdict.NOT_CHANGE_RELATED, LEA).get();

    assertThat(ruled.verdict()).isEqualTo(Verdict.NOT_CHANGE_RELATED);
    assertThat(change(change).closeCode()).contains(CloseCode.SUCCESSFUL);
    assertThat(history().failed()).isZero();
    assertThat(dora()).isEmpty();
  }

  @Test
  @DisplayName("a P5 opened 22 h 50 min after a deployment fails it in no view")
  void lowPriority() {
    ChangeId change = deployed("k-1", "d1", Deployment.Status.SUCCESS, Optional.empty());
    clock.advance(Duration.ofHours(22).plusMinutes(50));
    Incident p5 = incident(3, 3);
    coexist.incidents().resolve(p5.id(), "cleared", LEA).get();

    assertThat(p5.priority().level()).isEqualTo(5);
    assertThat(change(change).closeCode()).contains(CloseCode.SUCCESSFUL);
    assertThat(history().failed()).isZero();
    assertThat(dora()).isEmpty();
  }

  @Test
  @DisplayName("a failed deployment is unsuccessful, failed in the history and a failed change in DORA")
  void failedDeployment() {
    ChangeId change = deployed("k-1", "d1", Deployment.Status.FAILURE, Optional.empty());

    assertThat(change(change).closeCode()).contains(CloseCode.UNSUCCESSFUL);
    assertThat(history().failed()).isEqualTo(1);
    assertThat(dora()).singleElement().satisfies(f -> assertThat(f.why()).containsExactly("deployment failed"));
  }

  @Test
  @DisplayName("a confirmed cause counts as an explicit link; confirming it is the only way to blame a change by verdict")
  void confirmed() {
    ChangeId change = deployed("k-1", "d1", Deployment.Status.SUCCESS, Optional.empty());
    clock.advance(Duration.ofHours(30));
    Incident p4 = incident(2, 3);
    assertThat(dora()).isEmpty();

    assertThat(coexist.incidents().giveVerdict(p4.id(), Verdict.CAUSED_BY_CHANGE, LEA).getLeft())
        .isInstanceOf(CoexistError.InvalidInput.class);
    coexist.incidents().confirmSuspect(p4.id(), DeploymentId.of("d1"), LEA).get();

    assertThat(change(change).closeCode()).contains(CloseCode.SUCCESSFUL_WITH_ISSUES);
    assertThat(history().failed()).isEqualTo(1);
    assertThat(dora()).singleElement().satisfies(f ->
        assertThat(f.why()).containsExactly(p4.id() + " (P4): explicit link"));
    assertThat(coexist.incidents().giveVerdict(p4.id(), Verdict.NOT_CHANGE_RELATED, LEA).getLeft())
        .isInstanceOf(CoexistError.Conflict.class);
  }
}
