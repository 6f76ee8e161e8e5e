package io.github.coexist.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.service.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StandardRiskAssessorTest {
  private static final EvidenceStatus FAILED = EvidenceStatus.FAILED;

  /** A factor computing its contribution with {@code assess}, for tests of the assessor itself. */
  private static RiskFactor factor(String name, double weight, Function<RiskContext, FactorContribution> assess) {
    return new RiskFactor() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public double weight() {
        return weight;
      }

      @Override
      public FactorContribution assess(RiskContext context) {
        return assess.apply(context);
      }
    };
  }

  private static RiskFactor fixed(String name, double weight, double points) {
    return factor(name, weight, ctx -> new FactorContribution(name, points, weight, name + " says " + points));
  }

  private static Profile worst() {
    return Profile.calm().withTier(Optional.empty()).withDependents(20).withSize(80, 5000).withHistory(5, 5)
        .withOpenWork(3, 1).withOverlaps(2, 0).withStart(Instant.parse("2025-06-14T12:00:00Z"))
        .withEvidence(FAILED, FAILED, FAILED, Map.of()).withRollback(false).withStagingFailures(2);
  }

  @Nested
  @DisplayName("with the default factors")
  class Defaults {
    private final StandardRiskAssessor assessor = StandardRiskAssessor.defaults();

    @Test
    @DisplayName("scores a calm change low, explained factor by factor")
    void calm() {
      RiskAssessment a = assessor.assess(Profile.calm().context());
      assertThat(a.score()).isEqualTo(1);
      assertThat(a.level()).isEqualTo(RiskLevel.LOW);
      assertThat(a.forcedBy()).isEmpty();
      assertThat(a.contributions()).extracting(FactorContribution::factor)
          .containsExactlyElementsOf(RiskFactors.defaults().stream().map(RiskFactor::name).toList());
      assertThat(a.explanation()).containsExactly("change-size +1: 10 lines in 1 file: small change");
    }

    @Test
    @DisplayName("scores the worst change 100, every factor in full")
    void worstChange() {
      RiskAssessment a = assessor.assess(Profile.withOverdueActions(worst().context(), 2));
      assertThat(a.score()).isEqualTo(100);
      assertThat(a.level()).isEqualTo(RiskLevel.VERY_HIGH);
      assertThat(a.contributions()).allSatisfy(c -> assertThat(c.points()).isEqualTo(c.weight()));
      assertThat(a.explanation().get(0))
          .isEqualTo("service-tier +20: payments is not in the service directory: treated as tier 1");
    }

    @Test
    @DisplayName("keeps the default weights as they are, since they add up to 100")
    void weightsUnchanged() {
      RiskAssessment a = assessor.assess(Profile.calm().context());
      assertThat(a.contributions()).extracting(FactorContribution::weight)
          .containsExactly(20.0, 10.0, 10.0, 10.0, 5.0, 5.0, 5.0, 5.0, 5.0, 15.0, 10.0);
    }

    @Test
    @DisplayName("lands a typical tier 1 change in MODERATE")
    void typicalTierOne() {
      RiskAssessment a = assessor.assess(Profile.calm().withTier(Optional.of(Tier.TIER_1)).withDependents(3)
          .withSize(6, 120).withHistory(20, 1).context());
      // tier 20 + blast 3 + size 10*sqrt(6/50)=3.46 + failure 10*0.05/0.4=1.25 = 27.71
      assertThat(a.score()).isEqualTo(28);
      assertThat(a.level()).isEqualTo(RiskLevel.MODERATE);
      assertThat(a.contributions()).extracting(FactorContribution::points)
          .containsExactly(20.0, 3.0, 4.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    }
  }

  @Nested
  @DisplayName("scoring")
  class Scoring {
    @Test
    @DisplayName("rounds contributions so that they add up to the score shown")
    void contributionsAddUp() {
      // Scaled weights 34, 33, 33; half points each: 17 + 16.5 + 16.5 = 50. Rounding each on its
      // own would show 17 + 17 + 17 = 51 next to a score of 50.
      StandardRiskAssessor assessor = StandardRiskAssessor.builder()
          .factor(fixed("a", 1, 0.5)).factor(fixed("b", 1, 0.5)).factor(fixed("c", 1, 0.5)).build();
      RiskAssessment a = assessor.assess(Profile.calm().context());
      assertThat(a.score()).isEqualTo(50);
      assertThat(a.contributions()).extracting(FactorContribution::weight).containsExactly(34.0, 33.0, 33.0);
      assertThat(a.contributions()).extracting(FactorContribution::points).containsExactly(17.0, 17.0, 16.0);
      assertThat(a.level()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    @DisplayName("rounds the score half up")
    void halfUp() {
      StandardRiskAssessor assessor = StandardRiskAssessor.builder()
          .factor(fixed("a", 50, 12.25)).factor(fixed("b", 50, 0.25)).build();
      RiskAssessment a = assessor.assess(Profile.calm().context());
      assertThat(a.score()).isEqualTo(13);
      assertThat(a.contributions()).extracting(FactorContribution::points).containsExactly(13.0, 0.0);
    }

    @Test
    @DisplayName("scales weights that do not add up to 100")
    void scales() {
      StandardRiskAssessor assessor = StandardRiskAssessor.builder()
          .factor(fixed("big", 3, 3)).factor(fixed("small", 1, 0)).build();
      RiskAssessment a = assessor.assess(Profile.calm().context());
      assertThat(a.contributions()).extracting(FactorContribution::weight).containsExactly(75.0, 25.0);
      assertThat(a.score()).isEqualTo(75);
    }

    @Test
    @DisplayName("scores 0 when no factor has weight")
    void noWeight() {
      StandardRiskAssessor assessor = StandardRiskAssessor.builder().factor(fixed("nothing", 0, 0)).build();
      RiskAssessment a = assessor.assess(Profile.calm().context());
      assertThat(a.score()).isZero();
      assertThat(a.level()).isEqualTo(RiskLevel.LOW);
      assertThat(StandardRiskAssessor.builder().build().assess(Profile.calm().context()).contributions()).isEmpty();
    }
  }

  @Nested
  @DisplayName("rules")
  class Rules {
    private final RiskRule noRollback = RiskRule.of("no rollback", ctx -> !ctx.request().rollbackPlan(), RiskLevel.HIGH);
    private final RiskRule unknownService = RiskRule.of("unknown service", ctx -> ctx.service().isEmpty(), RiskLevel.VERY_HIGH);
    private final RiskRule tinyChange = RiskRule.of("tiny change", ctx -> ctx.request().size().linesChanged() < 5, RiskLevel.LOW);

    @Test
    @DisplayName("the first rule that matches forces the level, and the score stays")
    void firstMatchWins() {
      StandardRiskAssessor assessor = StandardRiskAssessor.builder().factors(RiskFactors.defaults())
          .rule(noRollback).rule(unknownService).build();
      RiskAssessment a = assessor.assess(Profile.calm().withRollback(false).withTier(Optional.empty()).context());
      assertThat(a.level()).isEqualTo(RiskLevel.HIGH);
      assertThat(a.forcedBy()).contains("no rollback");
      assertThat(a.score()).isEqualTo(StandardRiskAssessor.defaults()
          .assess(Profile.calm().withRollback(false).withTier(Optional.empty()).context()).score());
    }

    @Test
    @DisplayName("a later rule applies when the earlier ones do not match")
    void laterRule() {
      StandardRiskAssessor assessor = StandardRiskAssessor.builder().factors(RiskFactors.defaults())
          .rule(noRollback).rule(unknownService).build();
      RiskAssessment a = assessor.assess(Profile.calm().withTier(Optional.empty()).context());
      assertThat(a.level()).isEqualTo(RiskLevel.VERY_HIGH);
      assertThat(a.forcedBy()).contains("unknown service");
    }

    @Test
    @DisplayName("with no match the level comes from the score")
    void noMatch() {
      StandardRiskAssessor assessor = StandardRiskAssessor.builder().factors(RiskFactors.defaults())
          .rule(noRollback).build();
      RiskAssessment a = assessor.assess(Profile.calm().context());
      assertThat(a.level()).isEqualTo(RiskLevel.LOW);
      assertThat(a.forcedBy()).isEmpty();
    }

    @Test
    @DisplayName("a rule may force a level lower than the score's")
    void lowers() {
      StandardRiskAssessor assessor = StandardRiskAssessor.builder().factors(RiskFactors.defaults())
          .rule(tinyChange).build();
      RiskAssessment a = assessor.assess(worst().withSize(1, 2).context());
      assertThat(a.score()).isGreaterThanOrEqualTo(75);
      assertThat(a.level()).isEqualTo(RiskLevel.LOW);
      assertThat(a.forcedBy()).contains("tiny change");
    }

    @Test
    @DisplayName("a rule that throws is passed over")
    void throwingRule() {
      StandardRiskAssessor assessor = StandardRiskAssessor.builder().factors(RiskFactors.defaults())
          .rule(RiskRule.of("broken", ctx -> {
            throw new IllegalStateException("boom");
          }, RiskLevel.LOW))
          .rule(noRollback).build();
      RiskAssessment a = assessor.assess(Profile.calm().withRollback(false).context());
      assertThat(a.forcedBy()).contains("no rollback");
    }

    @Test
    @DisplayName("a rule needs a name")
    void namedRule() {
      assertThatThrownBy(() -> RiskRule.of(" ", ctx -> true, RiskLevel.LOW)).isInstanceOf(IllegalArgumentException.class);
      assertThat(noRollback).hasToString("RiskRule[no rollback -> HIGH]");
    }
  }

  @Nested
  @DisplayName("misbehaving factors")
  class Misbehaving {
    @Test
    @DisplayName("a factor that throws counts in full, with a reason, and the others still count")
    void throwing() {
      StandardRiskAssessor assessor = StandardRiskAssessor.builder()
          .factor(factor("flaky", 50, ctx -> {
            throw new IllegalStateException("remote down");
          }))
          .factor(fixed("steady", 50, 10)).build();
      RiskAssessment a = assessor.assess(Profile.calm().context());
      assertThat(a.contributions().get(0))
          .isEqualTo(new FactorContribution("flaky", 50, 50, "could not be assessed (IllegalStateException): counted in full"));
      assertThat(a.contributions().get(1).points()).isEqualTo(10);
      assertThat(a.score()).isEqualTo(60);
    }

    @Test
    @DisplayName("a factor that returns nothing counts in full")
    void returnsNull() {
      StandardRiskAssessor assessor = StandardRiskAssessor.builder().factor(factor("silent", 10, ctx -> null)).build();
      RiskAssessment a = assessor.assess(Profile.calm().context());
      assertThat(a.score()).isEqualTo(100);
      assertThat(a.contributions().get(0).reason()).isEqualTo("could not be assessed (no result): counted in full");
    }

    @Test
    @DisplayName("a factor that returns more than its weight is capped at it")
    void capped() {
      StandardRiskAssessor assessor = StandardRiskAssessor.builder()
          .factor(factor("greedy", 5, ctx -> new FactorContribution("greedy", 8, 10, "too much")))
          .factor(fixed("other", 5, 0)).build();
      RiskAssessment a = assessor.assess(Profile.calm().context());
      assertThat(a.contributions().get(0))
          .isEqualTo(new FactorContribution("greedy", 50, 50, "too much (capped at the factor's weight)"));
      assertThat(a.score()).isEqualTo(50);
    }

    @Test
    @DisplayName("a contribution carries the factor's configured name, whatever the factor wrote")
    void configuredName() {
      StandardRiskAssessor assessor = StandardRiskAssessor.builder()
          .factor(factor("real-name", 10, ctx -> new FactorContribution("other-name", 5, 10, "half"))).build();
      assertThat(assessor.assess(Profile.calm().context()).contributions().get(0).factor()).isEqualTo("real-name");
    }
  }

  @Nested
  @DisplayName("configuration")
  class Configuration {
    @Test
    @DisplayName("two factors with the same name are refused")
    void duplicateFactors() {
      assertThatThrownBy(() -> StandardRiskAssessor.builder()
          .factors(RiskFactors.defaults()).factor(RiskFactors.serviceTier(5)).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("service-tier");
    }

    @Test
    @DisplayName("two rules with the same name are refused")
    void duplicateRules() {
      assertThatThrownBy(() -> StandardRiskAssessor.builder()
          .rules(List.of(RiskRule.of("r", c -> true, RiskLevel.LOW), RiskRule.of("r", c -> false, RiskLevel.HIGH)))
          .build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("r");
    }

    @Test
    @DisplayName("a factor with a negative weight is refused")
    void negativeWeight() {
      assertThatThrownBy(() -> StandardRiskAssessor.builder().factor(fixed("minus", -1, 0)).build())
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("custom thresholds set the levels")
    void customThresholds() {
      StandardRiskAssessor assessor = StandardRiskAssessor.builder()
          .factor(fixed("f", 100, 30)).thresholds(new RiskThresholds(10, 20, 30)).build();
      assertThat(assessor.assess(Profile.calm().context()).level()).isEqualTo(RiskLevel.VERY_HIGH);
      assertThat(assessor.thresholds()).isEqualTo(new RiskThresholds(10, 20, 30));
    }
  }

  @Test
  @DisplayName("thresholds cut scores into levels at their lower bounds")
  void thresholds() {
    RiskThresholds t = RiskThresholds.DEFAULT;
    assertThat(List.of(0, 24, 25, 49, 50, 74, 75, 100)).extracting(t::levelOf).containsExactly(
        RiskLevel.LOW, RiskLevel.LOW, RiskLevel.MODERATE, RiskLevel.MODERATE,
        RiskLevel.HIGH, RiskLevel.HIGH, RiskLevel.VERY_HIGH, RiskLevel.VERY_HIGH);
    assertThatThrownBy(() -> new RiskThresholds(0, 50, 75)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RiskThresholds(50, 50, 75)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RiskThresholds(25, 50, 101)).isInstanceOf(IllegalArgumentException.class);
  }
}
