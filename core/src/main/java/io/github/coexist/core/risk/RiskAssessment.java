package io.github.coexist.core.risk;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of assessing a change's risk: a score from 0 to 100, its level, and every factor's
 * contribution with its reason, so the decision can be explained factor by factor.
 *
 * @param score 0 (no risk) to 100 (highest risk)
 * @param level the level the score falls in, or the level a rule forced
 * @param contributions every factor's contribution, in the order the factors ran; with
 *     {@link StandardRiskAssessor} they are whole points on the score's scale (their weights add
 *     up to 100) and add up to the score exactly
 * @param forcedBy the name of the rule that forced {@link #level()}, when one did
 */
public record RiskAssessment(
    int score, RiskLevel level, List<FactorContribution> contributions, Optional<String> forcedBy) {
  public RiskAssessment {
    Objects.requireNonNull(level, "level");
    contributions = List.copyOf(contributions);
    Objects.requireNonNull(forcedBy, "forcedBy");
    if (score < 0 || score > 100) {
      throw new IllegalArgumentException("a risk score lies in [0, 100], was " + score);
    }
  }

  /** One line per factor that added points, highest first, for comments and dashboards. */
  public List<String> explanation() {
    // A loop rather than a stream: the gate explains every decision, and there are a handful of factors.
    FactorContribution[] adding = new FactorContribution[contributions.size()];
    int count = 0;
    for (FactorContribution c : contributions) {
      if (c.points() > 0) {
        // Insertion sort, highest first; stable, so equal points keep the factors' order.
        int i = count++;
        while (i > 0 && Double.compare(c.points(), adding[i - 1].points()) > 0) {
          adding[i] = adding[i - 1];
          i--;
        }
        adding[i] = c;
      }
    }
    String[] lines = new String[count];
    for (int i = 0; i < count; i++) {
      FactorContribution c = adding[i];
      lines[i] = c.factor() + " +" + Math.round(c.points()) + ": " + c.reason();
    }
    return List.of(lines);
  }
}
