/**
 * Risk assessment: the {@link io.github.coexist.core.risk.RiskFactor} SPI, the built-in factors,
 * the ordered rule layer that can force a level, and the explained
 * {@link io.github.coexist.core.risk.RiskAssessment} it produces.
 */
package io.github.coexist.core.risk;
