package io.github.coexist.app.demo;

import io.github.coexist.core.kernel.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * The story's timetable: what happens when, run in time order on the hand-moved clock. Beats at
 * the same time run in the order they were planned, so a run never depends on anything but the
 * plan. A beat may plan further beats; one planned in the past runs now (the clock never goes
 * back). Not thread-safe: the story runs on one thread.
 */
final class Agenda {
  private record Beat(Instant at, long order, Runnable action) {}

  private final ManualClock clock;
  private final PriorityQueue<Beat> beats = new PriorityQueue<>(
      Comparator.comparing(Beat::at).thenComparingLong(Beat::order));
  private long planned;

  Agenda(ManualClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Plans {@code action} at {@code at}. */
  void at(Instant at, Runnable action) {
    Instant when = at.isBefore(clock.instant()) ? clock.instant() : at;
    beats.add(new Beat(when, planned++, action));
  }

  /** Plans {@code action} {@code after} from now. */
  void after(Duration after, Runnable action) {
    at(clock.instant().plus(after), action);
  }

  /** Runs every beat, moving the clock to each, and {@code afterEach} after each one. */
  void run(Runnable afterEach) {
    while (!beats.isEmpty()) {
      Beat next = beats.poll();
      if (next.at().isAfter(clock.instant())) {
        clock.set(next.at());
      }
      next.action().run();
      afterEach.run();
    }
  }
}
