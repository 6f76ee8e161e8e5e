package io.github.coexist.core.calendar;

import io.github.coexist.core.service.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
    List<WindowOccurrence> occurrences = occurrences(service, from, to);
    // Asked on every gate decision, and most often there is no window at all: nothing to filter.
    if (occurrences.isEmpty()) {
      return List.of();
    }
    return occurrences.stream().filter(o -> o.kind() == WindowKind.FREEZE).toList();
  }

  /**
   * The freezes in force over [from, to) for a change to {@code service} in {@code environment}:
   * those that name the environment, and, when it is a {@code production} one, those that name
   * none.
   */
  default List<WindowOccurrence> freezes(ServiceId service, String environment, boolean production,
      Instant from, Instant to) {
    return covering(WindowKind.FREEZE, occurrences(service, from, to), environment, production);
  }

  /**
   * The maintenance windows of {@code service} that cover {@code environment} (as {@link
   * #freezes(ServiceId, String, boolean, Instant, Instant)} covers it) and overlap [from, to).
   */
  default List<WindowOccurrence> maintenance(ServiceId service, String environment, boolean production,
      Instant from, Instant to) {
    return covering(WindowKind.MAINTENANCE, occurrences(service, from, to), environment, production);
  }

  private static List<WindowOccurrence> covering(WindowKind kind, List<WindowOccurrence> occurrences,
      String environment, boolean production) {
    if (occurrences.isEmpty()) {
      return List.of();
    }
    return occurrences.stream().filter(o -> o.kind() == kind && o.covers(environment, production)).toList();
  }

  /**
   * How far {@link #heldUntil} looks ahead through back-to-back freezes before it stops: a year
   * and a day, so every annual freeze is seen once.
   */
  Duration HOLD_SEARCH_HORIZON = Duration.ofDays(366);

  /**
   * When a change on {@code service} planned to start at {@code start} and take {@code duration}
   * can go, if freezes hold it: empty when no freeze overlaps [start, start + duration);
   * otherwise the earliest start from which the whole change fits before the next freeze,
   * chaining freezes that follow each other (a weekend freeze running into a year-end freeze).
   *
   * <p>When freezes follow each other for longer than {@link #HOLD_SEARCH_HORIZON}, the search
   * stops and the answer is where it stopped: the change is still held then, and is to be
   * looked at again.
   *
   * @param duration how long the change takes; positive
   */
  default Optional<Instant> heldUntil(ServiceId service, Instant start, Duration duration) {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(start, "start");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("a change's duration must be positive, was " + duration);
    }
    Instant limit = start.plus(HOLD_SEARCH_HORIZON);
    Instant candidate = start;
    while (true) {
      List<WindowOccurrence> holding = freezes(service, candidate, candidate.plus(duration));
      if (holding.isEmpty()) {
        return candidate.equals(start) ? Optional.empty() : Optional.of(candidate);
      }
      candidate = holding.stream().map(WindowOccurrence::end).max(Instant::compareTo).orElseThrow();
      if (candidate.isAfter(limit)) {
        return Optional.of(candidate);
      }
    }
  }

  /** A calendar with no windows. */
  static ChangeCalendar empty() {
    return (service, from, to) -> List.of();
  }
}
