package io.github.coexist.core.calendar;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.service.ServiceId;
import io.vavr.control.Either;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A freeze or maintenance window as data: a name, its kind, the zone its local times are in,
 * the services it applies to and when it occurs.
 *
 * <pre>{@code
 * CalendarWindow weekend = CalendarWindow.freeze("weekend", ZoneId.of("Europe/Berlin"),
 *     Schedule.weekly(FRIDAY, LocalTime.of(16, 0), MONDAY, LocalTime.of(8, 0)));
 * CalendarWindow yearEnd = CalendarWindow.freeze("year end", ZoneId.of("Europe/Berlin"),
 *     Schedule.annualDays(MonthDay.of(12, 20), MonthDay.of(1, 2)))
 *     .forServices(ServiceId.of("payments"));
 * }</pre>
 *
 * <p>Windows read from untrusted text (a policy file) go through {@link #parse}, which reports
 * every problem at once.
 *
 * @param name the window's name, shown when it holds a change
 * @param kind freeze or maintenance
 * @param zone the zone the schedule's local times are in
 * @param scope the services it applies to
 * @param schedule when it occurs
 * @param environments the environments it covers (names compared ignoring case); empty, the
 *     default: every environment the approval policy calls production
 */
public record CalendarWindow(String name, WindowKind kind, ZoneId zone, WindowScope scope, Schedule schedule,
    SortedSet<String> environments) {
  public CalendarWindow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(schedule, "schedule");
    environments = WindowOccurrence.lowerCase(environments);
    if (name.isBlank()) {
      throw new IllegalArgumentException("a calendar window needs a name");
    }
  }

  /** A window covering the production environments. */
  public CalendarWindow(String name, WindowKind kind, ZoneId zone, WindowScope scope, Schedule schedule) {
    this(name, kind, zone, scope, schedule, Collections.emptySortedSet());
  }

  /** A global freeze. */
  public static CalendarWindow freeze(String name, ZoneId zone, Schedule schedule) {
    return new CalendarWindow(name, WindowKind.FREEZE, zone, WindowScope.global(), schedule);
  }

  /** A global maintenance window. */
  public static CalendarWindow maintenance(String name, ZoneId zone, Schedule schedule) {
    return new CalendarWindow(name, WindowKind.MAINTENANCE, zone, WindowScope.global(), schedule);
  }

  /** A global window that occurs once, from {@code start} to {@code end} (exclusive). */
  public static CalendarWindow once(String name, WindowKind kind, Instant start, Instant end) {
    return new CalendarWindow(name, kind, ZoneOffset.UTC, WindowScope.global(),
        Schedule.once(LocalDateTime.ofInstant(start, ZoneOffset.UTC), LocalDateTime.ofInstant(end, ZoneOffset.UTC)));
  }

  /** This window, applying only to {@code services}. */
  public CalendarWindow forServices(ServiceId... services) {
    return withScope(WindowScope.services(services));
  }

  /** This window with another scope. */
  public CalendarWindow withScope(WindowScope scope) {
    return new CalendarWindow(name, kind, zone, scope, schedule, environments);
  }

  /** This window, covering {@code environments} instead of the production ones. */
  public CalendarWindow forEnvironments(String... environments) {
    return new CalendarWindow(name, kind, zone, scope, schedule, new TreeSet<>(List.of(environments)));
  }

  /** Whether this window applies to {@code service}. */
  public boolean appliesTo(ServiceId service) {
    return scope.appliesTo(service);
  }

  /** This window's occurrences that overlap [from, to), ordered by start. */
  public List<WindowOccurrence> occurrences(Instant from, Instant to) {
    return Occurrences.of(this, from, to);
  }

  /**
   * A window from untrusted text, reporting every problem at once as
   * {@link CoexistError.InvalidInput}.
   *
   * <table>
   *   <caption>Accepted forms</caption>
   *   <tr><th>recurrence</th><th>start, end</th><th>example</th></tr>
   *   <tr><td>{@code weekly}</td><td>day and time</td><td>{@code FRI 16:00}, {@code Monday 08:00}</td></tr>
   *   <tr><td>{@code annual}</td><td>{@code MM-dd}, optionally with a time; an end without time
   *       includes that whole day</td><td>{@code 12-20}, {@code 01-02}</td></tr>
   *   <tr><td>{@code once}</td><td>ISO local date-time, or a date; an end date without time
   *       includes that whole day</td><td>{@code 2025-11-28T18:00}, {@code 2025-12-01}</td></tr>
   * </table>
   *
   * @param name the window's name
   * @param kind {@code freeze} (or {@code blackout}) or {@code maintenance}
   * @param zone an IANA zone id such as {@code Europe/Berlin}
   * @param services the service ids it applies to; empty for every service
   * @param recurrence {@code weekly}, {@code annual} or {@code once}
   * @param start when it starts, in the form the recurrence takes
   * @param end when it ends, in the form the recurrence takes
   */
  public static Either<CoexistError, CalendarWindow> parse(String name, String kind, String zone,
      Collection<String> services, String recurrence, String start, String end) {
    return parse(name, kind, zone, services, List.of(), recurrence, start, end);
  }

  /**
   * As {@link #parse(String, String, String, Collection, String, String, String)}, for a window
   * that covers {@code environments} (empty: the production environments); a blank name is a
   * problem.
   */
  public static Either<CoexistError, CalendarWindow> parse(String name, String kind, String zone,
      Collection<String> services, Collection<String> environments, String recurrence, String start, String end) {
    return WindowParser.parse(name, kind, zone, services, environments, recurrence, start, end);
  }

  @Override
  public String toString() {
    return kind + " '" + name + "' " + schedule + " " + zone.getId() + ", " + scope
        + (environments.isEmpty() ? "" : ", environments " + environments);
  }
}
