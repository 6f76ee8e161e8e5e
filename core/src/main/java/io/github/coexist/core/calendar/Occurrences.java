package io.github.coexist.core.calendar;

import io.github.coexist.core.calendar.Schedule.Annual;
import io.github.coexist.core.calendar.Schedule.Once;
import io.github.coexist.core.calendar.Schedule.Weekly;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** Turns a window's local-time schedule into occurrences as instants, across zone changes. */
final class Occurrences {

  private Occurrences() {}

  /** The occurrences of {@code window} that overlap [from, to), ordered by start. */
  static List<WindowOccurrence> of(CalendarWindow window, Instant from, Instant to) {
    List<WindowOccurrence> found = new ArrayList<>();
    if (!from.isBefore(to)) {
      return found;
    }
    Schedule schedule = window.schedule();
    if (schedule instanceof Weekly weekly) {
      weekly(window, weekly, from, to, found);
    } else if (schedule instanceof Annual annual) {
      annual(window, annual, from, to, found);
    } else {
      Once once = (Once) schedule;
      add(window, once.start(), once.end(), from, to, found);
    }
    return found;
  }

  private static void weekly(CalendarWindow window, Weekly weekly, Instant from, Instant to,
      List<WindowOccurrence> found) {
    ZoneId zone = window.zone();
    // An occurrence lasts at most a week, so one starting a week before `from` may still reach it.
    LocalDate day = from.atZone(zone).toLocalDate().minusWeeks(1)
        .with(TemporalAdjusters.previousOrSame(weekly.startDay()));
    LocalDate last = to.atZone(zone).toLocalDate();
    for (; !day.isAfter(last); day = day.plusWeeks(1)) {
      add(window, day.atTime(weekly.startTime()), day.plusDays(weekly.spanDays()).atTime(weekly.endTime()),
          from, to, found);
    }
  }

  private static void annual(CalendarWindow window, Annual annual, Instant from, Instant to,
      List<WindowOccurrence> found) {
    ZoneId zone = window.zone();
    int lastYear = to.atZone(zone).getYear();
    for (int year = from.atZone(zone).getYear() - 1; year <= lastYear; year++) {
      int endYear = annual.wrapsYear() ? year + 1 : year;
      add(window, annual.startDay().atYear(year).atTime(annual.startTime()),
          annual.endDay().atYear(endYear).atTime(annual.endTime()), from, to, found);
    }
  }

  private static void add(CalendarWindow window, LocalDateTime localStart, LocalDateTime localEnd,
      Instant from, Instant to, List<WindowOccurrence> found) {
    Instant start = firstReached(localStart, window.zone());
    Instant end = firstReached(localEnd, window.zone());
    if (end.isAfter(start) && start.isBefore(to) && from.isBefore(end)) {
      found.add(new WindowOccurrence(window.name(), window.kind(), start, end, window.environments()));
    }
  }

  /**
   * The first instant at which the wall clock in {@code zone} reaches {@code local}: in a gap
   * (the clock skips it) the instant of the jump, in an overlap (it shows it twice) the first
   * showing, otherwise the one instant it is shown.
   */
  static Instant firstReached(LocalDateTime local, ZoneId zone) {
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    if (transition != null && transition.isGap()) {
      return transition.getInstant();
    }
    return local.atZone(zone).withEarlierOffsetAtOverlap().toInstant();
  }
}
