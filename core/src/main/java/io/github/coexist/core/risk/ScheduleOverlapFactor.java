package io.github.coexist.core.risk;

import io.github.coexist.core.risk.RiskContext.Overlap;
import io.github.coexist.core.service.ServiceId;

/**
 * Other changes scheduled at the same time on the service or its dependencies: collisions make
 * failures likelier and harder to pin on one change. An overlap on the same service counts 1, one
 * on a dependency 0.5; points reach the weight at {@code fullAt}.
 */
final class ScheduleOverlapFactor extends BuiltInFactor {
  private static final double DEPENDENCY_WEIGHT = 0.5;
  private final double fullAt;

  ScheduleOverlapFactor(double weight, double fullAt) {
    super("schedule-overlap", weight);
    this.fullAt = Config.positive(name(), "fullAt", fullAt);
  }

  @Override
  public FactorContribution assess(RiskContext context) {
    ServiceId service = context.request().service();
    if (context.overlapping().isEmpty()) {
      return contribution(0, "no other change scheduled on " + service + " or its dependencies at the same time");
    }
    long same = context.overlapping().stream().filter(o -> o.service().equals(service)).count();
    long onDependencies = context.overlapping().size() - same;
    return contribution((same + DEPENDENCY_WEIGHT * onDependencies) / fullAt,
        "overlaps " + Text.count(context.overlapping().size(), "other change", "other changes") + ": "
            + Text.list(context.overlapping().stream().map(ScheduleOverlapFactor::describe).toList()));
  }

  private static String describe(Overlap overlap) {
    return overlap.changeId() + " on " + overlap.service();
  }
}
