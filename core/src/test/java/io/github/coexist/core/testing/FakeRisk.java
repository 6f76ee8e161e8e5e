package io.github.coexist.core.testing;

import io.github.coexist.core.risk.FactorContribution;
import io.github.coexist.core.risk.RiskAssessment;
import io.github.coexist.core.risk.RiskAssessor;
import io.github.coexist.core.risk.RiskContext;
import io.github.coexist.core.risk.RiskLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A risk assessor for tests: the level is set per service (low unless set), the score follows
 * the level, two fixed factors explain it, and every context it sees is kept for assertions.
 */
public final class FakeRisk implements RiskAssessor {
  private final Map<String, RiskLevel> levels = new ConcurrentHashMap<>();
  private final List<RiskContext> seen = new CopyOnWriteArrayList<>();
  private volatile boolean record = true;

  public FakeRisk level(String service, RiskLevel level) {
    levels.put(service, level);
    return this;
  }

  /** Stops keeping contexts (for many-call tests). */
  public FakeRisk forget() {
    record = false;
    return this;
  }

  public List<RiskContext> seen() {
    return new ArrayList<>(seen);
  }

  public RiskContext last() {
    return seen.get(seen.size() - 1);
  }

  @Override
  public RiskAssessment assess(RiskContext context) {
    if (record) {
      seen.add(context);
    }
    RiskLevel level = levels.getOrDefault(context.request().service().value(), RiskLevel.LOW);
    int score = switch (level) {
      case LOW -> 12;
      case MODERATE -> 40;
      case HIGH -> 65;
      case VERY_HIGH -> 90;
    };
    return of(level, score);
  }

  /** An assessment at {@code level} with two explaining factors. */
  public static RiskAssessment of(RiskLevel level, int score) {
    double size = Math.min(score, 30);
    double radius = Math.min(score - size, 20);
    return new RiskAssessment(score, level, List.of(
        new FactorContribution("change-size", size, 30, "120 lines in 4 files"),
        new FactorContribution("blast-radius", radius, 20, "2 services depend on it"),
        new FactorContribution("time-of-day", 0, 10, "business hours")), Optional.empty());
  }
}
