package io.github.coexist.core.risk;

import io.github.coexist.core.service.Tier;

/**
 * How critical the service is: tier 1 scores the whole weight, each lower tier a third less, tier
 * 4 nothing. A service the directory does not know scores as tier 1, since nothing says it is safe.
 */
final class ServiceTierFactor extends BuiltInFactor {

  ServiceTierFactor(double weight) {
    super("service-tier", weight);
  }

  @Override
  public FactorContribution assess(RiskContext context) {
    return context.service()
        .map(service -> contribution(fraction(service.tier()), describe(service.tier())))
        .orElseGet(() -> contribution(1, context.request().service()
            + " is not in the service directory: treated as tier 1"));
  }

  private static double fraction(Tier tier) {
    return (Tier.TIER_4.rank() - tier.rank()) / (double) (Tier.TIER_4.rank() - Tier.TIER_1.rank());
  }

  private static String describe(Tier tier) {
    return switch (tier) {
      case TIER_1 -> "tier 1 service: business critical";
      case TIER_2 -> "tier 2 service: important";
      case TIER_3 -> "tier 3 service: supporting";
      case TIER_4 -> "tier 4 service: not critical";
    };
  }
}
