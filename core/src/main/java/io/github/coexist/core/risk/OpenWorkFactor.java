package io.github.coexist.core.risk;

/**
 * Open incidents and problems on the service: changing a service that is already hurting risks
 * making it worse and muddies the diagnosis. An incident counts 1, a problem 0.5; points reach the
 * weight at {@code fullAt}.
 */
final class OpenWorkFactor extends BuiltInFactor {
  private static final double PROBLEM_WEIGHT = 0.5;
  private final double fullAt;

  OpenWorkFactor(double weight, double fullAt) {
    super("open-work", weight);
    this.fullAt = Config.positive(name(), "fullAt", fullAt);
  }

  @Override
  public FactorContribution assess(RiskContext context) {
    int incidents = context.openIncidents();
    int problems = context.openProblems();
    String service = context.request().service().value();
    if (incidents == 0 && problems == 0) {
      return contribution(0, "no open incidents or problems on " + service);
    }
    return contribution((incidents + PROBLEM_WEIGHT * problems) / fullAt,
        Text.count(incidents, "open incident", "open incidents") + " and "
            + Text.count(problems, "open problem", "open problems") + " on " + service);
  }
}
