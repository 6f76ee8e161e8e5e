package io.github.coexist.core.risk;

/**
 * Postmortem action items of the service still open after their due date: the lessons of its
 * last incidents are not applied yet, so a change to it meets the weaknesses that hurt it before.
 * Points reach the weight at {@code fullAt} overdue items.
 */
final class OverdueActionsFactor extends BuiltInFactor {
  private final double fullAt;

  OverdueActionsFactor(double weight, double fullAt) {
    super("overdue-actions", weight);
    this.fullAt = Config.positive(name(), "fullAt", fullAt);
  }

  @Override
  public FactorContribution assess(RiskContext context) {
    int overdue = context.overdueActions();
    String service = context.request().service().value();
    if (overdue == 0) {
      return contribution(0, "no overdue postmortem action items on " + service);
    }
    return contribution(overdue / fullAt, Text.count(overdue, "postmortem action item", "postmortem action items")
        + " overdue on " + service);
  }
}
