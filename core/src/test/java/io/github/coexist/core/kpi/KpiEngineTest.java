package io.github.coexist.core.kpi;

import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.ChangeType;
import static io.github.coexist.core.kpi.Facts.T0;
import static io.github.coexist.core.kpi.Facts.answer;
import static io.github.coexist.core.kpi.Facts.build;
import static io.github.coexist.core.kpi.Facts.change;
import static io.github.coexist.core.kpi.Facts.commit;
import static io.github.coexist.core.kpi.Facts.day;
import static io.github.coexist.core.kpi.Facts.deployment;
import static io.github.coexist.core.kpi.Facts.h;
import static io.github.coexist.core.kpi.Facts.hotfix;
import static io.github.coexist.core.kpi.Facts.incident;
import static io.github.coexist.core.kpi.Facts.prod;
import static io.github.coexist.core.kpi.Facts.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.coexist.core.delivery.Deployment.Status;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KpiEngineTest {
  private final KpiEngine engine = KpiEngine.create();

  private KpiReport org(Instant from, Instant to) {
    return engine.query(KpiQuery.organisation(window(from, to)));
  }

  private KpiReport firstDay() {
    return org(T0, day(1));
  }

  private static void assertSeconds(OptionalDouble actual, double expected) {
    assertThat(actual).isPresent();
    assertThat(actual.getAsDouble()).isCloseTo(expected, within(1e-9));
  }

  @Nested
  @DisplayName("deployment frequency")
  class DeploymentFrequency {
    @Test
    @DisplayName("counts successful deployments to production or prod, in any case, and nothing else")
    void countsOnlySuccessfulProductionDeployments() {
      engine.add(prod("d1", "checkout", h(1)));
      engine.add(deployment("d2", "checkout", "PROD", Status.SUCCESS, h(2), Optional.empty()));
      engine.add(deployment("d3", "checkout", "Production", Status.SUCCESS, h(3), Optional.empty()));
      engine.add(deployment("d4", "checkout", "staging", Status.SUCCESS, h(4), Optional.empty()));
      engine.add(deployment("d5", "checkout", "production", Status.FAILURE, h(5), Optional.empty()));
      engine.add(deployment("d6", "checkout", "production", Status.IN_PROGRESS, h(6), Optional.empty()));

      KpiReport.DeploymentFrequency frequency = firstDay().dora().deploymentFrequency();
      assertThat(frequency.deployments()).isEqualTo(3);
      assertSeconds(frequency.perDay(), 3.0);
      assertThat(frequency.deploymentDays()).isEqualTo(1);
    }

    @Test
    @DisplayName("the window includes its start and excludes its end")
    void windowIsHalfOpen() {
      engine.add(prod("d1", "checkout", day(0)));
      engine.add(prod("d2", "checkout", day(2)));

      assertThat(org(day(0), day(2)).dora().deploymentFrequency().deployments()).isEqualTo(1);
      assertThat(org(day(0), day(2).plusMillis(1)).dora().deploymentFrequency().deployments()).isEqualTo(2);
    }

    @Test
    @DisplayName("per day divides by the window's days; deployment days count distinct UTC days")
    void perDayAndDeploymentDays() {
      engine.add(prod("d1", "checkout", h(1)));
      engine.add(prod("d2", "checkout", h(23)));
      engine.add(prod("d3", "checkout", h(25)));
      engine.add(prod("d4", "checkout", h(75)));

      KpiReport.DeploymentFrequency week = org(day(0), day(7)).dora().deploymentFrequency();
      assertThat(week.deployments()).isEqualTo(4);
      assertSeconds(week.perDay(), 4 / 7.0);
      assertThat(week.deploymentDays()).isEqualTo(3);
      assertThat(week.level()).contains(DoraLevel.HIGH);
    }

    @Test
    @DisplayName("a window's partial first and last days count only deployments inside the window")
    void partialDays() {
      engine.add(prod("d1", "checkout", h(11)));
      engine.add(prod("d2", "checkout", h(13)));
      engine.add(prod("d3", "checkout", h(30)));
      engine.add(prod("d4", "checkout", h(37)));

      assertThat(org(h(12), h(36)).dora().deploymentFrequency().deploymentDays()).isEqualTo(2);
      assertThat(org(h(12), h(20)).dora().deploymentFrequency().deploymentDays()).isEqualTo(1);
      assertThat(org(h(14), h(29)).dora().deploymentFrequency().deploymentDays()).isZero();
      assertThat(org(h(24), h(31)).dora().deploymentFrequency().deploymentDays()).isEqualTo(1);
    }

    @Test
    @DisplayName("levels come from deployment days per week: 5 elite, 1 high, one in 30 days medium, fewer low")
    void levels() {
      for (int d = 0; d < 5; d++) {
        engine.add(prod("w" + d, "checkout", day(d).plusSeconds(3600)));
      }
      engine.add(prod("m1", "checkout", day(40)));

      assertThat(org(day(0), day(7)).dora().deploymentFrequency().level()).contains(DoraLevel.ELITE);
      assertThat(org(day(0), day(5)).dora().deploymentFrequency().level()).contains(DoraLevel.ELITE);
      assertThat(org(day(4), day(11)).dora().deploymentFrequency().level()).contains(DoraLevel.HIGH);
      assertThat(org(day(20), day(50)).dora().deploymentFrequency().level()).contains(DoraLevel.MEDIUM);
      assertThat(org(day(20), day(51)).dora().deploymentFrequency().level()).contains(DoraLevel.LOW);
      KpiReport.DeploymentFrequency none = org(day(100), day(130)).dora().deploymentFrequency();
      assertThat(none.deployments()).isZero();
      assertSeconds(none.perDay(), 0.0);
      assertThat(none.level()).contains(DoraLevel.LOW);
    }

    @Test
    @DisplayName("an empty window has no rate and no level")
    void emptyWindow() {
      engine.add(prod("d1", "checkout", h(1)));

      KpiReport.DeploymentFrequency frequency = org(h(1), h(1)).dora().deploymentFrequency();
      assertThat(frequency.deployments()).isZero();
      assertThat(frequency.perDay()).isEmpty();
      assertThat(frequency.level()).isEmpty();
    }

    @Test
    @DisplayName("the production environments can be configured")
    void configuredProduction() {
      KpiEngine live = KpiEngine.builder()
          .production(ProductionEnvironments.parse("live,Canary").get())
          .build();
      live.add(deployment("d1", "checkout", "LIVE", Status.SUCCESS, h(1), Optional.empty()));
      live.add(deployment("d2", "checkout", "canary", Status.SUCCESS, h(2), Optional.empty()));
      live.add(prod("d3", "checkout", h(3)));

      assertThat(live.query(KpiQuery.organisation(window(T0, day(1)))).dora().deploymentFrequency().deployments())
          .isEqualTo(2);
    }
  }

  @Nested
  @DisplayName("lead time for changes")
  class LeadTime {
    @Test
    @DisplayName("the median of an even count is the mean of the middle two; p90 interpolates linearly")
    void medianAndP90() {
      engine.add(prod("d1", "checkout", h(10), commit("c1", h(9)), commit("c2", h(8))));
      engine.add(prod("d2", "checkout", h(20), commit("c3", h(17)), commit("c4", h(16))));

      KpiReport.LeadTimeForChanges lead = firstDay().dora().leadTimeForChanges();
      assertSeconds(lead.medianSeconds(), 2.5 * 3600);
      assertSeconds(lead.p90Seconds(), 3.7 * 3600);
      assertThat(lead.level()).contains(DoraLevel.ELITE);
    }

    @Test
    @DisplayName("the median of an odd count is the middle value")
    void oddCount() {
      engine.add(prod("d1", "checkout", h(12), commit("c1", h(11)), commit("c2", h(10)), commit("c3", h(2))));

      KpiReport.LeadTimeForChanges lead = firstDay().dora().leadTimeForChanges();
      assertSeconds(lead.medianSeconds(), 2 * 3600);
      assertSeconds(lead.p90Seconds(), 8.4 * 3600);
    }

    @Test
    @DisplayName("ties are kept: equal lead times all count")
    void ties() {
      engine.add(prod("d1", "checkout", h(10), commit("c1", h(9)), commit("c2", h(9)), commit("c3", h(4))));

      assertSeconds(firstDay().dora().leadTimeForChanges().medianSeconds(), 3600);
      assertSeconds(firstDay().dora().leadTimeForChanges().p90Seconds(), 3600 + 0.8 * 5 * 3600);
    }

    @Test
    @DisplayName("a commit deployed twice counts once, at its first successful production deployment, whatever the order of arrival")
    void deployedTwice() {
      engine.add(prod("d2", "checkout", h(30), commit("c1", h(0)), commit("c2", h(29))));
      engine.add(prod("d1", "checkout", h(5), commit("c1", h(0))));

      assertSeconds(org(T0, day(2)).dora().leadTimeForChanges().medianSeconds(), 3 * 3600);
      assertSeconds(org(day(1), day(2)).dora().leadTimeForChanges().medianSeconds(), 3600);
      assertSeconds(firstDay().dora().leadTimeForChanges().medianSeconds(), 5 * 3600);
    }

    @Test
    @DisplayName("failed and non-production deployments do not deploy a commit")
    void onlySuccessfulProduction() {
      engine.add(deployment("d1", "checkout", "production", Status.FAILURE, h(5), Optional.empty(), commit("c1", h(0))));
      engine.add(deployment("d2", "checkout", "staging", Status.SUCCESS, h(6), Optional.empty(), commit("c1", h(0))));
      engine.add(prod("d3", "checkout", h(7), commit("c1", h(0))));

      assertSeconds(firstDay().dora().leadTimeForChanges().medianSeconds(), 7 * 3600);
    }

    @Test
    @DisplayName("zero and negative lead times are dropped; no commits gives no value and no level")
    void zeroAndNegativeDropped() {
      engine.add(prod("d1", "checkout", h(5), commit("c1", h(5)), commit("c2", h(6))));

      KpiReport.LeadTimeForChanges lead = firstDay().dora().leadTimeForChanges();
      assertThat(lead.medianSeconds()).isEmpty();
      assertThat(lead.p90Seconds()).isEmpty();
      assertThat(lead.level()).isEmpty();
    }

    @Test
    @DisplayName("when the first deployment is replaced as failed, its commits move to their next deployment")
    void replacedDeployment() {
      engine.add(prod("d1", "checkout", h(5), commit("c1", h(0))));
      engine.add(prod("d2", "checkout", h(9), commit("c1", h(0))));
      engine.add(deployment("d1", "checkout", "production", Status.FAILURE, h(5), Optional.empty(), commit("c1", h(0))));

      assertSeconds(firstDay().dora().leadTimeForChanges().medianSeconds(), 9 * 3600);
      assertThat(firstDay().dora().deploymentFrequency().deployments()).isEqualTo(1);
    }

    @Test
    @DisplayName("deployments finishing at the same instant are ordered by id: the smaller id deploys the commit")
    void sameFinishTieBrokenById() {
      engine.add(prod("d-b", "beta", h(10), commit("c1", h(8))));
      engine.add(prod("d-a", "alpha", h(10), commit("c1", h(8))));

      assertSeconds(serviceReport("alpha").dora().leadTimeForChanges().medianSeconds(), 2 * 3600);
      assertThat(serviceReport("beta").dora().leadTimeForChanges().medianSeconds()).isEmpty();
    }

    @Test
    @DisplayName("levels follow the median: under a day elite, under a week high, under 30 days medium (bounds exclusive)")
    void levels() {
      engine.add(prod("d1", "checkout", day(10), commit("c1", day(9).plusSeconds(1))));
      engine.add(prod("d2", "checkout", day(20), commit("c2", day(14))));
      engine.add(prod("d5", "checkout", day(30), commit("c5", day(23))));
      engine.add(prod("d3", "checkout", day(50), commit("c3", day(21))));
      engine.add(prod("d4", "checkout", day(90), commit("c4", day(60))));

      assertThat(org(day(10), day(11)).dora().leadTimeForChanges().level()).contains(DoraLevel.ELITE);
      assertThat(org(day(20), day(21)).dora().leadTimeForChanges().level()).contains(DoraLevel.HIGH);
      assertThat(org(day(30), day(31)).dora().leadTimeForChanges().level()).contains(DoraLevel.MEDIUM);
      assertThat(org(day(50), day(51)).dora().leadTimeForChanges().level()).contains(DoraLevel.MEDIUM);
      assertThat(org(day(90), day(91)).dora().leadTimeForChanges().level()).contains(DoraLevel.LOW);
    }
  }

  @Nested
  @DisplayName("change failure rate")
  class ChangeFailureRate {
    @Test
    @DisplayName("an incident without a link is attributed to its service's last deployment finished at or before it opened")
    void heuristicAttribution() {
      engine.add(prod("d1", "checkout", h(10)));
      engine.add(prod("d2", "checkout", h(20)));
      engine.add(prod("d3", "payments", h(21)));
      engine.add(build(incident("i1", "checkout", h(22))));

      KpiReport.ChangeFailureRate rate = firstDay().dora().changeFailureRate();
      assertThat(rate.failed()).isEqualTo(1);
      assertThat(rate.total()).isEqualTo(3);
      assertSeconds(rate.rate(), 1 / 3.0);
      assertThat(rate.level()).contains(DoraLevel.LOW);
      assertThat(org(h(20), h(21)).dora().changeFailureRate().failed()).isEqualTo(1);
      assertThat(org(h(0), h(20)).dora().changeFailureRate().failed()).isZero();
    }

    @Test
    @DisplayName("an incident opened at the very instant a deployment finished is attributed to it")
    void openedAtFinish() {
      engine.add(prod("d1", "checkout", h(10)));
      engine.add(build(incident("i1", "checkout", h(10))));

      assertThat(firstDay().dora().changeFailureRate().failed()).isEqualTo(1);
    }

    @Test
    @DisplayName("the attribution window is 24 hours, inclusive, unless configured")
    void attributionWindow() {
      engine.add(prod("d1", "checkout", h(0)));
      engine.add(prod("d2", "payments", h(0)));
      engine.add(build(incident("i1", "checkout", h(24))));
      engine.add(build(incident("i2", "payments", h(24).plusMillis(1))));

      assertThat(firstDay().dora().changeFailureRate().failed()).isEqualTo(1);
      assertThat(serviceReport("payments").dora().changeFailureRate().failed()).isZero();

      KpiEngine strict = KpiEngine.builder().attributionWindow(Duration.ofHours(1)).build();
      strict.add(prod("d1", "checkout", h(0)));
      strict.add(build(incident("i1", "checkout", h(2))));
      assertThat(strict.query(KpiQuery.organisation(window(T0, day(1)))).dora().changeFailureRate().failed()).isZero();
    }

    @Test
    @DisplayName("several incidents on one deployment make one failed deployment")
    void severalIncidentsOneFailure() {
      engine.add(prod("d1", "checkout", h(10)));
      engine.add(prod("d2", "checkout", h(12), commit("c1", h(11))));
      engine.add(build(incident("i1", "checkout", h(13))));
      engine.add(build(incident("i2", "checkout", h(14))));

      KpiReport.ChangeFailureRate rate = firstDay().dora().changeFailureRate();
      assertThat(rate.failed()).isEqualTo(1);
      assertSeconds(rate.rate(), 0.5);
    }

    @Test
    @DisplayName("an explicit caused-by link wins over the heuristic, also when it arrives later")
    void explicitLinkWins() {
      engine.add(prod("d1", "checkout", h(10)));
      engine.add(prod("d2", "checkout", h(20)));
      engine.add(build(incident("i1", "checkout", h(22))));
      assertThat(org(h(20), h(21)).dora().changeFailureRate().failed()).isEqualTo(1);

      engine.add(build(incident("i1", "checkout", h(22)).causedBy("d1")));

      assertThat(org(h(20), h(21)).dora().changeFailureRate().failed()).isZero();
      assertThat(org(h(10), h(11)).dora().changeFailureRate().failed()).isEqualTo(1);
    }

    @Test
    @DisplayName("a link may name a deployment before it arrives, and across services and beyond the attribution window")
    void linkBeforeDeployment() {
      engine.add(build(incident("i1", "payments", h(100)).causedBy("d9")));
      assertThat(firstDay().dora().changeFailureRate().failed()).isZero();

      engine.add(prod("d9", "checkout", h(1)));

      assertThat(firstDay().dora().changeFailureRate().failed()).isEqualTo(1);
    }

    @Test
    @DisplayName("a link to a failed or non-production deployment attributes the incident to nothing, without falling back")
    void linkToNonQualifying() {
      engine.add(prod("d1", "checkout", h(10)));
      engine.add(deployment("d2", "checkout", "production", Status.FAILURE, h(11), Optional.empty()));
      engine.add(deployment("d3", "checkout", "staging", Status.FAILURE, h(11), Optional.empty()));
      engine.add(build(incident("i1", "checkout", h(12)).causedBy("d2")));

      // the failed production deployment is a failed change of its own; d1 is not blamed, staging not counted
      assertThat(firstDay().dora().changeFailureRate().failed()).isEqualTo(1);
      assertThat(firstDay().dora().changeFailureRate().total()).isEqualTo(2);
      assertThat(engine.failures(KpiQuery.organisation(window(T0, day(1)))))
          .singleElement().satisfies(f -> assertThat(f.why()).containsExactly("deployment failed"));
    }

    @Test
    @DisplayName("a deployment arriving after the incident, or replaced as failed, moves the attribution")
    void lateDeployment() {
      engine.add(build(incident("i1", "checkout", h(22))));
      engine.add(prod("d1", "checkout", h(10)));
      assertThat(org(h(10), h(11)).dora().changeFailureRate().failed()).isEqualTo(1);

      engine.add(prod("d2", "checkout", h(20)));
      assertThat(org(h(10), h(11)).dora().changeFailureRate().failed()).isZero();
      assertThat(org(h(20), h(21)).dora().changeFailureRate().failed()).isEqualTo(1);

      engine.add(deployment("d2", "checkout", "production", Status.FAILURE, h(20), Optional.empty()));
      assertThat(org(h(10), h(11)).dora().changeFailureRate().failed()).isEqualTo(1);
      assertThat(firstDay().dora().changeFailureRate().total()).isEqualTo(2);
      assertThat(firstDay().dora().deploymentFrequency().deployments()).isEqualTo(1);
    }

    @Test
    @DisplayName("among deployments finished at the same instant, the incident goes to the greater id")
    void sameFinishTie() {
      engine.add(prod("d-b", "checkout", h(10)));
      engine.add(prod("d-a", "checkout", h(10)));
      engine.add(build(incident("i1", "checkout", h(11)).resolvedAt(h(12))));
      engine.add(prod("d-c", "checkout", h(10)));

      assertThat(firstDay().dora().changeFailureRate().failed()).isEqualTo(1);
      engine.add(deployment("d-c", "checkout", "staging", Status.SUCCESS, h(10), Optional.empty()));
      assertThat(firstDay().dora().changeFailureRate().failed()).isEqualTo(1);
    }

    @Test
    @DisplayName("no deployments gives no rate and no level")
    void noDeployments() {
      engine.add(build(incident("i1", "checkout", h(1))));

      KpiReport.ChangeFailureRate rate = firstDay().dora().changeFailureRate();
      assertThat(rate.rate()).isEmpty();
      assertThat(rate.total()).isZero();
      assertThat(rate.level()).isEmpty();
    }

    @Test
    @DisplayName("a rate of 5 % is elite and 10 % high under the default (2024) cut-offs")
    void levels() {
      for (int i = 0; i < 20; i++) {
        engine.add(prod("d" + i, "checkout", day(i)));
      }
      engine.add(build(incident("i1", "checkout", day(3).plusSeconds(60))));
      assertThat(org(day(0), day(20)).dora().changeFailureRate().level()).contains(DoraLevel.ELITE);
      engine.add(build(incident("i2", "checkout", day(4).plusSeconds(60))));
      assertThat(org(day(0), day(20)).dora().changeFailureRate().level()).contains(DoraLevel.HIGH);
    }
  }

  @Nested
  @DisplayName("failed deployment recovery time and rework rate")
  class RecoveryAndRework {
    @Test
    @DisplayName("recovery runs from the deployment's finish to the resolution of incidents resolved in the window")
    void recovery() {
      engine.add(prod("d1", "checkout", h(10)));
      engine.add(build(incident("i1", "checkout", h(11)).causedBy("d1").resolvedAt(h(13))));
      engine.add(build(incident("i2", "checkout", h(12)).resolvedAt(h(15))));
      engine.add(build(incident("i3", "checkout", h(12))));

      KpiReport.RecoveryTime recovery = firstDay().dora().failedDeploymentRecoveryTime();
      assertSeconds(recovery.medianSeconds(), 4 * 3600);
      assertThat(recovery.level()).contains(DoraLevel.HIGH);
      assertSeconds(org(T0, h(14)).dora().failedDeploymentRecoveryTime().medianSeconds(), 3 * 3600);
      assertThat(org(h(16), day(1)).dora().failedDeploymentRecoveryTime().medianSeconds()).isEmpty();
    }

    @Test
    @DisplayName("an incident linked to a deployment that finished after its resolution has no recovery time")
    void negativeRecoveryDropped() {
      engine.add(prod("d1", "checkout", h(10)));
      engine.add(build(incident("i1", "checkout", h(1)).causedBy("d1").resolvedAt(h(2))));

      assertThat(firstDay().dora().failedDeploymentRecoveryTime().medianSeconds()).isEmpty();
      assertThat(firstDay().dora().changeFailureRate().failed()).isEqualTo(1);
    }

    @Test
    @DisplayName("recovery follows a resolution that changes and an attribution that moves")
    void recoveryFollowsUpdates() {
      engine.add(prod("d1", "checkout", h(10)));
      engine.add(prod("d2", "checkout", h(12)));
      engine.add(build(incident("i1", "checkout", h(13)).resolvedAt(h(14))));
      assertSeconds(firstDay().dora().failedDeploymentRecoveryTime().medianSeconds(), 2 * 3600);

      engine.add(build(incident("i1", "checkout", h(13)).resolvedAt(h(16)).causedBy("d1")));

      assertSeconds(firstDay().dora().failedDeploymentRecoveryTime().medianSeconds(), 6 * 3600);
    }

    @Test
    @DisplayName("rework rate is the share of production deployments that are hotfixes")
    void rework() {
      engine.add(hotfix("d1", "checkout", h(1), "i1"));
      engine.add(prod("d2", "checkout", h(2)));
      engine.add(deployment("d3", "checkout", "staging", Status.SUCCESS, h(3), Optional.of("i1")));

      KpiReport.ReworkRate rework = firstDay().dora().reworkRate();
      assertThat(rework.hotfixes()).isEqualTo(1);
      assertThat(rework.total()).isEqualTo(2);
      assertSeconds(rework.rate(), 0.5);
      assertThat(org(day(1), day(2)).dora().reworkRate().rate()).isEmpty();
    }
  }

  @Nested
  @DisplayName("ITSM metrics")
  class Itsm {
    @Test
    @DisplayName("mean time to acknowledge covers acknowledged incidents opened in the window")
    void mtta() {
      engine.add(build(incident("i1", "checkout", h(0)).acknowledgedAt(h(0.5))));
      engine.add(build(incident("i2", "checkout", h(1)).acknowledgedAt(h(2))));
      engine.add(build(incident("i3", "checkout", h(2))));
      engine.add(build(incident("i4", "checkout", h(-1)).acknowledgedAt(h(5))));

      assertSeconds(firstDay().itsm().mttaSeconds(), 0.75 * 3600);
      assertThat(org(day(1), day(2)).itsm().mttaSeconds()).isEmpty();
    }

    @Test
    @DisplayName("time to restore covers incidents resolved in the window: mean and median")
    void timeToRestore() {
      engine.add(build(incident("i1", "checkout", h(0)).resolvedAt(h(1))));
      engine.add(build(incident("i2", "checkout", h(1)).resolvedAt(h(3))));
      engine.add(build(incident("i3", "checkout", h(2)).resolvedAt(h(8))));
      engine.add(build(incident("i4", "checkout", h(-48)).resolvedAt(h(-2))));
      engine.add(build(incident("i5", "checkout", h(20)).resolvedAt(h(30))));

      KpiReport.TimeToRestore restore = firstDay().itsm().timeToRestore();
      assertSeconds(restore.meanSeconds(), 3 * 3600);
      assertSeconds(restore.medianSeconds(), 2 * 3600);
      assertSeconds(org(h(-3), h(1).plusMillis(1)).itsm().timeToRestore().medianSeconds(), 23.5 * 3600);
    }

    @Test
    @DisplayName("SLA compliance uses the tool's verdict when given, else the resolution target of the priority")
    void slaCompliance() {
      engine.add(build(incident("i1", "checkout", h(0)).priority(1).resolvedAt(h(4))));
      engine.add(build(incident("i2", "checkout", h(0)).priority(1).resolvedAt(h(4).plusMillis(1))));
      engine.add(build(incident("i3", "checkout", h(0)).priority(3).resolvedAt(h(1)).withinSla(false)));
      engine.add(build(incident("i4", "checkout", h(0)).priority(5).resolvedAt(h(20)).withinSla(true)));
      engine.add(build(incident("i5", "checkout", h(0)).priority(1)));

      assertSeconds(firstDay().itsm().slaCompliance(), 0.5);

      KpiEngine partial = KpiEngine.builder()
          .resolutionTargets(new ResolutionTargets(Map.of(1, Duration.ofHours(4)))).build();
      partial.add(build(incident("i1", "checkout", h(0)).priority(1).resolvedAt(h(3))));
      partial.add(build(incident("i2", "checkout", h(0)).priority(2).resolvedAt(h(9))));
      assertSeconds(partial.query(KpiQuery.organisation(window(T0, day(1)))).itsm().slaCompliance(), 1.0);
    }

    @Test
    @DisplayName("reopen rate is the share of incidents resolved in the window that were reopened")
    void reopenRate() {
      engine.add(build(incident("i1", "checkout", h(0)).resolvedAt(h(1)).reopenCount(1)));
      engine.add(build(incident("i2", "checkout", h(0)).resolvedAt(h(1))));
      engine.add(build(incident("i3", "checkout", h(0)).resolvedAt(h(2)).reopenCount(2)));
      engine.add(build(incident("i4", "checkout", h(0)).reopenCount(1)));

      assertSeconds(firstDay().itsm().reopenRate(), 2 / 3.0);
      assertThat(org(day(1), day(2)).itsm().reopenRate()).isEmpty();
    }

    @Test
    @DisplayName("change ratios: success by closing time, emergency and automatic approval by creation time")
    void changes() {
      engine.add(change("c1", ChangeType.EMERGENCY, h(1), h(2), CloseCode.SUCCESSFUL, true));
      engine.add(change("c2", ChangeType.NORMAL, h(1), h(3), CloseCode.SUCCESSFUL_WITH_ISSUES, true));
      engine.add(change("c3", ChangeType.STANDARD, h(1), h(4), CloseCode.UNSUCCESSFUL, false));
      engine.add(change("c4", ChangeType.NORMAL, h(-30), h(5), CloseCode.SUCCESSFUL, false));
      engine.add(change("c5", ChangeType.NORMAL, h(5), null, null, false));

      KpiReport.Itsm itsm = firstDay().itsm();
      assertSeconds(itsm.changeSuccessRate(), 0.5);
      assertSeconds(itsm.emergencyChangeRatio(), 0.25);
      assertSeconds(itsm.autoApprovalRatio(), 0.5);

      engine.add(change("c3", ChangeType.STANDARD, h(1), h(4), CloseCode.SUCCESSFUL, false));
      assertSeconds(firstDay().itsm().changeSuccessRate(), 0.75);
    }

    @Test
    @DisplayName("CSAT: the share of 4 and 5, the mean and the count; a ticket's later answer replaces its first")
    void csat() {
      engine.add(answer("t1", 5, h(1)));
      engine.add(answer("t2", 4, h(2)));
      engine.add(answer("t3", 2, h(3)));
      engine.add(answer("t4", 3, h(4)));
      engine.add(answer("t5", 5, h(30)));

      KpiReport.Csat csat = firstDay().itsm().csat();
      assertSeconds(csat.satisfiedRatio(), 0.5);
      assertSeconds(csat.meanRating(), 3.5);
      assertThat(csat.responses()).isEqualTo(4);

      engine.add(answer("t1", 1, h(5)));
      assertSeconds(firstDay().itsm().csat().meanRating(), 2.5);
      assertSeconds(firstDay().itsm().csat().satisfiedRatio(), 0.25);
    }

    @Test
    @DisplayName("CSAT per service: an answer that names no service counts for the service of its incident ticket")
    void csatOnIncidentTickets() {
      engine.add(answer("INC-1", 5, h(2)));                                 // before its incident is known
      engine.add(incident("INC-1", "search", h(1)).build().get());
      engine.add(answer("INC-2", 2, h(3)));
      engine.add(incident("INC-2", "checkout", h(1)).build().get());
      engine.add(new FeedbackFact("REQ-1", 4, h(4), Optional.of(ServiceId.of("search"))));

      assertThat(serviceReport("search").itsm().csat().responses()).isEqualTo(2);
      assertSeconds(serviceReport("search").itsm().csat().meanRating(), 4.5);
      assertThat(serviceReport("checkout").itsm().csat().responses()).isEqualTo(1);

      engine.add(incident("INC-2", "search", h(1)).build().get());          // the incident was search's after all
      assertThat(serviceReport("search").itsm().csat().responses()).isEqualTo(3);
      assertThat(serviceReport("checkout").itsm().csat().responses()).isZero();
      assertThat(firstDay().itsm().csat().responses()).isEqualTo(3);
    }

    @Test
    @DisplayName("an empty engine gives nulls, never zeros")
    void emptyGivesNothing() {
      KpiReport report = firstDay();
      assertThat(report.itsm().mttaSeconds()).isEmpty();
      assertThat(report.itsm().timeToRestore().meanSeconds()).isEmpty();
      assertThat(report.itsm().timeToRestore().medianSeconds()).isEmpty();
      assertThat(report.itsm().slaCompliance()).isEmpty();
      assertThat(report.itsm().reopenRate()).isEmpty();
      assertThat(report.itsm().changeSuccessRate()).isEmpty();
      assertThat(report.itsm().emergencyChangeRatio()).isEmpty();
      assertThat(report.itsm().autoApprovalRatio()).isEmpty();
      assertThat(report.itsm().csat().satisfiedRatio()).isEmpty();
      assertThat(report.itsm().csat().meanRating()).isEmpty();
      assertThat(report.itsm().csat().responses()).isZero();
      assertThat(report.dora().leadTimeForChanges().medianSeconds()).isEmpty();
      assertThat(report.dora().failedDeploymentRecoveryTime().medianSeconds()).isEmpty();
      assertThat(report.dora().reworkRate().rate()).isEmpty();
    }
  }

  @Nested
  @DisplayName("scopes, weeks and span")
  class Scopes {
    @Test
    @DisplayName("a service scope sees only that service's facts; an unknown service sees nothing")
    void serviceScope() {
      engine.add(prod("d1", "checkout", h(1), commit("c1", h(0))));
      engine.add(prod("d2", "payments", h(2), commit("c2", h(0))));
      engine.add(build(incident("i1", "payments", h(3)).resolvedAt(h(5))));
      engine.add(new FeedbackFact("t1", 5, h(1), Optional.of(ServiceId.of("payments"))));
      engine.add(answer("t2", 1, h(1)));

      KpiReport payments = serviceReport("payments");
      assertThat(payments.scope()).isEqualTo(KpiScope.service(ServiceId.of("payments")));
      assertThat(payments.dora().deploymentFrequency().deployments()).isEqualTo(1);
      assertSeconds(payments.dora().leadTimeForChanges().medianSeconds(), 2 * 3600);
      assertThat(payments.dora().changeFailureRate().failed()).isEqualTo(1);
      assertThat(payments.itsm().csat().responses()).isEqualTo(1);
      assertThat(serviceReport("checkout").dora().changeFailureRate().failed()).isZero();
      assertThat(firstDay().itsm().csat().responses()).isEqualTo(2);
      assertThat(serviceReport("nobody").dora().deploymentFrequency().deployments()).isZero();
    }

    @Test
    @DisplayName("a team scope merges its services: a day two services deployed counts once, percentiles span both")
    void teamScope() {
      KpiEngine teams = KpiEngine.builder()
          .team(ServiceId.of("checkout"), TeamId.of("shop"))
          .team(ServiceId.of("cart"), TeamId.of("shop"))
          .team(ServiceId.of("payments"), TeamId.of("money"))
          .build();
      teams.add(prod("d1", "checkout", h(1), commit("c1", h(0))));
      teams.add(prod("d2", "cart", h(5), commit("c2", h(2))));
      teams.add(prod("d3", "payments", h(6), commit("c3", h(0))));
      teams.add(prod("d4", "cart", h(30), commit("c4", h(29.5))));

      KpiReport shop = teams.query(KpiQuery.of(window(T0, day(2)), KpiScope.team(TeamId.of("shop"))));
      assertThat(shop.dora().deploymentFrequency().deployments()).isEqualTo(3);
      assertThat(shop.dora().deploymentFrequency().deploymentDays()).isEqualTo(2);
      assertSeconds(shop.dora().leadTimeForChanges().medianSeconds(), 3600);
      assertSeconds(shop.dora().leadTimeForChanges().p90Seconds(), 3600 + 0.8 * 2 * 3600);

      teams.assign(ServiceId.of("cart"), TeamId.of("money"));
      KpiReport moved = teams.query(KpiQuery.of(window(T0, day(2)), KpiScope.team(TeamId.of("shop"))));
      assertThat(moved.dora().deploymentFrequency().deployments()).isEqualTo(1);
      assertThat(teams.query(KpiQuery.of(window(T0, day(2)), KpiScope.team(TeamId.of("nobody"))))
          .dora().deploymentFrequency().deployments()).isZero();
    }

    @Test
    @DisplayName("weekly reports cover each ISO week the window overlaps, clipped to the window")
    void weekly() {
      engine.add(prod("d1", "checkout", day(2)));
      engine.add(prod("d2", "checkout", day(8)));
      engine.add(prod("d3", "checkout", day(9)));

      List<KpiReport> weeks = engine.weekly(KpiQuery.organisation(window(day(2), day(14).plusSeconds(1))));

      assertThat(weeks).extracting(KpiReport::window).containsExactly(
          window(day(2), day(7)), window(day(7), day(14)), window(day(14), day(14).plusSeconds(1)));
      assertThat(weeks).extracting(r -> r.dora().deploymentFrequency().deployments()).containsExactly(1L, 2L, 0L);
    }

    @Test
    @DisplayName("the span covers every event time, not commit times, and ends just after the last")
    void span() {
      assertThat(engine.span()).isEmpty();
      engine.add(prod("d1", "checkout", h(10), commit("c1", h(-100))));
      engine.add(build(incident("i1", "checkout", h(2)).resolvedAt(h(30))));

      assertThat(engine.span()).contains(window(h(2), h(30).plusMillis(1)));
    }

    @Test
    @DisplayName("levels can be judged against another report year")
    void otherBenchmarks() {
      engine.add(prod("d1", "checkout", h(10), commit("c1", h(8))));
      KpiQuery query = KpiQuery.organisation(window(T0, day(1)));

      assertThat(engine.query(query).dora().leadTimeForChanges().level()).contains(DoraLevel.ELITE);
      KpiReport report2021 = engine.query(query.withBenchmarks(DoraBenchmarks.forYear(2021).get()));
      assertThat(report2021.dora().leadTimeForChanges().level()).contains(DoraLevel.HIGH);
      assertThat(report2021.benchmarks()).isEqualTo("DORA 2021");
    }
  }

  private KpiReport serviceReport(String service) {
    return engine.query(KpiQuery.of(window(T0, day(1)), KpiScope.service(ServiceId.of(service))));
  }
}
