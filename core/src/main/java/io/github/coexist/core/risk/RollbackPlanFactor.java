package io.github.coexist.core.risk;

/** Whether the change can be backed out: no rollback plan scores the whole weight. */
final class RollbackPlanFactor extends BuiltInFactor {

  RollbackPlanFactor(double weight) {
    super("rollback-plan", weight);
  }

  @Override
  public FactorContribution assess(RiskContext context) {
    return context.request().rollbackPlan()
        ? contribution(0, "rollback plan present")
        : contribution(1, "no rollback plan");
  }
}
