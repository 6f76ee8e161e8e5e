package io.github.coexist.core.risk;

import io.github.coexist.core.risk.RiskContext.RecentChanges;

/**
 * How often the service's recent changes failed: points grow in step with the failure rate and
 * reach the weight at {@code fullAtRate}. A service with no recent changes has no track record,
 * so it is scored as if its rate were {@code assumedRate}.
 */
final class FailureRateFactor extends BuiltInFactor {
  private final double fullAtRate;
  private final double assumedRate;

  FailureRateFactor(double weight, double fullAtRate, double assumedRate) {
    super("recent-failure-rate", weight);
    this.fullAtRate = Config.fraction(name(), "fullAtRate", Config.positive(name(), "fullAtRate", fullAtRate));
    this.assumedRate = Config.fraction(name(), "assumedRate", assumedRate);
  }

  @Override
  public FactorContribution assess(RiskContext context) {
    RecentChanges recent = context.recentChanges();
    String window = "in the last " + Text.duration(recent.window());
    return recent.failureRate()
        .map(rate -> contribution(rate / fullAtRate,
            recent.failed() + " of " + Text.count(recent.total(), "change", "changes") + " failed "
                + window + " (" + Text.percent(rate) + ")"))
        .orElseGet(() -> contribution(assumedRate / fullAtRate,
            "no changes " + window + ": no track record, assumed " + Text.percent(assumedRate)
                + " failing"));
  }
}
