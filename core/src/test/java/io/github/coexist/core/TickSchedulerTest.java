package io.github.coexist.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TickSchedulerTest {
  private static final Instant T0 = Instant.parse("2025-03-04T10:00:00Z");

  /** A clock whose first {@code failures} readings throw, as a bug in a tick would. */
  private static final class FailingClock extends Clock {
    private final AtomicInteger failures;
    private final AtomicInteger readings = new AtomicInteger();

    FailingClock(int failures) {
      this.failures = new AtomicInteger(failures);
    }

    @Override
    public Instant instant() {
      readings.incrementAndGet();
      if (failures.getAndDecrement() > 0) {
        throw new IllegalStateException("a bug in this tick");
      }
      return T0;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  @Test
  @DisplayName("ticks on its own schedule, and a tick that fails does not stop the ones after it")
  void failedTickDoesNotStopTheSchedule() throws InterruptedException {
    FailingClock clock = new FailingClock(0);
    try (Coexist coexist = Coexist.builder().clock(clock).build()) {
      clock.failures.set(1);
      try (TickScheduler ticking = TickScheduler.start(coexist, Duration.ofMillis(10))) {
        await(() -> ticking.last().isPresent());
        assertThat(ticking.last()).hasValueSatisfying(tick -> assertThat(tick.at()).isEqualTo(T0));
        assertThat(clock.failures.get()).isNegative();
      }
    }
  }

  @Test
  @DisplayName("tickNow ticks at once, and after close nothing ticks any more")
  void tickNowAndClose() throws InterruptedException {
    FailingClock clock = new FailingClock(0);
    try (Coexist coexist = Coexist.builder().clock(clock).build()) {
      TickScheduler ticking = TickScheduler.start(coexist, Duration.ofHours(1));
      ticking.tickNow();
      await(() -> ticking.last().isPresent());
      assertThat(ticking.last()).isPresent();
      ticking.close();
      int readings = clock.readings.get();
      ticking.tickNow();
      Thread.sleep(50);
      assertThat(clock.readings.get()).isEqualTo(readings);
    }
  }

  @Test
  @DisplayName("refuses an interval that is not positive")
  void positiveInterval() {
    try (Coexist coexist = Coexist.builder().clock(Clock.fixed(T0, ZoneOffset.UTC)).build()) {
      assertThatThrownBy(() -> TickScheduler.start(coexist, Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
