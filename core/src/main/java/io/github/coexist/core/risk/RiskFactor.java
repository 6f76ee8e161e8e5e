package io.github.coexist.core.risk;

/**
 * SPI: one dimension of a change's risk. Users and vendors implement it to add their own (a
 * feature-flag coverage factor, a vendor's ML score) next to the built-in ones.
 *
 * <p>A factor is a pure function of the {@link RiskContext}: the same context always gives the
 * same contribution, and a context that is worse in this factor's dimension never gives fewer
 * points. It must be thread-safe and fast (it runs on every gate decision).
 */
public interface RiskFactor {

  /** A stable, kebab-case name, unique among the factors of one assessor ({@code blast-radius}). */
  String name();

  /** The most points this factor can add to the score. */
  double weight();

  /**
   * This factor's contribution to {@code context}'s risk: points between 0 and {@link #weight()},
   * and a one-line reason a person understands.
   */
  FactorContribution assess(RiskContext context);
}
