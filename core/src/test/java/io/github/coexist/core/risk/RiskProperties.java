package io.github.coexist.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.service.Tier;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/** Properties of the standard assessor over generated contexts. */
class RiskProperties {
  private static final int EXAMPLES = 200;
  private static final StandardRiskAssessor DEFAULTS = StandardRiskAssessor.defaults();

  private static final Gen<Optional<Tier>> TIERS =
      Generate.enumValues(Tier.class).toOptionals(15);
  private static final Gen<EvidenceStatus> STATUSES = Generate.enumValues(EvidenceStatus.class);
  private static final Gen<Map<String, EvidenceStatus>> OTHER_CHECKS = Generate.pick(List.of(
      Map.<String, EvidenceStatus>of(),
      Map.of("lint", EvidenceStatus.PASSED),
      Map.of("lint", EvidenceStatus.MISSING),
      Map.of("lint", EvidenceStatus.FAILED, "licences", EvidenceStatus.PASSED)));
  private static final Gen<ZoneId> ZONES = Generate.pick(List.of(
      ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"), ZoneId.of("UTC")));
  private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

  /** Contexts across every dimension, from calm to worse than any factor's limit. */
  private static final Gen<Profile> PROFILES = random -> {
    int total = SourceDSL.integers().between(0, 40).generate(random);
    return new Profile(
        TIERS.generate(random),
        ZONES.generate(random),
        SourceDSL.integers().between(0, 15).generate(random),
        SourceDSL.integers().between(0, 80).generate(random),
        SourceDSL.integers().between(0, 4000).generate(random),
        total,
        SourceDSL.integers().between(0, total).generate(random),
        SourceDSL.integers().between(0, 4).generate(random),
        SourceDSL.integers().between(0, 4).generate(random),
        SourceDSL.integers().between(0, 3).generate(random),
        SourceDSL.integers().between(0, 3).generate(random),
        EPOCH.plus(Duration.ofMinutes(SourceDSL.integers().between(0, 60 * 24 * 366).generate(random))),
        STATUSES.generate(random),
        STATUSES.generate(random),
        STATUSES.generate(random),
        OTHER_CHECKS.generate(random),
        SourceDSL.booleans().all().generate(random),
        SourceDSL.integers().between(0, 2).generate(random));
  };

  /** The ways of making a context worse in exactly one dimension (or leaving it as bad as it is). */
  private enum Worsening {
    TIER, BLAST_RADIUS, FILES, LINES, FAILED_OF_SAME, ONE_MORE_FAILED, INCIDENTS, PROBLEMS,
    OVERLAP_ON_SERVICE, OVERLAP_ON_DEPENDENCY, TESTS, REVIEW, SCAN, OTHER_CHECK, ROLLBACK_REMOVED,
    FAILED_ELSEWHERE;

    Profile apply(Profile p, int amount) {
      return switch (this) {
        case TIER -> p.withTier(p.tier().flatMap(t -> t == Tier.TIER_1 ? Optional.empty()
            : Optional.of(Tier.values()[Math.max(0, t.ordinal() - amount)])));
        case BLAST_RADIUS -> p.withDependents(p.dependents() + amount);
        case FILES -> p.withSize(p.files() + amount, p.lines());
        case LINES -> p.withSize(p.files(), p.lines() + amount * 97);
        case FAILED_OF_SAME -> p.withHistory(p.total(), Math.min(p.total(), p.failed() + amount));
        case ONE_MORE_FAILED -> p.withHistory(p.total() + 1, p.failed() + 1);
        case INCIDENTS -> p.withOpenWork(p.incidents() + amount, p.problems());
        case PROBLEMS -> p.withOpenWork(p.incidents(), p.problems() + amount);
        case OVERLAP_ON_SERVICE -> p.withOverlaps(p.sameServiceOverlaps() + amount, p.dependencyOverlaps());
        case OVERLAP_ON_DEPENDENCY -> p.withOverlaps(p.sameServiceOverlaps(), p.dependencyOverlaps() + amount);
        case TESTS -> p.withEvidence(worse(p.tests()), p.review(), p.scan(), p.otherChecks());
        case REVIEW -> p.withEvidence(p.tests(), worse(p.review()), p.scan(), p.otherChecks());
        case SCAN -> p.withEvidence(p.tests(), p.review(), worse(p.scan()), p.otherChecks());
        case OTHER_CHECK -> p.withEvidence(p.tests(), p.review(), p.scan(), withWorseCheck(p.otherChecks()));
        case ROLLBACK_REMOVED -> p.withRollback(false);
        case FAILED_ELSEWHERE -> p.withStagingFailures(p.stagingFailures() + amount);
      };
    }

    /** PASSED to MISSING to FAILED. */
    private static EvidenceStatus worse(EvidenceStatus s) {
      return s == EvidenceStatus.PASSED ? EvidenceStatus.MISSING : EvidenceStatus.FAILED;
    }

    /** One more check that did not pass, or the first check one step worse. */
    private static Map<String, EvidenceStatus> withWorseCheck(Map<String, EvidenceStatus> checks) {
      Map<String, EvidenceStatus> worse = new TreeMap<>(checks);
      if (worse.isEmpty()) {
        worse.put("new-check", EvidenceStatus.MISSING);
      } else {
        String first = worse.keySet().iterator().next();
        worse.put(first, worse(worse.get(first)));
      }
      return worse;
    }
  }

  @Test
  @DisplayName("worsening any one dimension of a context never lowers the score")
  void monotone() {
    qt().withExamples(EXAMPLES * 3)
        .forAll(PROFILES, Generate.enumValues(Worsening.class), SourceDSL.integers().between(1, 5))
        .checkAssert((profile, worsening, amount) -> {
          Profile worse = worsening.apply(profile, amount);
          assertThat(DEFAULTS.assess(worse.context()).score())
              .as("%s by %d of %s", worsening, amount, profile)
              .isGreaterThanOrEqualTo(DEFAULTS.assess(profile.context()).score());
        });
  }

  @Test
  @DisplayName("worsening a dimension never lowers the score under any weights either")
  void monotoneUnderAnyWeights() {
    Gen<StandardRiskAssessor> assessors = random -> StandardRiskAssessor.builder()
        .factor(RiskFactors.serviceTier(SourceDSL.integers().between(0, 40).generate(random)))
        .factor(RiskFactors.blastRadius(SourceDSL.integers().between(0, 40).generate(random), 7))
        .factor(RiskFactors.changeSize(SourceDSL.doubles().between(0, 40).generate(random), 1000, 30))
        .factor(RiskFactors.recentFailureRate(SourceDSL.integers().between(0, 40).generate(random), 0.3, 0.2))
        .factor(RiskFactors.openWork(SourceDSL.doubles().between(0, 40).generate(random), 3))
        .factor(RiskFactors.scheduleOverlap(SourceDSL.integers().between(0, 40).generate(random), 1))
        .factor(RiskFactors.pipelineEvidence(SourceDSL.integers().between(0, 40).generate(random)))
        .factor(RiskFactors.rollbackPlan(SourceDSL.doubles().between(0, 40).generate(random)))
        .build();
    qt().withExamples(EXAMPLES * 2)
        .forAll(assessors, PROFILES, Generate.enumValues(Worsening.class), SourceDSL.integers().between(1, 5))
        .checkAssert((assessor, profile, worsening, amount) -> {
          RiskAssessment before = assessor.assess(profile.context());
          RiskAssessment after = assessor.assess(worsening.apply(profile, amount).context());
          assertThat(after.score()).as("%s by %d", worsening, amount).isGreaterThanOrEqualTo(before.score());
          assertAddsUp(before);
          assertAddsUp(after);
        });
  }

  @Test
  @DisplayName("the contributions add up to the score, each within its weight, the weights to 100")
  void contributionsExplainTheScore() {
    qt().withExamples(EXAMPLES).forAll(PROFILES).checkAssert(profile -> assertAddsUp(DEFAULTS.assess(profile.context())));
  }

  @Test
  @DisplayName("the score lies in [0, 100] and, without rules, gives the level")
  void scoreInRange() {
    qt().withExamples(EXAMPLES).forAll(PROFILES).checkAssert(profile -> {
      RiskAssessment a = DEFAULTS.assess(profile.context());
      assertThat(a.score()).isBetween(0, 100);
      assertThat(a.level()).isEqualTo(RiskThresholds.DEFAULT.levelOf(a.score()));
      assertThat(a.forcedBy()).isEmpty();
    });
  }

  @Test
  @DisplayName("the same context always gives the same assessment")
  void deterministic() {
    qt().withExamples(EXAMPLES).forAll(PROFILES).checkAssert(profile -> {
      RiskAssessment first = DEFAULTS.assess(profile.context());
      assertThat(StandardRiskAssessor.defaults().assess(profile.context())).isEqualTo(first);
      assertThat(DEFAULTS.assess(profile.context())).isEqualTo(first);
    });
  }

  private static void assertAddsUp(RiskAssessment a) {
    double total = 0;
    double weights = 0;
    for (FactorContribution c : a.contributions()) {
      assertThat(c.points()).as(c.factor()).isEqualTo(Math.rint(c.points())).isBetween(0.0, c.weight());
      total += c.points();
      weights += c.weight();
    }
    assertThat(total).isEqualTo(a.score());
    assertThat(weights).isIn(0.0, 100.0);
  }
}
