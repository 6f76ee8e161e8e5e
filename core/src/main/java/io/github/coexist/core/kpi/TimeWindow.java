package io.github.coexist.core.kpi;

import io.github.coexist.core.error.CoexistError;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import io.vavr.control.Either;

/**
 * A half-open span of time {@code [from, to)}: an event at {@code from} is inside, one at {@code to}
 * is not. KPIs keep times to the millisecond (finer parts are truncated).
 *
 * @param from the first instant inside
 * @param to the first instant after; never before {@code from}
 */
public record TimeWindow(Instant from, Instant to) {
  public TimeWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("a window cannot end (" + to + ") before it starts (" + from + ")");
    }
  }

  /** The window {@code [from, to)}, or the problem when {@code to} is before {@code from}. */
  public static Either<CoexistError, TimeWindow> of(Instant from, Instant to) {
    if (to.isBefore(from)) {
      return Either.left(CoexistError.invalid("the window's end " + to + " is before its start " + from));
    }
    return Either.right(new TimeWindow(from, to));
  }

  /** How long the window is. */
  public Duration length() {
    return Duration.between(from, to);
  }

  /** Whether {@code instant} lies inside. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(from) && instant.isBefore(to);
  }

  long fromMillis() {
    return from.toEpochMilli();
  }

  long toMillis() {
    return to.toEpochMilli();
  }
}
