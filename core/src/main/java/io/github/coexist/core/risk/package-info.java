/**
 * Risk assessment: the {@link io.github.coexist.core.risk.RiskFactor} SPI, the built-in factors
 * ({@link io.github.coexist.core.risk.RiskFactors}), the ordered rule layer that can force a level
 * ({@link io.github.coexist.core.risk.RiskRule}), and the explained
 * {@link io.github.coexist.core.risk.RiskAssessment} that
 * {@link io.github.coexist.core.risk.StandardRiskAssessor} produces.
 *
 * <pre>{@code
 * RiskAssessor assessor = StandardRiskAssessor.builder()
 *     .factors(RiskFactors.defaults())
 *     .factor(new FeatureFlagCoverage())          // your own RiskFactor
 *     .rule(RiskRule.of("unknown service", ctx -> ctx.service().isEmpty(), RiskLevel.VERY_HIGH))
 *     .build();
 * RiskAssessment risk = assessor.assess(context);  // score 0-100, level, one reason per factor
 * }</pre>
 *
 * <p>The score is monotone (a context worse in one factor's dimension never scores lower),
 * deterministic, and explained: the contributions add up to the score exactly.
 */
@NullMarked
package io.github.coexist.core.risk;

import org.jspecify.annotations.NullMarked;
