package io.github.coexist.core.calendar;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.service.ServiceId;
import io.vavr.control.Either;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullUnmarked;

/**
 * Reads a {@link CalendarWindow} from untrusted text, collecting every problem before giving up.
 * See {@link CalendarWindow#parse} for the accepted forms.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
final class WindowParser {
  private static final Pattern WEEKLY = Pattern.compile("([A-Za-z]+)\\s+(\\d{1,2}:\\d{2})");
  private static final Pattern ANNUAL = Pattern.compile("(\\d{2}-\\d{2})(?:\\s+(\\d{1,2}:\\d{2}))?");
  private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd");
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("H:mm");

  private final Problems problems = new Problems();
  private final String prefix;

  private WindowParser(String name) {
    this.prefix = Problems.isBlank(name) ? "window: " : "window '" + name.strip() + "': ";
  }

  static Either<CoexistError, CalendarWindow> parse(String name, String kind, String zone,
      Collection<String> services, Collection<String> environments, String recurrence, String start, String end) {
    WindowParser parser = new WindowParser(name);
    parser.require(environments.stream().noneMatch(Problems::isBlank), "an environment name must not be blank");
    parser.require(!Problems.isBlank(name), "a name is required");
    Optional<WindowKind> parsedKind = parser.kind(kind);
    Optional<ZoneId> parsedZone = parser.zone(zone);
    Optional<WindowScope> scope = parser.scope(services);
    Optional<Schedule> schedule = parser.schedule(recurrence, start, end);
    return parser.problems.toEither(() -> new CalendarWindow(
        name.strip(), parsedKind.orElseThrow(), parsedZone.orElseThrow(), scope.orElseThrow(), schedule.orElseThrow(),
        WindowOccurrence.lowerCase(environments)));
  }

  private void require(boolean ok, String problem) {
    problems.require(ok, prefix + problem);
  }

  private <T> Optional<T> problem(String problem) {
    problems.add(prefix + problem);
    return Optional.empty();
  }

  private Optional<WindowKind> kind(String kind) {
    String k = Problems.isBlank(kind) ? "" : kind.strip().toLowerCase(Locale.ROOT);
    return switch (k) {
      case "freeze", "blackout" -> Optional.of(WindowKind.FREEZE);
      case "maintenance" -> Optional.of(WindowKind.MAINTENANCE);
      default -> problem("kind must be freeze, blackout or maintenance, was '" + orEmpty(kind) + "'");
    };
  }

  private Optional<ZoneId> zone(String zone) {
    if (Problems.isBlank(zone)) {
      return problem("a zone is required, such as Europe/Berlin or UTC");
    }
    try {
      return Optional.of(ZoneId.of(zone.strip()));
    } catch (DateTimeException e) {
      return problem("zone '" + zone + "' is not a known time zone");
    }
  }

  private Optional<WindowScope> scope(Collection<String> services) {
    if (services == null || services.isEmpty()) {
      return Optional.of(WindowScope.global());
    }
    if (services.stream().anyMatch(Problems::isBlank)) {
      return problem("service ids must not be blank");
    }
    return Optional.of(WindowScope.services(services.stream().map(s -> ServiceId.of(s.strip())).toList()));
  }

  private Optional<Schedule> schedule(String recurrence, String start, String end) {
    String r = Problems.isBlank(recurrence) ? "" : recurrence.strip().toLowerCase(Locale.ROOT);
    return switch (r) {
      case "weekly" -> weekly(start, end);
      case "annual", "yearly" -> annual(start, end);
      case "once" -> once(start, end);
      default -> problem("recurrence must be weekly, annual or once, was '" + orEmpty(recurrence) + "'");
    };
  }

  private Optional<Schedule> weekly(String start, String end) {
    Optional<DayTime> from = dayTime("start", start);
    Optional<DayTime> to = dayTime("end", end);
    if (from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    return build(() -> Schedule.weekly(from.get().day(), from.get().time(), to.get().day(), to.get().time()));
  }

  private Optional<Schedule> annual(String start, String end) {
    Optional<DayAndMaybeTime> from = monthDay("start", start);
    Optional<DayAndMaybeTime> to = monthDay("end", end);
    if (from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    LocalTime startTime = from.get().time().orElse(LocalTime.MIDNIGHT);
    // An end without a time includes that whole day: "12-20" to "01-02" runs through 2 January.
    MonthDay endDay = to.get().time().isPresent() ? to.get().day() : MonthDays.dayAfter(to.get().day());
    LocalTime endTime = to.get().time().orElse(LocalTime.MIDNIGHT);
    return build(() -> Schedule.annual(from.get().day(), startTime, endDay, endTime));
  }

  private Optional<Schedule> once(String start, String end) {
    Optional<LocalDateTime> from = dateTime("start", start, false);
    Optional<LocalDateTime> to = dateTime("end", end, true);
    if (from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    return build(() -> Schedule.once(from.get(), to.get()));
  }

  /** The schedule, or the constructor's complaint (end before start, ...) as a problem. */
  private Optional<Schedule> build(Supplier<Schedule> schedule) {
    try {
      return Optional.of(schedule.get());
    } catch (IllegalArgumentException e) {
      return problem(e.getMessage());
    }
  }

  private record DayTime(DayOfWeek day, LocalTime time) {}

  private record DayAndMaybeTime(MonthDay day, Optional<LocalTime> time) {}

  private Optional<DayTime> dayTime(String which, String text) {
    Matcher m = WEEKLY.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      return problem(which + " must be a day and a time such as 'FRI 16:00', was '" + orEmpty(text) + "'");
    }
    Optional<DayOfWeek> day = dayOfWeek(m.group(1));
    Optional<LocalTime> time = time(m.group(2));
    if (day.isEmpty()) {
      return problem(which + " day '" + m.group(1) + "' is not a day of the week");
    }
    if (time.isEmpty()) {
      return problem(which + " time '" + m.group(2) + "' is not a time of day");
    }
    return Optional.of(new DayTime(day.get(), time.get()));
  }

  private Optional<DayAndMaybeTime> monthDay(String which, String text) {
    Matcher m = ANNUAL.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      return problem(which + " must be a month and day such as '12-20' or '12-20 16:00', was '" + orEmpty(text) + "'");
    }
    Optional<LocalTime> time = Optional.empty();
    if (m.group(2) != null) {
      time = time(m.group(2));
      if (time.isEmpty()) {
        return problem(which + " time '" + m.group(2) + "' is not a time of day");
      }
    }
    try {
      return Optional.of(new DayAndMaybeTime(MonthDay.parse(m.group(1), MONTH_DAY), time));
    } catch (DateTimeParseException e) {
      return problem(which + " '" + m.group(1) + "' is not a day of the year");
    }
  }

  private Optional<LocalDateTime> dateTime(String which, String text, boolean isEnd) {
    String t = orEmpty(text).strip();
    try {
      return Optional.of(LocalDateTime.parse(t));
    } catch (DateTimeParseException notDateTime) {
      try {
        LocalDate date = LocalDate.parse(t);
        // An end date on its own includes that whole day.
        return Optional.of(isEnd ? date.plusDays(1).atStartOfDay() : date.atStartOfDay());
      } catch (DateTimeParseException notDate) {
        return problem(which + " must be a local date-time such as '2025-11-28T18:00' or a date, was '" + t + "'");
      }
    }
  }

  private static Optional<DayOfWeek> dayOfWeek(String text) {
    String t = text.toUpperCase(Locale.ROOT);
    return List.of(DayOfWeek.values()).stream()
        .filter(d -> d.name().equals(t) || (t.length() == 3 && d.name().startsWith(t)))
        .findFirst();
  }

  private static Optional<LocalTime> time(String text) {
    try {
      return Optional.of(LocalTime.parse(text, CLOCK));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
