package io.github.coexist.core.risk;

/**
 * Where the score's levels begin: a score below {@link #moderate()} is {@link RiskLevel#LOW}, from
 * it {@link RiskLevel#MODERATE}, from {@link #high()} {@link RiskLevel#HIGH}, and from
 * {@link #veryHigh()} {@link RiskLevel#VERY_HIGH}.
 *
 * @param moderate the lowest MODERATE score
 * @param high the lowest HIGH score
 * @param veryHigh the lowest VERY_HIGH score
 */
public record RiskThresholds(int moderate, int high, int veryHigh) {
  /** LOW &lt; 25 &le; MODERATE &lt; 50 &le; HIGH &lt; 75 &le; VERY_HIGH. */
  public static final RiskThresholds DEFAULT = new RiskThresholds(25, 50, 75);

  /** Throws {@link IllegalArgumentException} unless 0 &lt; moderate &lt; high &lt; veryHigh &le; 100. */
  public RiskThresholds {
    if (!(0 < moderate && moderate < high && high < veryHigh && veryHigh <= 100)) {
      throw new IllegalArgumentException("risk thresholds need 0 < moderate < high < very high <= 100, were "
          + moderate + ", " + high + ", " + veryHigh);
    }
  }

  /** The level {@code score} falls in. */
  public RiskLevel levelOf(int score) {
    if (score >= veryHigh) {
      return RiskLevel.VERY_HIGH;
    }
    if (score >= high) {
      return RiskLevel.HIGH;
    }
    return score >= moderate ? RiskLevel.MODERATE : RiskLevel.LOW;
  }
}
