package io.github.coexist.core.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.support.Results;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Dedup and flapping over random alert streams. */
class AlertProperties {

  record Signal(int key, boolean firing, int secondsAfter, boolean autoResolve) {}

  private static Gen<List<Signal>> streams() {
    return lists().of(integers().between(0, 2).zip(booleans().all(), integers().between(0, 1800), booleans().all(),
        Signal::new)).ofSizeBetween(1, 60);
  }

  @Test
  @DisplayName("whatever alerts arrive, each key has at most one open incident and every alert is accounted for")
  void oneOpenIncidentPerKey() {
    qt().withExamples(200).forAll(streams(), booleans().all()).checkAssert((stream, autoResolve) -> {
      ManualClock clock = ManualClock.atMondayMorning();
      IncidentDesk desk = Fixtures.desk(clock).alertPolicy(AlertPolicy.defaults().withAutoResolve(autoResolve)).build();
      Instant at = clock.instant();
      int firing = 0;
      for (Signal signal : stream) {
        at = at.plusSeconds(signal.secondsAfter());
        clock.set(at);
        Alert alert = Fixtures.alert("key-" + signal.key(), signal.firing() ? "firing" : "resolved", at);
        AlertOutcome outcome = Results.right(desk.raise(alert));
        firing += signal.firing() ? 1 : 0;
        switch (outcome.kind()) {
          case OPENED, FOLDED, REOPENED -> assertThat(signal.firing()).isTrue();
          case RESOLVED, CLEAR_RECORDED, SUPPRESSED_FLAPPING, NO_OPEN_INCIDENT -> assertThat(signal.firing()).isFalse();
          case STALE -> throw new AssertionError("alerts arrive in order here, none is stale");
        }
        if (outcome.kind() == AlertOutcome.Kind.RESOLVED) {
          assertThat(autoResolve).isTrue();
        }
        outcome.incident().ifPresent(i -> assertThat(i.alerts().orElseThrow().correlationKey())
            .isEqualTo(alert.correlationKey()));
        Map<String, Long> openPerKey = desk.openIncidents().stream()
            .collect(Collectors.groupingBy(i -> i.alerts().orElseThrow().correlationKey(), Collectors.counting()));
        assertThat(openPerKey.values()).allMatch(count -> count == 1);
        if (signal.firing()) {
          assertThat(openPerKey).containsKey(alert.correlationKey());
        }
      }
      int folded = desk.incidents().stream().mapToInt(i -> i.alerts().orElseThrow().count()).sum();
      assertThat(folded).isEqualTo(firing);
      assertThat(desk.incidents().size()).isLessThanOrEqualTo(firing);
    });
  }
}
