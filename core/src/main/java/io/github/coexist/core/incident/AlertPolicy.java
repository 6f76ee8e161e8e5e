package io.github.coexist.core.incident;

import java.time.Duration;
import java.util.Objects;

/**
 * How the incident desk treats monitoring alerts.
 *
 * <p>An alert whose status changed (fired after clearing, or cleared after firing) at least
 * {@code flapThreshold} times within {@code flapWindow} is flapping: while it flaps, its clears
 * do not resolve the incident and its firings fold into the one incident instead of opening new
 * ones. A firing alert whose last incident was resolved less than {@code reopenWindow} ago reopens
 * that incident instead of opening another.
 *
 * @param autoResolve whether an alert that clears resolves its incident (never a major incident)
 * @param flapWindow how far back status changes are counted
 * @param flapThreshold how many status changes within the window make an alert flap; at least 2
 * @param reopenWindow how long after resolution a firing alert reopens rather than opens; zero
 *     never reopens
 */
public record AlertPolicy(
    boolean autoResolve, Duration flapWindow, int flapThreshold, Duration reopenWindow) {

  public AlertPolicy {
    Objects.requireNonNull(flapWindow, "flapWindow");
    Objects.requireNonNull(reopenWindow, "reopenWindow");
    if (flapWindow.isNegative() || flapWindow.isZero()) {
      throw new IllegalArgumentException("the flap window must be positive, was " + flapWindow);
    }
    if (flapThreshold < 2) {
      throw new IllegalArgumentException("the flap threshold must be at least 2, was " + flapThreshold);
    }
    if (reopenWindow.isNegative()) {
      throw new IllegalArgumentException("the reopen window must not be negative, was " + reopenWindow);
    }
  }

  /** Auto-resolve on; flapping at 4 status changes within 30 minutes; reopen within 30 minutes. */
  public static AlertPolicy defaults() {
    return new AlertPolicy(true, Duration.ofMinutes(30), 4, Duration.ofMinutes(30));
  }

  /** This policy with auto-resolve switched on or off. */
  public AlertPolicy withAutoResolve(boolean on) {
    return new AlertPolicy(on, flapWindow, flapThreshold, reopenWindow);
  }

  /** This policy with another flapping rule. */
  public AlertPolicy withFlapping(int threshold, Duration window) {
    return new AlertPolicy(autoResolve, window, threshold, reopenWindow);
  }

  /** This policy with another reopen window. */
  public AlertPolicy withReopenWindow(Duration window) {
    return new AlertPolicy(autoResolve, flapWindow, flapThreshold, window);
  }
}
