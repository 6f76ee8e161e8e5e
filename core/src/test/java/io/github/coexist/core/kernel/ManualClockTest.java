package io.github.coexist.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ManualClockTest {
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  @DisplayName("stands still until moved, then advances by what it is told and answers the new time")
  void advances() {
    ManualClock clock = ManualClock.atMondayMorning();
    assertThat(clock.instant()).isEqualTo(START).isEqualTo(clock.instant());
    assertThat(clock.advance(Duration.ofMinutes(90))).isEqualTo(START.plusSeconds(5400));
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(5400));
    assertThat(clock.millis()).isEqualTo(START.plusSeconds(5400).toEpochMilli());
  }

  @Test
  @DisplayName("refuses to advance backwards and keeps its time, but can be set back")
  void backwards() {
    ManualClock clock = new ManualClock(START);
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backwards");
    assertThat(clock.instant()).isEqualTo(START);
    clock.set(START.minusSeconds(60));
    assertThat(clock.instant()).isEqualTo(START.minusSeconds(60));
  }

  @Test
  @DisplayName("is in UTC, and a view in another zone shares its time")
  void zones() {
    ManualClock clock = new ManualClock(START);
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    ManualClock inBerlin = clock.withZone(berlin);
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(inBerlin.getZone()).isEqualTo(berlin);
    assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    clock.advance(Duration.ofHours(1));
    assertThat(inBerlin.instant()).isEqualTo(clock.instant());
    inBerlin.set(START);
    assertThat(clock.instant()).isEqualTo(START);
  }

  @Test
  @DisplayName("loses no move when many threads advance it at once")
  void threadSafe() throws Exception {
    ManualClock clock = new ManualClock(START);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> moves = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        moves.add(pool.submit(() -> {
          for (int j = 0; j < 1000; j++) {
            clock.advance(Duration.ofMillis(1));
          }
        }));
      }
      for (Future<?> move : moves) {
        move.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(clock.instant()).isEqualTo(START.plusMillis(4000));
  }
}
