package io.github.coexist.core.risk;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * One condition of the ordered rule layer, like a ServiceNow risk condition: when
 * {@link #condition()} holds for a context, the assessment's level is forced to {@link #level()}
 * whatever the score says. Rules run in order and the first that matches wins; the score and the
 * contributions stay as the factors gave them, and the assessment names the rule in
 * {@link RiskAssessment#forcedBy()}.
 *
 * <pre>{@code
 * new RiskRule("critical service without rollback",
 *     ctx -> !ctx.request().rollbackPlan()
 *         && ctx.service().map(s -> s.tier() == Tier.TIER_1).orElse(true),
 *     RiskLevel.VERY_HIGH)
 * }</pre>
 *
 * <p>A forced level may be lower than the scored one (a rule for documentation-only changes, say).
 * The condition must be pure and thread-safe; one that throws is treated as not matching.
 *
 * @param name a short name people see on the change ("critical service without rollback")
 * @param condition when the rule applies
 * @param level the level it forces
 */
public record RiskRule(String name, Predicate<RiskContext> condition, RiskLevel level) {
  public RiskRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(level, "level");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a risk rule needs a name");
    }
  }

  /** The rule called {@code name} that forces {@code level} when {@code condition} holds. */
  public static RiskRule of(String name, Predicate<RiskContext> condition, RiskLevel level) {
    return new RiskRule(name, condition, level);
  }

  @Override
  public String toString() {
    return "RiskRule[" + name + " -> " + level + "]";
  }
}
