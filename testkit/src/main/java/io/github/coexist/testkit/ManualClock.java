package io.github.coexist.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A UTC clock that moves only when it is moved: for tests, simulations and the demo, which hand it
 * to coexist instead of {@code Clock.systemUTC()}. Thread-safe.
 */
public final class ManualClock extends Clock {
  private volatile Instant now;

  /** A clock at {@code start}. */
  public ManualClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /** A clock at 2026-03-02T09:00:00Z, a Monday morning. */
  public static ManualClock atMondayMorning() {
    return new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
  }

  /** Moves the clock on by {@code by} (not backwards) and answers the new time. */
  public synchronized Instant advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("a clock does not move backwards: " + by);
    }
    now = now.plus(by);
    return now;
  }

  /** Sets the clock to {@code to}, earlier or later. */
  public synchronized void set(Instant to) {
    now = Objects.requireNonNull(to, "to");
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public String toString() {
    return "ManualClock[" + now + "]";
  }
}
