package io.github.coexist.core.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when a test moves it. Thread-safe. */
public final class ManualClock extends Clock {
  private volatile Instant now;

  public ManualClock(Instant start) {
    this.now = start;
  }

  /** A clock at 2026-03-02T09:00:00Z, a Monday. */
  public static ManualClock atMondayMorning() {
    return new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
  }

  public synchronized Instant advance(Duration by) {
    now = now.plus(by);
    return now;
  }

  public synchronized void set(Instant to) {
    now = to;
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
}
