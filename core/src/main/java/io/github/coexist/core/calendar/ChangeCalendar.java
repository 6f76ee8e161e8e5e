package io.github.coexist.core.calendar;

import io.github.coexist.core.service.ServiceId;
import java.time.Instant;
import java.util.List;

/**
 * The change calendar: freeze and maintenance windows, global or per service, each in its own
 * zone and recurrence. Pure and thread-safe.
 */
public interface ChangeCalendar {

  /**
   * The occurrences of windows that apply to {@code service} (its own and the global ones) and
   * overlap [from, to), ordered by start.
   */
  List<WindowOccurrence> occurrences(ServiceId service, Instant from, Instant to);

  /** The freezes in force for {@code service} over [from, to). */
  default List<WindowOccurrence> freezes(ServiceId service, Instant from, Instant to) {
    return occurrences(service, from, to).stream().filter(o -> o.kind() == WindowKind.FREEZE).toList();
  }

  /** A calendar with no windows. */
  static ChangeCalendar empty() {
    return (service, from, to) -> List.of();
  }
}
