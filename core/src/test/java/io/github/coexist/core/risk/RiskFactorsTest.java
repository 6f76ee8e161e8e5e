package io.github.coexist.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.service.Tier;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RiskFactorsTest {
  private static final EvidenceStatus PASSED = EvidenceStatus.PASSED;
  private static final EvidenceStatus MISSING = EvidenceStatus.MISSING;
  private static final EvidenceStatus FAILED = EvidenceStatus.FAILED;

  private static void assertContribution(RiskFactor factor, Profile profile, double points, String reason) {
    FactorContribution c = factor.assess(profile.context());
    assertThat(c.factor()).isEqualTo(factor.name());
    assertThat(c.weight()).isEqualTo(factor.weight());
    assertThat(c.points()).isCloseTo(points, within(1e-9));
    assertThat(c.reason()).isEqualTo(reason);
  }

  @Test
  @DisplayName("the default factors have unique names and weights adding up to 100")
  void defaults() {
    assertThat(RiskFactors.defaults()).extracting(RiskFactor::name).doesNotHaveDuplicates().containsExactly(
        "service-tier", "blast-radius", "change-size", "recent-failure-rate", "same-commit-elsewhere", "open-work",
        "overdue-actions", "schedule-overlap", "time-of-day", "pipeline-evidence", "rollback-plan");
    assertThat(RiskFactors.defaults().stream().mapToDouble(RiskFactor::weight).sum()).isEqualTo(100);
  }

  @Nested
  @DisplayName("service tier")
  class ServiceTier {
    private final RiskFactor factor = RiskFactors.serviceTier();

    @Test
    @DisplayName("scores tier 1 in full, each lower tier a third less")
    void byTier() {
      Profile p = Profile.calm();
      assertContribution(factor, p.withTier(Optional.of(Tier.TIER_1)), 20, "tier 1 service: business critical");
      assertContribution(factor, p.withTier(Optional.of(Tier.TIER_2)), 40.0 / 3, "tier 2 service: important");
      assertContribution(factor, p.withTier(Optional.of(Tier.TIER_3)), 20.0 / 3, "tier 3 service: supporting");
      assertContribution(factor, p.withTier(Optional.of(Tier.TIER_4)), 0, "tier 4 service: not critical");
    }

    @Test
    @DisplayName("treats a service the directory does not know as tier 1, and says so")
    void unknownService() {
      assertContribution(factor, Profile.calm().withTier(Optional.empty()), 20,
          "payments is not in the service directory: treated as tier 1");
    }
  }

  @Nested
  @DisplayName("blast radius")
  class BlastRadius {
    private final RiskFactor factor = RiskFactors.blastRadius();

    @Test
    @DisplayName("counts dependent services, naming the first three")
    void counts() {
      assertContribution(factor, Profile.calm(), 0, "no service depends on payments");
      assertContribution(factor, Profile.calm().withDependents(1), 1, "1 service depends on payments (dependent-000)");
      assertContribution(factor, Profile.calm().withDependents(4), 4,
          "4 services depend on payments (dependent-000, dependent-001, dependent-002 and 1 more)");
    }

    @Test
    @DisplayName("stops growing at its limit")
    void saturates() {
      assertThat(factor.assess(Profile.calm().withDependents(25).context()).points()).isEqualTo(10);
      assertThat(RiskFactors.blastRadius(8, 2).assess(Profile.calm().withDependents(1).context()).points())
          .isEqualTo(4);
    }
  }

  @Nested
  @DisplayName("change size")
  class ChangeSize {
    private final RiskFactor factor = RiskFactors.changeSize();

    @Test
    @DisplayName("grows with the square root of the larger of lines and files")
    void sqrtOfLargerShare() {
      assertContribution(factor, Profile.calm().withSize(2, 12), 2, "12 lines in 2 files: small change");
      assertContribution(factor, Profile.calm().withSize(3, 500), 5, "500 lines in 3 files: large change");
      assertContribution(factor, Profile.calm().withSize(50, 10), 10, "10 lines in 50 files: very large change");
      assertContribution(factor, Profile.calm().withSize(1, 1), Math.sqrt(1.0 / 50) * 10, "1 line in 1 file: small change");
    }

    @Test
    @DisplayName("says when no size was reported")
    void unknownSize() {
      assertContribution(factor, Profile.calm().withSize(0, 0), 0, "size not reported: 0 lines in 0 files");
    }
  }

  @Nested
  @DisplayName("same commit elsewhere")
  class SameCommit {
    private final RiskFactor factor = RiskFactors.sameCommitElsewhere();

    @Test
    @DisplayName("a failure of the same commit in another environment scores the whole weight, as its own reason")
    void failedElsewhere() {
      assertContribution(factor, Profile.calm().withStagingFailures(1), 5, "the same commit failed elsewhere: 1 in staging");
      assertContribution(factor, Profile.calm(), 0, "the same commit has not run in another environment");
    }
  }

  @Nested
  @DisplayName("recent failure rate")
  class FailureRate {
    private final RiskFactor factor = RiskFactors.recentFailureRate();

    @Test
    @DisplayName("grows with the failure rate, full at 40%")
    void byRate() {
      assertContribution(factor, Profile.calm().withHistory(10, 2), 5,
          "2 of 10 changes failed in the last 30 days (20%)");
      assertContribution(factor, Profile.calm().withHistory(10, 0), 0,
          "0 of 10 changes failed in the last 30 days (0%)");
      assertContribution(factor, Profile.calm().withHistory(3, 3), 10,
          "3 of 3 changes failed in the last 30 days (100%)");
    }

    @Test
    @DisplayName("assumes a rate for a service with no recent changes")
    void noHistory() {
      assertContribution(factor, Profile.calm().withHistory(0, 0), 10 * 0.15 / 0.40,
          "no changes in the last 30 days: no track record, assumed 15% failing");
    }

    @Test
    @DisplayName("refuses a full-points rate outside (0, 1]")
    void badConfig() {
      assertThatThrownBy(() -> RiskFactors.recentFailureRate(10, 0, 0.1)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> RiskFactors.recentFailureRate(10, 1.5, 0.1)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> RiskFactors.recentFailureRate(10, 0.5, -0.1)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  @DisplayName("open work")
  class OpenWork {
    private final RiskFactor factor = RiskFactors.openWork();

    @Test
    @DisplayName("counts an incident as one and a problem as half")
    void counts() {
      assertContribution(factor, Profile.calm(), 0, "no open incidents or problems on payments");
      assertContribution(factor, Profile.calm().withOpenWork(1, 1), 3.75, "1 open incident and 1 open problem on payments");
      assertContribution(factor, Profile.calm().withOpenWork(0, 2), 2.5, "0 open incidents and 2 open problems on payments");
      assertContribution(factor, Profile.calm().withOpenWork(3, 0), 5, "3 open incidents and 0 open problems on payments");
    }
  }

  @Nested
  @DisplayName("overdue postmortem actions")
  class OverdueActions {
    private final RiskFactor factor = RiskFactors.overdueActions();

    @Test
    @DisplayName("count one point each, in full at two, weight 5")
    void counts() {
      assertThat(factor.weight()).isEqualTo(5);
      FactorContribution none = factor.assess(Profile.calm().context());
      assertThat(none.points()).isZero();
      assertThat(none.reason()).isEqualTo("no overdue postmortem action items on payments");
      FactorContribution one = factor.assess(Profile.withOverdueActions(Profile.calm().context(), 1));
      assertThat(one.points()).isCloseTo(2.5, within(1e-9));
      assertThat(one.reason()).isEqualTo("1 postmortem action item overdue on payments");
      assertThat(factor.assess(Profile.withOverdueActions(Profile.calm().context(), 3)).points()).isEqualTo(5);
    }
  }

  @Nested
  @DisplayName("schedule overlap")
  class ScheduleOverlap {
    private final RiskFactor factor = RiskFactors.scheduleOverlap();

    @Test
    @DisplayName("counts overlaps on the service as one and on dependencies as half, naming them")
    void counts() {
      assertContribution(factor, Profile.calm(), 0,
          "no other change scheduled on payments or its dependencies at the same time");
      assertContribution(factor, Profile.calm().withOverlaps(1, 1), 3.75,
          "overlaps 2 other changes: CHG-S0 on payments and CHG-D0 on ledger");
      assertContribution(factor, Profile.calm().withOverlaps(0, 1), 1.25, "overlaps 1 other change: CHG-D0 on ledger");
    }

    @Test
    @DisplayName("scores every overlap from the counts, also those past the nearest few it names")
    void countsBeyondTheNearest() {
      RiskFactor slow = RiskFactors.scheduleOverlap(10, 20);
      // 9 overlaps, 5 kept by name (CHG-S0, CHG-D0..D3): (1 + 0.5 * 8) / 20 of 10 points.
      assertContribution(slow, Profile.calm().withOverlaps(1, 8), 2.5,
          "overlaps 9 other changes: CHG-S0 on payments, CHG-D0 on ledger, CHG-D1 on ledger and 6 more");
      assertThat(Profile.calm().withOverlaps(1, 8).context().overlapping().nearest()).hasSize(5);
      assertContribution(factor, Profile.calm().withOverlaps(3000, 0), 5,
          "overlaps 3000 other changes: CHG-S0 on payments, CHG-S1 on payments, CHG-S2 on payments and 2997 more");
    }
  }

  @Nested
  @DisplayName("time of day")
  class TimeOfDay {
    private final RiskFactor factor = RiskFactors.timeOfDay();

    @Test
    @DisplayName("reads the planned start in the service's zone")
    void inServiceZone() {
      assertContribution(factor, Profile.calm().withStart(Instant.parse("2025-06-14T12:00:00Z")), 5,
          "Saturday 14:00 Europe/Berlin: weekend");
      assertContribution(factor, Profile.calm(), 0, "Tuesday 10:30 Europe/Berlin: business hours");
      assertContribution(factor, Profile.calm().withStart(Instant.parse("2025-06-11T20:15:00Z")), 3,
          "Wednesday 22:15 Europe/Berlin: outside business hours");
    }

    @Test
    @DisplayName("counts the end of business hours as outside them")
    void endIsExclusive() {
      assertThat(factor.assess(Profile.calm().withStart(Instant.parse("2025-06-10T16:00:00Z")).context()).points())
          .isEqualTo(3);
      assertThat(factor.assess(Profile.calm().withStart(Instant.parse("2025-06-10T06:00:00Z")).context()).points())
          .isZero();
    }

    @Test
    @DisplayName("counts an unknown service's start as the riskiest time, and says why")
    void unknownService() {
      assertContribution(factor, Profile.calm().withTier(Optional.empty()), 5,
          "Tuesday 08:30 UTC: service unknown, so its users' zone is too: counted as the riskiest time");
    }

    @Test
    @DisplayName("takes configured business hours and weekend days")
    void configured() {
      RiskFactor gulf = RiskFactors.timeOfDay(10, LocalTime.of(7, 0), LocalTime.of(15, 0),
          Set.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY));
      assertThat(gulf.assess(Profile.calm().withStart(Instant.parse("2025-06-13T08:00:00Z")).context()).points())
          .isEqualTo(10);
      assertThat(gulf.assess(Profile.calm().withStart(Instant.parse("2025-06-15T08:00:00Z")).context()).points())
          .isZero();
      assertThatThrownBy(() -> RiskFactors.timeOfDay(5, LocalTime.NOON, LocalTime.NOON, Set.of()))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  @DisplayName("pipeline evidence")
  class Evidence {
    private final RiskFactor factor = RiskFactors.pipelineEvidence();

    @Test
    @DisplayName("adds nothing when every check passed")
    void allPassed() {
      assertContribution(factor, Profile.calm(), 0, "tests, review and security scan passed");
      assertContribution(factor, Profile.calm().withEvidence(PASSED, PASSED, PASSED, Map.of("lint", PASSED)), 0,
          "tests, review and security scan and 1 other check passed");
    }

    @Test
    @DisplayName("adds half a check's share when it is missing and all of it when it failed")
    void missingAndFailed() {
      assertContribution(factor, Profile.calm().withEvidence(FAILED, MISSING, PASSED, Map.of()),
          15 * (0.4 + 0.3 / 2), "tests failed, review missing, security scan passed");
      assertContribution(factor, Profile.calm().withEvidence(MISSING, MISSING, MISSING, Map.of()),
          15 * 0.5, "tests missing, review missing, security scan missing");
      assertContribution(factor, Profile.calm().withEvidence(FAILED, FAILED, FAILED, Map.of("lint", FAILED)), 15,
          "tests failed, review failed, security scan failed, lint failed");
    }

    @Test
    @DisplayName("reaches its whole weight on the three main checks alone")
    void mainChecksReachTheWeight() {
      assertThat(factor.assess(Profile.calm().withEvidence(FAILED, FAILED, FAILED, Map.of()).context()).points())
          .isEqualTo(15);
    }

    @Test
    @DisplayName("scores the other checks by their worst result, on top of the main ones")
    void otherChecksByWorst() {
      assertContribution(factor,
          Profile.calm().withEvidence(PASSED, PASSED, PASSED, Map.of("lint", PASSED, "licences", FAILED)),
          15 * 0.15, "tests passed, review passed, security scan passed, licences failed, lint passed");
    }
  }

  @Nested
  @DisplayName("rollback plan")
  class Rollback {
    @Test
    @DisplayName("scores its whole weight when there is no plan")
    void noPlan() {
      assertContribution(RiskFactors.rollbackPlan(), Profile.calm(), 0, "rollback plan present");
      assertContribution(RiskFactors.rollbackPlan(), Profile.calm().withRollback(false), 10, "no rollback plan");
    }
  }

  @Test
  @DisplayName("refuses negative or non-finite weights and non-positive limits")
  void badConfiguration() {
    assertThatThrownBy(() -> RiskFactors.serviceTier(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("service-tier");
    assertThatThrownBy(() -> RiskFactors.rollbackPlan(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RiskFactors.pipelineEvidence(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RiskFactors.blastRadius(10, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RiskFactors.changeSize(10, 100, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RiskFactors.openWork(10, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RiskFactors.scheduleOverlap(10, -2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("describes itself by name and weight")
  void describesItself() {
    assertThat(RiskFactors.serviceTier()).hasToString("service-tier (weight 20)");
    assertThat(RiskFactors.serviceTier(12.5)).hasToString("service-tier (weight 12.5)");
  }
}
