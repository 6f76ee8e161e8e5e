package io.github.coexist.core.calendar;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coexist.core.service.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StandardChangeCalendarTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ServiceId PAYMENTS = ServiceId.of("payments");
  static final ServiceId SEARCH = ServiceId.of("search");
  static final CalendarWindow WEEKEND = CalendarWindow.freeze("weekend", BERLIN,
      Schedule.weekly(FRIDAY, LocalTime.of(16, 0), MONDAY, LocalTime.of(8, 0)));
  static final CalendarWindow YEAR_END = CalendarWindow.freeze("year end", BERLIN,
      Schedule.annualDays(MonthDay.of(12, 20), MonthDay.of(1, 2)));

  static Instant at(String instant) {
    return Instant.parse(instant);
  }

  static WindowOccurrence freeze(String window, String start, String end) {
    return new WindowOccurrence(window, WindowKind.FREEZE, at(start), at(end));
  }

  static List<WindowOccurrence> occurrences(CalendarWindow window, String from, String to) {
    return StandardChangeCalendar.of(window).occurrences(PAYMENTS, at(from), at(to));
  }

  @Nested
  @DisplayName("a weekly freeze from Friday 16:00 to Monday 08:00 Europe/Berlin")
  class Weekly {
    @Test
    @DisplayName("keeps its local times across the switch to summer time in March")
    void springForward() {
      // Summer time begins Sunday 30 March 2025, 02:00 CET -> 03:00 CEST.
      assertThat(occurrences(WEEKEND, "2025-03-20T00:00:00Z", "2025-04-08T00:00:00Z")).containsExactly(
          freeze("weekend", "2025-03-21T15:00:00Z", "2025-03-24T07:00:00Z"),
          freeze("weekend", "2025-03-28T15:00:00Z", "2025-03-31T06:00:00Z"),
          freeze("weekend", "2025-04-04T14:00:00Z", "2025-04-07T06:00:00Z"));
    }

    @Test
    @DisplayName("keeps its local times across the switch back in October")
    void fallBack() {
      // Summer time ends Sunday 26 October 2025, 03:00 CEST -> 02:00 CET.
      List<WindowOccurrence> found = occurrences(WEEKEND, "2025-10-16T00:00:00Z", "2025-11-04T00:00:00Z");
      assertThat(found).containsExactly(
          freeze("weekend", "2025-10-17T14:00:00Z", "2025-10-20T06:00:00Z"),
          freeze("weekend", "2025-10-24T14:00:00Z", "2025-10-27T07:00:00Z"),
          freeze("weekend", "2025-10-31T15:00:00Z", "2025-11-03T07:00:00Z"));
      assertThat(Duration.between(found.get(1).start(), found.get(1).end())).isEqualTo(Duration.ofHours(65));
    }

    @Test
    @DisplayName("reports an occurrence that started before the range and is still going")
    void alreadyRunning() {
      assertThat(occurrences(WEEKEND, "2025-03-23T12:00:00Z", "2025-03-23T13:00:00Z"))
          .containsExactly(freeze("weekend", "2025-03-21T15:00:00Z", "2025-03-24T07:00:00Z"));
    }

    @Test
    @DisplayName("treats its end as exclusive and the range's end as exclusive")
    void exclusiveEnds() {
      assertThat(occurrences(WEEKEND, "2025-03-24T07:00:00Z", "2025-03-28T15:00:00Z")).isEmpty();
      assertThat(occurrences(WEEKEND, "2025-03-24T06:59:59Z", "2025-03-28T15:00:01Z")).hasSize(2);
      assertThat(occurrences(WEEKEND, "2025-03-25T00:00:00Z", "2025-03-25T00:00:00Z")).isEmpty();
    }

    @Test
    @DisplayName("starting and ending on the same day with an earlier end lasts almost a week")
    void almostAWeek() {
      CalendarWindow window = CalendarWindow.maintenance("long", ZoneOffset.UTC,
          Schedule.weekly(MONDAY, LocalTime.of(10, 0), MONDAY, LocalTime.of(9, 0)));
      assertThat(occurrences(window, "2025-06-02T12:00:00Z", "2025-06-02T13:00:00Z")).containsExactly(
          new WindowOccurrence("long", WindowKind.MAINTENANCE, at("2025-06-02T10:00:00Z"), at("2025-06-09T09:00:00Z")));
    }
  }

  @Nested
  @DisplayName("local times the clock skips or shows twice")
  class Transitions {
    private final CalendarWindow sundayNight = CalendarWindow.freeze("sunday night", BERLIN,
        Schedule.weekly(SUNDAY, LocalTime.of(2, 30), SUNDAY, LocalTime.of(4, 0)));

    @Test
    @DisplayName("a start the clock skips begins the window when the clock jumps past it")
    void skippedStart() {
      assertThat(occurrences(sundayNight, "2025-03-30T00:00:00Z", "2025-03-30T05:00:00Z"))
          .containsExactly(freeze("sunday night", "2025-03-30T01:00:00Z", "2025-03-30T02:00:00Z"));
      assertThat(occurrences(sundayNight, "2025-03-23T00:00:00Z", "2025-03-23T05:00:00Z"))
          .containsExactly(freeze("sunday night", "2025-03-23T01:30:00Z", "2025-03-23T03:00:00Z"));
    }

    @Test
    @DisplayName("a start the clock shows twice is taken at its first showing")
    void repeatedStart() {
      assertThat(occurrences(sundayNight, "2025-10-26T00:00:00Z", "2025-10-26T05:00:00Z"))
          .containsExactly(freeze("sunday night", "2025-10-26T00:30:00Z", "2025-10-26T03:00:00Z"));
    }

    @Test
    @DisplayName("an occurrence wholly inside a skipped hour is dropped")
    void whollySkipped() {
      CalendarWindow skipped = CalendarWindow.freeze("skipped", BERLIN,
          Schedule.weekly(SUNDAY, LocalTime.of(2, 10), SUNDAY, LocalTime.of(2, 50)));
      assertThat(occurrences(skipped, "2025-03-29T00:00:00Z", "2025-03-31T00:00:00Z")).isEmpty();
      assertThat(occurrences(skipped, "2025-03-22T00:00:00Z", "2025-03-24T00:00:00Z"))
          .containsExactly(freeze("skipped", "2025-03-23T01:10:00Z", "2025-03-23T01:50:00Z"));
    }
  }

  @Nested
  @DisplayName("an annual freeze from 20 December to 2 January Europe/Berlin")
  class Annual {
    @Test
    @DisplayName("wraps the year, through the whole of 2 January")
    void wrapsTheYear() {
      assertThat(occurrences(YEAR_END, "2025-12-01T00:00:00Z", "2026-02-01T00:00:00Z"))
          .containsExactly(freeze("year end", "2025-12-19T23:00:00Z", "2026-01-02T23:00:00Z"));
    }

    @Test
    @DisplayName("is found from inside the new year")
    void fromTheNewYear() {
      assertThat(occurrences(YEAR_END, "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z"))
          .containsExactly(freeze("year end", "2025-12-19T23:00:00Z", "2026-01-02T23:00:00Z"));
    }

    @Test
    @DisplayName("occurs once a year")
    void everyYear() {
      assertThat(occurrences(YEAR_END, "2024-06-01T00:00:00Z", "2027-06-01T00:00:00Z"))
          .extracting(WindowOccurrence::start)
          .containsExactly(at("2024-12-19T23:00:00Z"), at("2025-12-19T23:00:00Z"), at("2026-12-19T23:00:00Z"));
    }

    @Test
    @DisplayName("through 28 February includes 29 February in leap years")
    void leapYear() {
      CalendarWindow february = CalendarWindow.freeze("late february", ZoneOffset.UTC,
          Schedule.annualDays(MonthDay.of(2, 20), MonthDay.of(2, 28)));
      assertThat(occurrences(february, "2024-02-01T00:00:00Z", "2024-04-01T00:00:00Z"))
          .containsExactly(freeze("late february", "2024-02-20T00:00:00Z", "2024-03-01T00:00:00Z"));
      assertThat(occurrences(february, "2025-02-01T00:00:00Z", "2025-04-01T00:00:00Z"))
          .containsExactly(freeze("late february", "2025-02-20T00:00:00Z", "2025-03-01T00:00:00Z"));
    }

    @Test
    @DisplayName("a start on 29 February falls on 28 February in common years")
    void leapDayStart() {
      CalendarWindow leap = CalendarWindow.freeze("leap", ZoneOffset.UTC,
          Schedule.annual(MonthDay.of(2, 29), LocalTime.MIDNIGHT, MonthDay.of(3, 2), LocalTime.MIDNIGHT));
      assertThat(occurrences(leap, "2025-01-01T00:00:00Z", "2025-12-31T00:00:00Z"))
          .containsExactly(freeze("leap", "2025-02-28T00:00:00Z", "2025-03-02T00:00:00Z"));
      assertThat(occurrences(leap, "2024-01-01T00:00:00Z", "2024-12-31T00:00:00Z"))
          .containsExactly(freeze("leap", "2024-02-29T00:00:00Z", "2024-03-02T00:00:00Z"));
    }
  }

  @Nested
  @DisplayName("one-off windows")
  class Once {
    @Test
    @DisplayName("resolve their local times in their zone")
    void local() {
      CalendarWindow launch = CalendarWindow.freeze("launch", BERLIN,
          Schedule.once(LocalDateTime.of(2025, 11, 28, 18, 0), LocalDateTime.of(2025, 12, 1, 6, 0)));
      assertThat(occurrences(launch, "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"))
          .containsExactly(freeze("launch", "2025-11-28T17:00:00Z", "2025-12-01T05:00:00Z"));
      assertThat(occurrences(launch, "2025-12-01T05:00:00Z", "2026-01-01T00:00:00Z")).isEmpty();
    }

    @Test
    @DisplayName("can be given as instants")
    void instants() {
      CalendarWindow audit = CalendarWindow.once("audit", WindowKind.MAINTENANCE,
          at("2025-05-01T10:15:30Z"), at("2025-05-01T12:00:00Z"));
      assertThat(occurrences(audit, "2025-05-01T00:00:00Z", "2025-05-02T00:00:00Z")).containsExactly(
          new WindowOccurrence("audit", WindowKind.MAINTENANCE, at("2025-05-01T10:15:30Z"), at("2025-05-01T12:00:00Z")));
    }
  }

  @Nested
  @DisplayName("scope")
  class Scope {
    private final CalendarWindow paymentsYearEnd = YEAR_END.forServices(PAYMENTS);
    private final CalendarWindow searchMaintenance = CalendarWindow.maintenance("search upgrade", BERLIN,
        Schedule.weekly(SUNDAY, LocalTime.of(6, 0), SUNDAY, LocalTime.of(9, 0))).forServices(SEARCH);
    private final ChangeCalendar calendar = StandardChangeCalendar.builder()
        .window(WEEKEND).window(paymentsYearEnd).window(searchMaintenance).build();

    @Test
    @DisplayName("a service sees the global windows and its own, ordered by start")
    void ownAndGlobal() {
      assertThat(calendar.occurrences(PAYMENTS, at("2025-12-18T00:00:00Z"), at("2025-12-22T00:00:00Z")))
          .containsExactly(
              freeze("weekend", "2025-12-19T15:00:00Z", "2025-12-22T07:00:00Z"),
              freeze("year end", "2025-12-19T23:00:00Z", "2026-01-02T23:00:00Z"));
      assertThat(calendar.occurrences(SEARCH, at("2025-12-18T00:00:00Z"), at("2025-12-22T00:00:00Z")))
          .extracting(WindowOccurrence::window)
          .containsExactly("weekend", "search upgrade");
    }

    @Test
    @DisplayName("freezes leave maintenance windows out")
    void freezesOnly() {
      assertThat(calendar.freezes(SEARCH, at("2025-12-18T00:00:00Z"), at("2025-12-22T00:00:00Z")))
          .extracting(WindowOccurrence::window)
          .containsExactly("weekend");
    }

    @Test
    @DisplayName("a window scoped to other services does not apply")
    void otherServices() {
      assertThat(paymentsYearEnd.appliesTo(PAYMENTS)).isTrue();
      assertThat(paymentsYearEnd.appliesTo(SEARCH)).isFalse();
      assertThat(WEEKEND.appliesTo(SEARCH)).isTrue();
      assertThatThrownBy(() -> WindowScope.services(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  @DisplayName("two windows with the same name are refused")
  void uniqueNames() {
    assertThatThrownBy(() -> StandardChangeCalendar.of(WEEKEND, YEAR_END, WEEKEND.forServices(PAYMENTS)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weekend");
  }

  @Test
  @DisplayName("schedules refuse windows that end when they start")
  void emptySchedules() {
    assertThatThrownBy(() -> Schedule.weekly(FRIDAY, LocalTime.NOON, FRIDAY, LocalTime.NOON))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Schedule.annual(MonthDay.of(1, 1), LocalTime.NOON, MonthDay.of(1, 1), LocalTime.NOON))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Schedule.once(LocalDateTime.of(2025, 1, 2, 0, 0), LocalDateTime.of(2025, 1, 1, 0, 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
