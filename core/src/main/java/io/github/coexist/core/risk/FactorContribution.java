package io.github.coexist.core.risk;

import java.util.Objects;

/**
 * What one risk factor added to a change's risk score, and why, in one line a person understands
 * ("tier 1 service: business critical").
 *
 * @param factor the factor's stable name, such as {@code blast-radius}
 * @param points the points it added to the score, from 0 to its weight
 * @param weight the most points the factor can add
 * @param reason one sentence explaining the points
 */
public record FactorContribution(String factor, double points, double weight, String reason) {
  public FactorContribution {
    Objects.requireNonNull(factor, "factor");
    Objects.requireNonNull(reason, "reason");
    if (factor.isBlank()) {
      throw new IllegalArgumentException("a factor needs a name");
    }
    if (!(weight >= 0) || !(points >= 0) || points > weight + 1e-9) {
      throw new IllegalArgumentException(
          "factor " + factor + ": points must lie in [0, weight], were " + points + " of " + weight);
    }
  }
}
