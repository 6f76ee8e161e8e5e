package io.github.coexist.micrometer;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.gate.ChangeListener;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.kernel.ChangeId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts the gate's decisions by outcome and authority, and times each final one from the change's
 * creation. The gate tells a listener every move of a change, several times per decision (a vote,
 * a sync), so a decision counts when a change's outcome differs from the last one heard for it.
 * The last outcomes are remembered for the {@value #REMEMBERED} most recently moved changes.
 */
final class DecisionMeters implements ChangeListener {
  static final String DECISIONS = "coexist.gate.decisions";
  static final String DECISION_TIME = "coexist.gate.decision.time";
  static final int REMEMBERED = 10_000;
  /** Buckets for the decision time: automatic answers take no time, a CAB takes days. */
  private static final Duration[] BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1),
      Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4), Duration.ofDays(1),
      Duration.ofDays(3)};

  private final MeterRegistry registry;
  private final TagCap authorities = new TagCap(CoexistMetrics.MAX_TAG_VALUES);
  private final Map<ChangeId, Decision.Outcome> last = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<ChangeId, Decision.Outcome> eldest) {
      return size() > REMEMBERED;
    }
  };

  DecisionMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void changed(TrackedChange tracked) {
    Change change = tracked.change();
    Decision decision = change.decision();
    if (!moved(change.id(), decision.outcome())) {
      return;
    }
    String outcome = decision.outcome().name().toLowerCase(Locale.ROOT);
    String authority = authorities.admit(decision.authority().orElse("none"));
    Counter.builder(DECISIONS).description("The gate's decisions, by outcome and the authority that decided")
        .tag("outcome", outcome).tag("authority", authority).register(registry).increment();
    if (!decision.isPending()) {
      Duration waited = Duration.between(change.createdAt(), decision.decidedAt());
      Timer.builder(DECISION_TIME)
          .description("From a change's creation to its final decision (the approval wait)")
          .tag("outcome", outcome).tag("authority", authority)
          .serviceLevelObjectives(BUCKETS)
          .register(registry).record(waited.isNegative() ? Duration.ZERO : waited);
    }
  }

  /** Whether {@code outcome} is news for {@code change}, remembering it. */
  private boolean moved(ChangeId change, Decision.Outcome outcome) {
    synchronized (last) {
      return last.put(change, outcome) != outcome;
    }
  }
}
