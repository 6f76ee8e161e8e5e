package io.github.coexist.core.risk;

/**
 * Checks on the configuration of factors and assessors. Bad configuration is a programming or
 * start-up error, so it throws {@link IllegalArgumentException} rather than returning an error.
 */
final class Config {
  private Config() {}

  /** {@code weight} when it is a finite number of at least 0. */
  static double weight(String factor, double weight) {
    if (!Double.isFinite(weight) || weight < 0) {
      throw new IllegalArgumentException(
          "factor " + factor + ": weight must be a finite number >= 0, was " + weight);
    }
    return weight;
  }

  /** {@code value} when it is a finite number above 0. */
  static double positive(String factor, String what, double value) {
    if (!Double.isFinite(value) || value <= 0) {
      throw new IllegalArgumentException(
          "factor " + factor + ": " + what + " must be above 0, was " + value);
    }
    return value;
  }

  /** {@code value} when it lies in [0, 1]. */
  static double fraction(String factor, String what, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(
          "factor " + factor + ": " + what + " must lie in [0, 1], was " + value);
    }
    return value;
  }
}
