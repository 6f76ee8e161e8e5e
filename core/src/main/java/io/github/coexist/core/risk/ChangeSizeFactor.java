package io.github.coexist.core.risk;

import io.github.coexist.core.delivery.ChangeSize;

/**
 * How big the change is. Lines and files each give a fraction that grows with the square root of
 * the size (the first hundred lines matter more than the thousandth), full at {@code linesFullAt}
 * lines or {@code filesFullAt} files; the larger of the two counts.
 */
final class ChangeSizeFactor extends BuiltInFactor {
  private final double linesFullAt;
  private final double filesFullAt;

  ChangeSizeFactor(double weight, int linesFullAt, int filesFullAt) {
    super("change-size", weight);
    this.linesFullAt = Config.positive(name(), "linesFullAt", linesFullAt);
    this.filesFullAt = Config.positive(name(), "filesFullAt", filesFullAt);
  }

  @Override
  public FactorContribution assess(RiskContext context) {
    ChangeSize size = context.request().size();
    if (size.equals(ChangeSize.UNKNOWN)) {
      return contribution(0, "size not reported: 0 lines in 0 files");
    }
    double fraction = Math.max(
        Math.sqrt(Math.min(1, size.linesChanged() / linesFullAt)),
        Math.sqrt(Math.min(1, size.filesChanged() / filesFullAt)));
    return contribution(fraction,
        Text.count(size.linesChanged(), "line", "lines") + " in "
            + Text.count(size.filesChanged(), "file", "files") + ": " + label(fraction) + " change");
  }

  private static String label(double fraction) {
    if (fraction < 0.25) {
      return "small";
    }
    if (fraction < 0.5) {
      return "medium";
    }
    return fraction < 0.75 ? "large" : "very large";
  }
}
