package io.github.coexist.core.risk;

/**
 * Turns a {@link RiskContext} into a {@link RiskAssessment}: runs every {@link RiskFactor},
 * scores, then lets an ordered rule layer force a level (first match wins). Pure and thread-safe.
 */
@FunctionalInterface
public interface RiskAssessor {

  /** The assessment of {@code context}; the same context always gives the same assessment. */
  RiskAssessment assess(RiskContext context);
}
