package io.github.coexist.core.calendar;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.service.ServiceId;
import io.vavr.control.Either;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CalendarWindowParseTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static CalendarWindow valid(Either<CoexistError, CalendarWindow> parsed) {
    assertThat(parsed.isRight()).as(() -> parsed.swap().map(CoexistError::message).getOrElse("")).isTrue();
    return parsed.get();
  }

  private static List<String> problems(Either<CoexistError, CalendarWindow> parsed) {
    assertThat(parsed.isLeft()).as("%s", parsed).isTrue();
    assertThat(parsed.getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
    return ((CoexistError.InvalidInput) parsed.getLeft()).problems().toJavaList();
  }

  @Test
  @DisplayName("reads a weekly window with short or long day names")
  void weekly() {
    assertThat(valid(CalendarWindow.parse("weekend", "freeze", "Europe/Berlin", List.of(), "weekly", "FRI 16:00", "monday 8:00")))
        .isEqualTo(CalendarWindow.freeze("weekend", BERLIN,
            Schedule.weekly(FRIDAY, LocalTime.of(16, 0), MONDAY, LocalTime.of(8, 0))));
  }

  @Test
  @DisplayName("reads an annual range whose end without a time includes that whole day")
  void annualDays() {
    assertThat(valid(CalendarWindow.parse("year end", "blackout", "Europe/Berlin", List.of("payments", "ledger"),
        "annual", "12-20", "01-02")))
        .isEqualTo(CalendarWindow.freeze("year end", BERLIN, Schedule.annualDays(MonthDay.of(12, 20), MonthDay.of(1, 2)))
            .forServices(ServiceId.of("ledger"), ServiceId.of("payments")));
  }

  @Test
  @DisplayName("reads an annual range with times")
  void annualTimes() {
    assertThat(valid(CalendarWindow.parse("tax", "maintenance", "UTC", null, "yearly", "04-14 18:00", "04-16 06:00"))
        .schedule())
        .isEqualTo(Schedule.annual(MonthDay.of(4, 14), LocalTime.of(18, 0), MonthDay.of(4, 16), LocalTime.of(6, 0)));
  }

  @Test
  @DisplayName("reads a one-off window as date-times, or as whole days")
  void once() {
    assertThat(valid(CalendarWindow.parse("launch", "freeze", "Europe/Berlin", List.of(), "once",
        "2025-11-28T18:00", "2025-12-01T06:00")).schedule())
        .isEqualTo(Schedule.once(LocalDateTime.of(2025, 11, 28, 18, 0), LocalDateTime.of(2025, 12, 1, 6, 0)));
    assertThat(valid(CalendarWindow.parse("launch", "freeze", "Europe/Berlin", List.of(), "once",
        "2025-11-28", "2025-11-30")).schedule())
        .isEqualTo(Schedule.once(LocalDateTime.of(2025, 11, 28, 0, 0), LocalDateTime.of(2025, 12, 1, 0, 0)));
  }

  @Test
  @DisplayName("reports every problem at once, each naming the window")
  void everyProblem() {
    assertThat(problems(CalendarWindow.parse("xmas", "holiday", "Europe/Berln", List.of("payments", " "),
        "monthly", "12-20", "01-02")))
        .containsExactly(
            "window 'xmas': kind must be freeze, blackout or maintenance, was 'holiday'",
            "window 'xmas': zone 'Europe/Berln' is not a known time zone",
            "window 'xmas': service ids must not be blank",
            "window 'xmas': recurrence must be weekly, annual or once, was 'monthly'");
  }

  @Test
  @DisplayName("reports a bad start and a bad end together")
  void badStartAndEnd() {
    assertThat(problems(CalendarWindow.parse("weekend", "freeze", "UTC", List.of(), "weekly", "FRY 16:00", "MON 25:00")))
        .containsExactly(
            "window 'weekend': start day 'FRY' is not a day of the week",
            "window 'weekend': end time '25:00' is not a time of day");
    assertThat(problems(CalendarWindow.parse("year end", "freeze", "UTC", List.of(), "annual", "13-01", "Jan 2")))
        .containsExactly(
            "window 'year end': start '13-01' is not a day of the year",
            "window 'year end': end must be a month and day such as '12-20' or '12-20 16:00', was 'Jan 2'");
    assertThat(problems(CalendarWindow.parse("launch", "freeze", "UTC", List.of(), "once", "tomorrow", null)))
        .containsExactly(
            "window 'launch': start must be a local date-time such as '2025-11-28T18:00' or a date, was 'tomorrow'",
            "window 'launch': end must be a local date-time such as '2025-11-28T18:00' or a date, was ''");
  }

  @Test
  @DisplayName("reports windows that end when or before they start")
  void endBeforeStart() {
    assertThat(problems(CalendarWindow.parse("backwards", "freeze", "UTC", List.of(), "once",
        "2025-12-02T00:00", "2025-12-01T00:00")))
        .containsExactly("window 'backwards': a one-off window must end after it starts");
    assertThat(problems(CalendarWindow.parse("never", "freeze", "UTC", List.of(), "weekly", "FRI 16:00", "FRI 16:00")))
        .containsExactly("window 'never': a weekly window must end at another time than it starts");
  }

  @Test
  @DisplayName("requires a name, a kind, a zone and a recurrence")
  void required() {
    assertThat(problems(CalendarWindow.parse(" ", null, "", List.of(), null, null, null)))
        .containsExactly(
            "window: a name is required",
            "window: kind must be freeze, blackout or maintenance, was ''",
            "window: a zone is required, such as Europe/Berlin or UTC",
            "window: recurrence must be weekly, annual or once, was ''");
  }
}
