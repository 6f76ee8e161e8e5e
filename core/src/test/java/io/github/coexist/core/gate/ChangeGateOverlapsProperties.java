package io.github.coexist.core.gate;

import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.coexist.core.risk.RiskContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * However many changes a new one overlaps, its decision and its tracked view name at most
 * {@value RiskContext.Overlaps#NEAREST}, count all exactly, and the ones named are as near its
 * planned start as the nearest of all.
 */
class ChangeGateOverlapsProperties {
  private static final Duration NEW_AT = Duration.ofMinutes(150);
  private static final Duration NEW_LENGTH = Duration.ofMinutes(60);

  @Test
  @DisplayName("a change names at most the nearest few overlaps and counts every one")
  void boundedAndExact() {
    // Each number plans one change on shop: start in minutes from now, length in minutes.
    qt().withExamples(60)
        .forAll(lists().of(integers().between(0, 300 * 200 - 1)).ofSizeBetween(0, 80))
        .checkAssert(ChangeGateOverlapsProperties::check);
  }

  private static void check(List<Integer> plans) {
    GateFixture fx = new GateFixture();
    ChangeGate gate = fx.gate();
    Instant t0 = fx.now();
    Instant from = t0.plus(NEW_AT);
    Instant to = from.plus(NEW_LENGTH);
    int overlapping = 0;
    for (int i = 0; i < plans.size(); i++) {
      Instant start = t0.plusSeconds(60L * (plans.get(i) % 300));
      Instant end = start.plusSeconds(60L * (1 + plans.get(i) / 300));
      gate.decide(deploy("k-" + i, "shop").plannedStart(start).plannedDuration(Duration.between(start, end))).get();
      overlapping += start.isBefore(to) && end.isAfter(from) ? 1 : 0;
    }
    List<Duration> all = gate.changes().stream().map(TrackedChange::change)
        .filter(c -> c.plannedStart().isBefore(to) && c.plannedEnd().isAfter(from))
        .map(c -> Duration.between(c.plannedStart(), from).abs()).sorted().toList();

    GateDecision d = gate.decide(deploy("k-new", "shop").plannedStart(from).plannedDuration(NEW_LENGTH)).get();

    RiskContext.Overlaps conflicts = d.conflicts();
    assertThat(conflicts.count()).isEqualTo(overlapping).isEqualTo(all.size());
    assertThat(conflicts.nearest()).hasSize(Math.min(overlapping, RiskContext.Overlaps.NEAREST));
    assertThat(conflicts.nearest().stream().map(o -> Duration.between(o.start(), from).abs()).sorted().toList())
        .isEqualTo(all.subList(0, conflicts.nearest().size()));
    assertThat(gate.change(d.change().id()).orElseThrow().conflicts()).isEqualTo(conflicts);
    assertThat(d.decision().reasons().stream().filter(r -> r.startsWith("conflicts with")).count())
        .isEqualTo(conflicts.nearest().size() + (conflicts.more() > 0 ? 1 : 0));
  }
}
