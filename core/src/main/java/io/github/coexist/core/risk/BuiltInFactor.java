package io.github.coexist.core.risk;

/**
 * What the built-in factors share: a name, a weight checked at construction, and turning a
 * fraction of the weight into a {@link FactorContribution}. Each subclass only says how bad its
 * dimension of the context is (0 to 1) and why.
 */
abstract class BuiltInFactor implements RiskFactor {
  private final String name;
  private final double weight;

  BuiltInFactor(String name, double weight) {
    this.name = name;
    this.weight = Config.weight(name, weight);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final double weight() {
    return weight;
  }

  /** {@code fraction} (clamped to [0, 1]) of the weight, explained by {@code reason}. */
  final FactorContribution contribution(double fraction, String reason) {
    double clamped = Math.max(0, Math.min(1, fraction));
    return new FactorContribution(name, weight * clamped, weight, reason);
  }

  @Override
  public final String toString() {
    return name + " (weight " + Text.number(weight) + ")";
  }
}
