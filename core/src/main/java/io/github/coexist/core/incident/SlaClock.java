package io.github.coexist.core.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One SLA clock of one incident at one moment: the response clock (opening to acknowledgement) or
 * the resolution clock (opening to resolution, paused while on hold).
 *
 * @param kind response or resolution
 * @param target the time allowed by the incident's current priority
 * @param elapsed the working time counted so far
 * @param paused the time spent on hold, which does not count
 * @param remaining what is left of the target; zero once breached
 * @param breached whether the elapsed time went past the target
 * @param phase whether the clock runs, is paused, or has stopped
 * @param dueAt when it breaches if it keeps running: empty unless it is running and not yet breached
 */
public record SlaClock(
    Kind kind,
    Duration target,
    Duration elapsed,
    Duration paused,
    Duration remaining,
    boolean breached,
    Phase phase,
    Optional<Instant> dueAt) {

  /** The two clocks of an incident. */
  public enum Kind {
    /** Opening to first response. */
    RESPONSE,
    /** Opening to resolution. */
    RESOLUTION
  }

  /** Whether a clock is counting. */
  public enum Phase {
    /** Counting. */
    RUNNING,
    /** On hold: not counting, will resume. */
    PAUSED,
    /** Met or ended: responded, resolved, closed or canceled. */
    STOPPED
  }

  public SlaClock {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(paused, "paused");
    Objects.requireNonNull(remaining, "remaining");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(dueAt, "dueAt");
  }
}
