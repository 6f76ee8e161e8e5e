package io.github.coexist.core.risk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standard {@link RiskAssessor}: a weighted sum of {@link RiskFactor}s, cut into levels by
 * {@link RiskThresholds}, and an ordered list of {@link RiskRule}s that can force a level (first
 * match wins, like ServiceNow's risk conditions).
 *
 * <h2>How the score is made</h2>
 *
 * <ol>
 *   <li>The factors' weights are scaled to add up to 100 and rounded to whole points by the
 *       largest-remainder method (weights that already add up to 100 in whole numbers, like the
 *       defaults, stay as they are). That is each factor's {@link FactorContribution#weight()} in
 *       the assessment.
 *   <li>Each factor's points, as a fraction of its own weight, are applied to its scaled weight.
 *   <li>The score is the sum of these, rounded half up.
 *   <li>The contributions are rounded to whole points by the largest-remainder method so that
 *       <em>they add up to the score exactly</em>: what a person reads on the change ("tier +20,
 *       blast radius +4, ...") adds up to the score shown next to it.
 * </ol>
 *
 * <p>A context that is worse in any factor's dimension never scores lower, as long as the factors
 * themselves are monotone (the built-in ones are). The same context always gives the same
 * assessment.
 *
 * <h2>Misbehaving factors</h2>
 *
 * A factor must never break the gate. One that throws, or returns nothing, counts its whole
 * weight (an unknown must not make a change look safer) with a reason saying it could not be
 * assessed; one that returns more points than its weight is capped at its weight. Both are logged
 * at WARN. A rule whose condition throws is logged and treated as not matching.
 *
 * <p>Immutable and thread-safe.
 */
public final class StandardRiskAssessor implements RiskAssessor {
  private static final Logger LOG = LoggerFactory.getLogger(StandardRiskAssessor.class);
  private static final int SCALE = 100;

  private final List<RiskFactor> factors;
  private final double[] weights;
  private final int[] scaledWeights;
  private final List<RiskRule> rules;
  private final RiskThresholds thresholds;

  private StandardRiskAssessor(Builder builder) {
    this.factors = List.copyOf(builder.factors);
    this.weights = factors.stream().mapToDouble(f -> Config.weight(f.name(), f.weight())).toArray();
    this.scaledWeights = scale(weights);
    this.rules = List.copyOf(builder.rules);
    this.thresholds = builder.thresholds;
  }

  /** A builder with no factors, no rules and {@link RiskThresholds#DEFAULT}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The built-in factors ({@link RiskFactors#defaults()}), no rules, default thresholds. */
  public static StandardRiskAssessor defaults() {
    return builder().factors(RiskFactors.defaults()).build();
  }

  @Override
  public RiskAssessment assess(RiskContext context) {
    Objects.requireNonNull(context, "context");
    double[] exact = new double[factors.size()];
    String[] reasons = new String[factors.size()];
    double sum = 0;
    for (int i = 0; i < factors.size(); i++) {
      Scored scored = score(factors.get(i), weights[i], context);
      exact[i] = Apportionment.snap(scored.fraction() * scaledWeights[i]);
      reasons[i] = scored.reason();
      sum += exact[i];
    }
    int score = Math.min(SCALE, Apportionment.roundHalfUp(sum));
    int[] points = Apportionment.apportion(exact, score);
    List<FactorContribution> contributions = new ArrayList<>(factors.size());
    for (int i = 0; i < factors.size(); i++) {
      contributions.add(new FactorContribution(factors.get(i).name(), points[i], scaledWeights[i], reasons[i]));
    }
    Optional<RiskRule> forcing = firstMatch(context);
    return new RiskAssessment(score,
        forcing.map(RiskRule::level).orElseGet(() -> thresholds.levelOf(score)),
        contributions,
        forcing.map(RiskRule::name));
  }

  /** The factors, in the order they run. */
  public List<RiskFactor> factors() {
    return factors;
  }

  /** The rules, in the order they are tried. */
  public List<RiskRule> rules() {
    return rules;
  }

  /** Where the levels begin. */
  public RiskThresholds thresholds() {
    return thresholds;
  }

  @Override
  public String toString() {
    return "StandardRiskAssessor[factors=" + factors + ", rules=" + rules + ", thresholds=" + thresholds + "]";
  }

  /** A factor's verdict as a fraction of its weight, in [0, 1]. */
  private record Scored(double fraction, String reason) {}

  private static Scored score(RiskFactor factor, double weight, RiskContext context) {
    FactorContribution contribution;
    try {
      contribution = factor.assess(context);
    } catch (RuntimeException e) {
      LOG.warn("risk factor {} failed; counting its whole weight", factor.name(), e);
      return new Scored(1, "could not be assessed (" + e.getClass().getSimpleName() + "): counted in full");
    }
    if (contribution == null) {
      LOG.warn("risk factor {} returned no contribution; counting its whole weight", factor.name());
      return new Scored(1, "could not be assessed (no result): counted in full");
    }
    if (weight == 0) {
      return new Scored(0, contribution.reason());
    }
    if (contribution.points() > weight) {
      LOG.warn("risk factor {} gave {} points, more than its weight {}; capped",
          factor.name(), contribution.points(), weight);
      return new Scored(1, contribution.reason() + " (capped at the factor's weight)");
    }
    return new Scored(contribution.points() / weight, contribution.reason());
  }

  private Optional<RiskRule> firstMatch(RiskContext context) {
    for (RiskRule rule : rules) {
      try {
        if (rule.condition().test(context)) {
          return Optional.of(rule);
        }
      } catch (RuntimeException e) {
        LOG.warn("risk rule '{}' failed; treated as not matching", rule.name(), e);
      }
    }
    return Optional.empty();
  }

  /** The weights scaled to whole numbers adding up to 100 (all zero when every weight is). */
  private static int[] scale(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    if (total == 0) {
      return new int[weights.length];
    }
    double[] shares = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      shares[i] = Apportionment.snap(weights[i] * SCALE / total);
      sum += shares[i];
    }
    // The snapped shares add up to 100 give or take rounding; apportion to exactly 100.
    return Apportionment.apportion(shares, Math.min(SCALE, Apportionment.roundHalfUp(sum)));
  }

  /**
   * Builds a {@link StandardRiskAssessor}. Configuration mistakes (two factors or rules with the
   * same name, a negative weight) throw {@link IllegalArgumentException} from {@link #build()}.
   */
  public static final class Builder {
    private final List<RiskFactor> factors = new ArrayList<>();
    private final List<RiskRule> rules = new ArrayList<>();
    private RiskThresholds thresholds = RiskThresholds.DEFAULT;

    private Builder() {}

    /** Adds a factor; factors run in the order added. */
    public Builder factor(RiskFactor factor) {
      factors.add(Objects.requireNonNull(factor, "factor"));
      return this;
    }

    /** Adds every factor of {@code factors}, in order. */
    public Builder factors(Iterable<? extends RiskFactor> factors) {
      factors.forEach(this::factor);
      return this;
    }

    /** Adds a rule after those already added; the first rule that matches wins. */
    public Builder rule(RiskRule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Adds every rule of {@code rules}, in order. */
    public Builder rules(Iterable<RiskRule> rules) {
      rules.forEach(this::rule);
      return this;
    }

    /** Where the levels begin; {@link RiskThresholds#DEFAULT} unless set. */
    public Builder thresholds(RiskThresholds thresholds) {
      this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
      return this;
    }

    /** The assessor; throws {@link IllegalArgumentException} on a configuration mistake. */
    public StandardRiskAssessor build() {
      requireUnique("factor", factors.stream().map(RiskFactor::name).toList());
      requireUnique("rule", rules.stream().map(RiskRule::name).toList());
      for (RiskFactor factor : factors) {
        if (factor.name() == null || factor.name().isBlank()) {
          throw new IllegalArgumentException("every risk factor needs a name: " + factor);
        }
      }
      return new StandardRiskAssessor(this);
    }

    private static void requireUnique(String what, List<String> names) {
      Set<String> seen = new HashSet<>();
      List<String> duplicates = names.stream().filter(n -> !seen.add(n)).distinct().toList();
      if (!duplicates.isEmpty()) {
        throw new IllegalArgumentException("each " + what + " name must be unique; repeated: " + duplicates);
      }
    }
  }
}
