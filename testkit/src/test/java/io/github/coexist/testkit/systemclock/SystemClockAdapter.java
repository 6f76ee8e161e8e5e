package io.github.coexist.testkit.systemclock;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** An adapter that reads the system clock through {@link Clock} instead of the one it was given. */
public final class SystemClockAdapter {
  private final Clock clock;

  private SystemClockAdapter(Clock clock) {
    this.clock = clock;
  }

  Instant utc() {
    return Clock.systemUTC().instant();
  }

  Instant local() {
    return Clock.systemDefaultZone().instant();
  }

  Instant berlin() {
    return Clock.system(ZoneId.of("Europe/Berlin")).instant();
  }

  /** Builds the adapter; defaulting the clock here is allowed, an integrator can replace it. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();

    /** Sets the clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The adapter. */
    public SystemClockAdapter build() {
      return new SystemClockAdapter(clock);
    }
  }
}
