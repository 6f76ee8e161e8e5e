package io.github.coexist.core.kpi;

import static io.github.coexist.core.kpi.Facts.T0;
import static io.github.coexist.core.kpi.Facts.build;
import static io.github.coexist.core.kpi.Facts.day;
import static io.github.coexist.core.kpi.Facts.h;
import static io.github.coexist.core.kpi.Facts.incident;
import static io.github.coexist.core.kpi.Facts.prod;
import static io.github.coexist.core.kpi.Facts.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.incident.Verdict;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.service.ServiceId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 16, cases 5 and 6: which deployments the change failure rate fails, and why. */
@DisplayName("the deployment outcome in the KPIs")
class DeploymentOutcomeTest {
  private final KpiEngine engine = KpiEngine.create();

  private KpiReport.Dora dora() {
    return engine.query(KpiQuery.organisation(window(T0, day(3)))).dora();
  }

  private List<FailedDeployment> failures() {
    return engine.failures(KpiQuery.organisation(window(T0, day(3))));
  }

  @Test
  @DisplayName("a P5 opened 22 h 50 min after a deployment does not make it a failure, nor give it a 70.8 h recovery")
  void lowPriorityIsNotPinned() {
    engine.add(prod("d1", "search", h(0)));
    engine.add(build(incident("INC-5", "search", h(22).plus(Duration.ofMinutes(50))).priority(5)
        .resolvedAt(h(70.8))));

    assertThat(dora().changeFailureRate().failed()).isZero();
    assertThat(dora().failedDeploymentRecoveryTime().medianSeconds()).isEmpty();
    assertThat(failures()).isEmpty();
  }

  @Test
  @DisplayName("P1 to P3 without a link are attributed heuristically by default, each shown with how long after")
  void heuristicAtOrAboveThreshold() {
    engine.add(prod("d1", "search", h(0)));
    engine.add(build(incident("INC-3", "search", h(17)).priority(3)));

    assertThat(dora().changeFailureRate().failed()).isEqualTo(1);
    assertThat(failures()).containsExactly(new FailedDeployment(DeploymentId.of("d1"), ServiceId.of("search"), h(0),
        List.of("INC-3 (P3): heuristic, 17 h after")));
  }

  @Test
  @DisplayName("the threshold is configurable: P1 only, or every priority")
  void configurableThreshold() {
    KpiEngine p1 = KpiEngine.builder().heuristicPriority(1).build();
    KpiEngine all = KpiEngine.builder().heuristicPriority(5).build();
    for (KpiEngine e : List.of(p1, all)) {
      e.add(prod("d1", "search", h(0)));
      e.add(build(incident("INC-2", "search", h(1)).priority(2)));
    }
    KpiQuery query = KpiQuery.organisation(window(T0, day(1)));
    assertThat(p1.query(query).dora().changeFailureRate().failed()).isZero();
    assertThat(all.query(query).dora().changeFailureRate().failed()).isEqualTo(1);
    assertThatThrownBy(() -> KpiEngine.builder().heuristicPriority(6)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("an incident resolved without a confirmed cause below the threshold is not pinned; an explicit link counts at any priority")
  void belowThresholdNeedsALink() {
    engine.add(prod("d1", "search", h(0)));
    engine.add(prod("d2", "checkout", h(0)));
    engine.add(build(incident("INC-4", "search", h(17)).priority(4).resolvedAt(h(18))));
    engine.add(build(incident("INC-9", "checkout", h(1)).priority(5).causedBy("d2").resolvedAt(h(2))));

    assertThat(failures()).extracting(f -> f.deployment().value()).containsExactly("d2");
    assertThat(failures().get(0).why()).containsExactly("INC-9 (P5): explicit link");
  }

  @Test
  @DisplayName("an incident ruled not change-related blames nothing; taking the verdict back makes it heuristic again")
  void notChangeRelated() {
    engine.add(prod("d1", "search", h(0)));
    engine.add(build(incident("INC-4", "search", h(17)).priority(1).verdict(Verdict.NOT_CHANGE_RELATED)));
    assertThat(dora().changeFailureRate().failed()).isZero();

    engine.add(build(incident("INC-4", "search", h(17)).priority(1).verdict(Verdict.UNKNOWN)));
    assertThat(dora().changeFailureRate().failed()).isEqualTo(1);
  }

  @Test
  @DisplayName("a verdict of caused by a change whose deployment is unknown blames no deployment heuristically")
  void causedWithoutDeployment() {
    engine.add(prod("d1", "search", h(0)));
    engine.add(build(incident("INC-4", "search", h(1)).priority(1).verdict(Verdict.CAUSED_BY_CHANGE)));

    assertThat(dora().changeFailureRate().failed()).isZero();
  }

  @Test
  @DisplayName("a verdict of not change-related contradicts a link")
  void contradiction() {
    assertThat(incident("INC-4", "search", h(1)).causedBy("d1").verdict(Verdict.NOT_CHANGE_RELATED).build().isLeft())
        .isTrue();
  }

  @Test
  @DisplayName("recovery time counts only real failures: a heuristic P4 adds no recovery, the confirmed P1 does")
  void recoveryOnlyForFailures() {
    engine.add(prod("d1", "checkout", h(0)));
    engine.add(prod("d2", "search", h(1)));
    engine.add(build(incident("INC-1", "checkout", h(0.5)).priority(1).causedBy("d1").resolvedAt(h(1.45))));
    engine.add(build(incident("INC-4", "search", h(18)).priority(4).resolvedAt(h(19))));

    assertThat(dora().failedDeploymentRecoveryTime().medianSeconds()).hasValue(5220.0);
    assertThat(dora().changeFailureRate().failed()).isEqualTo(1);
  }

  @Test
  @DisplayName("a production rollback marks the deployment it undoes as failed, in whatever order they arrive")
  void rollback() {
    Deployment rollback = prod("r1", "checkout", h(2)).rollingBack(DeploymentId.of("d1"));
    engine.add(rollback);
    assertThat(dora().changeFailureRate().failed()).isZero();

    engine.add(prod("d1", "checkout", h(1)));
    assertThat(dora().changeFailureRate().failed()).isEqualTo(1);
    assertThat(dora().changeFailureRate().total()).isEqualTo(2);
    assertThat(failures()).containsExactly(new FailedDeployment(DeploymentId.of("d1"), ServiceId.of("checkout"), h(1),
        List.of("rollback detected: deployment r1")));
  }

  @Test
  @DisplayName("a rollback and an incident on one deployment fail it once, with both reasons; replacing the rollback as failed undoes its mark")
  void rollbackAndIncident() {
    engine.add(prod("d1", "checkout", h(1)));
    engine.add(prod("r1", "checkout", h(2)).rollingBack(DeploymentId.of("d1")));
    engine.add(build(incident("INC-3", "checkout", h(1.5)).priority(1).causedBy("d1")));

    assertThat(dora().changeFailureRate().failed()).isEqualTo(1);
    assertThat(failures().get(0).why()).containsExactly("INC-3 (P1): explicit link", "rollback detected: deployment r1");

    engine.add(build(incident("INC-3", "checkout", h(1.5)).priority(1).verdict(Verdict.NOT_CHANGE_RELATED)));
    assertThat(dora().changeFailureRate().failed()).isEqualTo(1);
    engine.add(Facts.deployment("r1", "checkout", "production", Deployment.Status.FAILURE, h(2), java.util.Optional.empty())
        .rollingBack(DeploymentId.of("d1")));
    // d1 is no longer failed; the failed rollback is a failed change of its own
    assertThat(failures()).singleElement().satisfies(f -> {
      assertThat(f.deployment()).isEqualTo(DeploymentId.of("r1"));
      assertThat(f.why()).containsExactly("deployment failed");
    });
  }

  @Test
  @DisplayName("a staging rollback does not fail a production deployment; a deployment cannot roll itself back")
  void stagingRollback() {
    engine.add(prod("d1", "checkout", h(1)));
    engine.add(Facts.deployment("r1", "checkout", "staging", Deployment.Status.SUCCESS, h(2), java.util.Optional.empty())
        .rollingBack(DeploymentId.of("d1")));

    assertThat(dora().changeFailureRate().failed()).isZero();
    assertThatThrownBy(() -> prod("d1", "checkout", h(1)).rollingBack(DeploymentId.of("d1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("the failures are scoped like the report: a service sees its own")
  void scoped() {
    engine.add(prod("d1", "checkout", h(1)));
    engine.add(prod("d2", "search", h(1)));
    engine.add(build(incident("INC-1", "checkout", h(2)).priority(1)));
    engine.add(build(incident("INC-2", "search", h(2)).priority(2)));

    assertThat(engine.failures(KpiQuery.of(window(T0, day(1)), KpiScope.service(ServiceId.of("search")))))
        .extracting(f -> f.deployment().value()).containsExactly("d2");
    assertThat(engine.failures(KpiQuery.of(window(h(3), day(1)), KpiScope.organisation()))).isEmpty();
  }
}
