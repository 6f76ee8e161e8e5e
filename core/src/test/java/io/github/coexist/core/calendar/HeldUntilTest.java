package io.github.coexist.core.calendar;

import static io.github.coexist.core.calendar.StandardChangeCalendarTest.BERLIN;
import static io.github.coexist.core.calendar.StandardChangeCalendarTest.PAYMENTS;
import static io.github.coexist.core.calendar.StandardChangeCalendarTest.SEARCH;
import static io.github.coexist.core.calendar.StandardChangeCalendarTest.WEEKEND;
import static io.github.coexist.core.calendar.StandardChangeCalendarTest.YEAR_END;
import static io.github.coexist.core.calendar.StandardChangeCalendarTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link ChangeCalendar#heldUntil}: when a change held by freezes can go. */
class HeldUntilTest {
  private static final Duration HALF_HOUR = Duration.ofMinutes(30);
  private final ChangeCalendar weekend = StandardChangeCalendar.of(WEEKEND);

  @Test
  @DisplayName("a change clear of every freeze is not held")
  void notHeld() {
    assertThat(weekend.heldUntil(PAYMENTS, at("2025-03-25T10:00:00Z"), HALF_HOUR)).isEmpty();
    assertThat(ChangeCalendar.empty().heldUntil(PAYMENTS, at("2025-03-29T10:00:00Z"), HALF_HOUR)).isEmpty();
  }

  @Test
  @DisplayName("a change inside a freeze is held until the freeze ends")
  void inside() {
    assertThat(weekend.heldUntil(PAYMENTS, at("2025-03-29T10:00:00Z"), HALF_HOUR))
        .contains(at("2025-03-31T06:00:00Z"));
  }

  @Test
  @DisplayName("a change running into a freeze is held too, and one ending as it starts is not")
  void runningInto() {
    // Friday 28 March 16:00 CET is 15:00Z.
    assertThat(weekend.heldUntil(PAYMENTS, at("2025-03-28T14:45:00Z"), HALF_HOUR))
        .contains(at("2025-03-31T06:00:00Z"));
    assertThat(weekend.heldUntil(PAYMENTS, at("2025-03-28T14:30:00Z"), HALF_HOUR)).isEmpty();
  }

  @Test
  @DisplayName("freezes that follow each other are chained")
  void chained() {
    ChangeCalendar calendar = StandardChangeCalendar.of(WEEKEND, YEAR_END);
    // The weekend freeze of 19-22 December runs into the year-end freeze, which ends 3 January
    // 00:00 Berlin, a Saturday, inside the next weekend freeze, which ends Monday 5 January 08:00.
    assertThat(calendar.heldUntil(PAYMENTS, at("2025-12-19T16:00:00Z"), HALF_HOUR))
        .contains(at("2026-01-05T07:00:00Z"));
  }

  @Test
  @DisplayName("a gap between freezes too short for the change does not release it")
  void gapTooShort() {
    CalendarWindow mondayMorning = CalendarWindow.freeze("monday standup", BERLIN,
        Schedule.weekly(DayOfWeek.MONDAY, LocalTime.of(8, 20), DayOfWeek.MONDAY, LocalTime.of(9, 0)));
    ChangeCalendar calendar = StandardChangeCalendar.of(WEEKEND, mondayMorning);
    assertThat(calendar.heldUntil(PAYMENTS, at("2025-03-29T10:00:00Z"), HALF_HOUR))
        .contains(at("2025-03-31T07:00:00Z"));
    assertThat(calendar.heldUntil(PAYMENTS, at("2025-03-29T10:00:00Z"), Duration.ofMinutes(20)))
        .contains(at("2025-03-31T06:00:00Z"));
  }

  @Test
  @DisplayName("maintenance windows and other services' freezes do not hold a change")
  void onlyOwnFreezes() {
    ChangeCalendar calendar = StandardChangeCalendar.of(
        CalendarWindow.maintenance("weekend maintenance", BERLIN, WEEKEND.schedule()),
        YEAR_END.forServices(SEARCH));
    assertThat(calendar.heldUntil(PAYMENTS, at("2025-12-27T10:00:00Z"), HALF_HOUR)).isEmpty();
    assertThat(calendar.heldUntil(SEARCH, at("2025-12-27T10:00:00Z"), HALF_HOUR))
        .contains(at("2026-01-02T23:00:00Z"));
  }

  @Test
  @DisplayName("when freezes never end, the search stops after a year and says where")
  void neverEnds() {
    ChangeCalendar always = StandardChangeCalendar.of(
        CalendarWindow.freeze("first half", BERLIN,
            Schedule.weekly(DayOfWeek.MONDAY, LocalTime.MIDNIGHT, DayOfWeek.THURSDAY, LocalTime.MIDNIGHT)),
        CalendarWindow.freeze("second half", BERLIN,
            Schedule.weekly(DayOfWeek.THURSDAY, LocalTime.MIDNIGHT, DayOfWeek.MONDAY, LocalTime.MIDNIGHT)));
    assertThat(always.heldUntil(PAYMENTS, at("2025-03-25T10:00:00Z"), HALF_HOUR)).hasValueSatisfying(until ->
        assertThat(until).isAfter(at("2025-03-25T10:00:00Z").plus(ChangeCalendar.HOLD_SEARCH_HORIZON)));
  }

  @Test
  @DisplayName("a change needs a positive duration")
  void positiveDuration() {
    assertThatThrownBy(() -> weekend.heldUntil(PAYMENTS, at("2025-03-25T10:00:00Z"), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
