package io.github.coexist.core.kernel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.NullUnmarked;

/**
 * A {@link Clock} that moves only when it is moved: for tests, simulations and the demo, which
 * hand it to coexist where production code passes {@code Clock.systemUTC()}. Like Micrometer's
 * {@code MockClock}, it ships in core so that core's own tests, the compatibility kits and
 * integrators' tests share one.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.atMondayMorning();
 * Coexist coexist = Coexist.builder().clock(clock).build();
 * clock.advance(Duration.ofHours(4)); // an approval request expires, a freeze begins, ...
 * }</pre>
 *
 * <p>Thread-safe: the time may be read and moved from any thread, and every reader sees a move
 * once it has returned. {@link #withZone(ZoneId)} answers a view in another zone that shares this
 * clock's time, so moving either moves both.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public final class ManualClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock in UTC at {@code start}. */
  public ManualClock(Instant start) {
    this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /** A clock in UTC at 2026-03-02T09:00:00Z, a Monday morning. */
  public static ManualClock atMondayMorning() {
    return new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
  }

  /**
   * Moves the clock on by {@code by} and answers the new time.
   *
   * @throws IllegalArgumentException if {@code by} is negative: use {@link #set(Instant)} to go back
   */
  public Instant advance(Duration by) {
    Objects.requireNonNull(by, "by");
    if (by.isNegative()) {
      throw new IllegalArgumentException("a clock does not move backwards: " + by);
    }
    return now.updateAndGet(t -> t.plus(by));
  }

  /** Sets the clock to {@code to}, earlier or later. */
  public void set(Instant to) {
    now.set(Objects.requireNonNull(to, "to"));
  }

  /** The clock's current time. */
  @Override
  public Instant instant() {
    return now.get();
  }

  /** The clock's zone, UTC unless made with {@link #withZone(ZoneId)}. */
  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view of this clock in {@code zone}: it shares this clock's time and moves with it. */
  @Override
  public ManualClock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return zone.equals(this.zone) ? this : new ManualClock(now, zone);
  }

  @Override
  public String toString() {
    return "ManualClock[" + now.get() + "," + zone + "]";
  }
}
