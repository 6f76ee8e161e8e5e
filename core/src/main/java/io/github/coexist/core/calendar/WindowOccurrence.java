package io.github.coexist.core.calendar;

import java.time.Instant;
import java.util.Objects;

/**
 * One occurrence of a calendar window, as instants: for example this week's "Friday 16:00 to
 * Monday 08:00 Europe/Berlin" freeze.
 *
 * @param window the window's name
 * @param kind freeze or maintenance
 * @param start when this occurrence begins (inclusive)
 * @param end when it ends (exclusive)
 */
public record WindowOccurrence(String window, WindowKind kind, Instant start, Instant end) {
  public WindowOccurrence {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("a window occurrence must end after it starts");
    }
  }

  /** Whether {@code at} lies in [start, end). */
  public boolean contains(Instant at) {
    return !at.isBefore(start) && at.isBefore(end);
  }

  /** Whether [from, to) overlaps this occurrence. */
  public boolean overlaps(Instant from, Instant to) {
    return from.isBefore(end) && start.isBefore(to);
  }
}
