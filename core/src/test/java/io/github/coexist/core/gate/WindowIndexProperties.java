package io.github.coexist.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.risk.RiskContext;
import io.github.coexist.core.service.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The time index of planned windows against the obvious model, a list scanned in full: after
 * random puts, moves, removals and expiries, every count and every nearest few agree.
 */
class WindowIndexProperties {
  private static final Instant T0 = Instant.parse("2025-03-04T10:00:00Z");
  private static final ServiceId SHOP = ServiceId.of("shop");
  private static final int CHANGES = 24;

  /** What the model keeps of one window. */
  private record Kept(RiskContext.Overlap overlap) {}

  @Test
  @DisplayName("counts and the nearest overlaps agree with a full scan after every step")
  void agreesWithFullScan() {
    qt().withExamples(300)
        .forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 120))
        .checkAssert(WindowIndexProperties::run);
  }

  private static void run(List<Integer> steps) {
    Tracked[] changes = new Tracked[CHANGES];
    for (int i = 0; i < CHANGES; i++) {
      changes[i] = new Tracked(IdempotencyKey.of("k-" + i), ChangeId.of(String.format("ch-%08d", i)));
    }
    WindowIndex index = new WindowIndex();
    Map<Tracked, Kept> model = new LinkedHashMap<>();
    for (int step : steps) {
      Tracked t = changes[step % CHANGES];
      int op = (step / CHANGES) % 8;
      int a = (step / (CHANGES * 8)) % 240;
      int length = 1 + (step / (CHANGES * 8 * 240)) % 90;
      if (op < 5) {
        RiskContext.Overlap window = new RiskContext.Overlap(t.id.value(), SHOP, minute(a), minute(a + length));
        index.put(t, window);
        Kept old = model.get(t);
        if (old == null || !old.overlap().equals(window)) {
          model.remove(t);
          model.put(t, new Kept(window));
        }
      } else if (op < 7) {
        index.remove(t);
        model.remove(t);
      } else {
        index.dropEndedBy(minute(a / 4));
        model.values().removeIf(k -> !k.overlap().end().isAfter(minute(a / 4)));
      }
      assertThat(index.size()).isEqualTo(model.size());
      Instant from = minute(a / 2);
      Instant to = from.plus(Duration.ofMinutes(length));
      assertThat(index.count(from, to)).isEqualTo(naiveOverlapping(model, from, to, null).size());
      assertNearest(index.nearest(from, to, from, 5, t), model, from, to, from, t, 5);
      assertNearest(index.nearest(Instant.MIN, Instant.MAX, to, 3, null), model, Instant.MIN, Instant.MAX, to, null, 3);
    }
  }

  private static Instant minute(int m) {
    return T0.plus(Duration.ofMinutes(m));
  }

  private static List<Kept> naiveOverlapping(Map<Tracked, Kept> model, Instant from, Instant to, Tracked excluding) {
    List<Kept> found = new ArrayList<>();
    model.forEach((t, k) -> {
      if (t != excluding && k.overlap().start().isBefore(to) && k.overlap().end().isAfter(from)) {
        found.add(k);
      }
    });
    return found;
  }

  /**
   * The windows found are overlapping ones, but {@code excluding}'s, each once, and as near
   * {@code at} as the {@code k} nearest of a full scan (which of two as near is kept is not
   * specified).
   */
  private static void assertNearest(List<WindowIndex.Window> found, Map<Tracked, Kept> model, Instant from,
      Instant to, Instant at, Tracked excluding, int k) {
    List<Kept> overlapping = naiveOverlapping(model, from, to, excluding);
    assertThat(found).hasSize(Math.min(k, overlapping.size())).doesNotHaveDuplicates();
    assertThat(ids(found)).isSubsetOf(overlapping.stream().map(kept -> kept.overlap().changeId()).toList());
    assertThat(found.stream().map(w -> Duration.between(w.start(), at).abs()).sorted().toList())
        .isEqualTo(overlapping.stream().map(kept -> Duration.between(kept.overlap().start(), at).abs()).sorted()
            .limit(k).toList());
  }

  private static List<String> ids(List<WindowIndex.Window> windows) {
    return windows.stream().map(w -> w.overlap().changeId()).toList();
  }
}
