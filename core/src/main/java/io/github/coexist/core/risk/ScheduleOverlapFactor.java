package io.github.coexist.core.risk;

import io.github.coexist.core.risk.RiskContext.Overlap;
import io.github.coexist.core.risk.RiskContext.Overlaps;
import io.github.coexist.core.service.ServiceId;

/**
 * Other changes scheduled at the same time on the service or its dependencies: collisions make
 * failures likelier and harder to pin on one change. An overlap on the same service counts 1, one
 * on a dependency 0.5; points reach the weight at {@code fullAt}. It reads the counts of {@link
 * Overlaps}, so every overlap counts, also those not kept by name.
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
    Overlaps overlaps = context.overlapping();
    if (overlaps.isEmpty()) {
      return contribution(0, "no other change scheduled on " + service + " or its dependencies at the same time");
    }
    return contribution((overlaps.onService() + DEPENDENCY_WEIGHT * overlaps.onDependencies()) / fullAt,
        "overlaps " + Text.count(overlaps.count(), "other change", "other changes") + ": "
            + Text.list(overlaps.nearest().stream().map(ScheduleOverlapFactor::describe).toList(), overlaps.count()));
  }

  private static String describe(Overlap overlap) {
    return overlap.changeId() + " on " + overlap.service();
  }
}
