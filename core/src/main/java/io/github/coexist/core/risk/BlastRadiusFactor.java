package io.github.coexist.core.risk;

/**
 * How many services depend on the changed one, directly or transitively: points grow in step with
 * the count and reach the weight at {@code fullAt} dependents.
 */
final class BlastRadiusFactor extends BuiltInFactor {
  private final double fullAt;

  BlastRadiusFactor(double weight, int fullAt) {
    super("blast-radius", weight);
    this.fullAt = Config.positive(name(), "fullAt", fullAt);
  }

  @Override
  public FactorContribution assess(RiskContext context) {
    int dependents = context.blastRadius().size();
    String service = context.request().service().value();
    if (dependents == 0) {
      return contribution(0, "no service depends on " + service);
    }
    String verb = dependents == 1 ? " depends on " : " depend on ";
    return contribution(dependents / fullAt,
        Text.count(dependents, "service", "services") + verb + service
            + " (" + Text.list(context.blastRadius()) + ")");
  }
}
