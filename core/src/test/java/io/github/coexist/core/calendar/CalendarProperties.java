package io.github.coexist.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.coexist.core.service.ServiceId;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The occurrences a calendar reports agree with the window read on the wall clock: an instant is
 * inside an occurrence exactly when its local time in the window's zone is inside the window.
 * Instants whose local time the clock shows twice (the repeated hour in autumn) are left out:
 * for them "the local time is inside" has no single answer, and {@link Schedule} documents the
 * choice made.
 */
class CalendarProperties {
  private static final ServiceId SERVICE = ServiceId.of("payments");
  private static final Instant FIRST = Instant.parse("2020-01-01T00:00:00Z");
  private static final Instant LAST = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration AROUND = Duration.ofDays(9);

  /** Zones with summer time in either hemisphere, half-hour shifts, midnight shifts, and none. */
  private static final Gen<ZoneId> ZONES = Generate.pick(List.of(
      "Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "America/St_Johns",
      "America/Santiago", "Africa/Casablanca", "Asia/Tehran", "Asia/Kolkata", "UTC")).map((String id) -> ZoneId.of(id));
  private static final Gen<LocalTime> TIMES = SourceDSL.integers().between(0, 24 * 60 - 1)
      .map(m -> LocalTime.of(m / 60, m % 60));
  /** Mostly times in the small hours, where the clocks change. */
  private static final Gen<LocalTime> BOUNDARY_TIMES = Generate.frequency(
      org.quicktheories.api.Pair.of(1, TIMES),
      org.quicktheories.api.Pair.of(2, SourceDSL.integers().between(0, 4 * 60 - 1).map(m -> LocalTime.of(m / 60, m % 60))));
  private static final Gen<DayOfWeek> DAYS = Generate.enumValues(DayOfWeek.class);
  private static final Gen<MonthDay> MONTH_DAYS = SourceDSL.integers().between(1, 12)
      .zip(SourceDSL.integers().between(1, 28), MonthDay::of);

  private static final Gen<Schedule> WEEKLY = random -> {
    DayOfWeek startDay = DAYS.generate(random);
    LocalTime startTime = BOUNDARY_TIMES.generate(random);
    DayOfWeek endDay = DAYS.generate(random);
    LocalTime endTime = BOUNDARY_TIMES.generate(random);
    return startDay == endDay && startTime.equals(endTime)
        ? Schedule.weekly(startDay, startTime, endDay, endTime.plusMinutes(1))
        : Schedule.weekly(startDay, startTime, endDay, endTime);
  };
  private static final Gen<Schedule> ANNUAL = random -> {
    MonthDay startDay = MONTH_DAYS.generate(random);
    LocalTime startTime = BOUNDARY_TIMES.generate(random);
    MonthDay endDay = MONTH_DAYS.generate(random);
    LocalTime endTime = BOUNDARY_TIMES.generate(random);
    return startDay.equals(endDay) && startTime.equals(endTime)
        ? Schedule.annual(startDay, startTime, endDay, endTime.plusMinutes(1))
        : Schedule.annual(startDay, startTime, endDay, endTime);
  };

  /** A moment between 2020 and 2030, half the time within a few days of a clock change. */
  private static Gen<Instant> moments(ZoneId zone) {
    Gen<Instant> anywhere = SourceDSL.longs().between(FIRST.getEpochSecond(), LAST.getEpochSecond())
        .map((Long seconds) -> Instant.ofEpochSecond(seconds));
    return anywhere.zip(SourceDSL.integers().between(-3 * 86_400, 3 * 86_400), SourceDSL.booleans().all(),
        (t, shift, nearChange) -> {
          ZoneOffsetTransition next = zone.getRules().nextTransition(t);
          return nearChange && next != null ? next.getInstant().plusSeconds(shift) : t;
        });
  }

  /** A window in some zone, and a moment to look at it around. */
  private record Case(ZoneId zone, Schedule schedule, Instant base) {}

  private static Gen<Case> cases(Gen<Schedule> schedules) {
    return random -> {
      ZoneId zone = ZONES.generate(random);
      return new Case(zone, schedules.generate(random), moments(zone).generate(random));
    };
  }

  @Test
  @DisplayName("weekly windows: inside an occurrence exactly when inside the window on the wall clock")
  void weekly() {
    qt().withExamples(300).forAll(cases(WEEKLY))
        .checkAssert(c -> check(c, local -> insideWeekly((Schedule.Weekly) c.schedule(), local)));
  }

  @Test
  @DisplayName("annual windows: inside an occurrence exactly when inside the window on the wall clock")
  void annual() {
    qt().withExamples(300).forAll(cases(ANNUAL))
        .checkAssert(c -> check(c, local -> insideAnnual((Schedule.Annual) c.schedule(), local)));
  }

  private static void check(Case c, Predicate<LocalDateTime> insideOnTheWallClock) {
    ZoneId zone = c.zone();
    Schedule schedule = c.schedule();
    Instant base = c.base();
    ChangeCalendar calendar = StandardChangeCalendar.of(
        new CalendarWindow("w", WindowKind.FREEZE, zone, WindowScope.global(), schedule));
    List<WindowOccurrence> nearby = calendar.occurrences(SERVICE, base.minus(AROUND), base.plus(AROUND));

    List<Instant> probes = new ArrayList<>(List.of(base));
    for (int i = 0; i < nearby.size(); i++) {
      WindowOccurrence o = nearby.get(i);
      probes.addAll(List.of(o.start().minusSeconds(1), o.start(), o.end().minusSeconds(1), o.end(),
          o.start().plus(Duration.between(o.start(), o.end()).dividedBy(2))));
      if (i > 0) {
        assertThat(o.start()).as("occurrences of one window never overlap").isAfterOrEqualTo(nearby.get(i - 1).end());
      }
    }
    for (Instant t : probes) {
      LocalDateTime local = LocalDateTime.ofInstant(t, zone);
      if (zone.getRules().getValidOffsets(local).size() != 1) {
        continue;
      }
      boolean reported = calendar.occurrences(SERVICE, t, t.plusNanos(1)).stream().anyMatch(o -> o.contains(t));
      assertThat(reported).as("%s (%s local) in %s %s", t, local, schedule, zone).isEqualTo(insideOnTheWallClock.test(local));
    }
  }

  private static boolean insideWeekly(Schedule.Weekly w, LocalDateTime local) {
    return cyclicallyWithin(
        weekPosition(local.getDayOfWeek(), local.toLocalTime()),
        weekPosition(w.startDay(), w.startTime()),
        weekPosition(w.endDay(), w.endTime()));
  }

  private static boolean insideAnnual(Schedule.Annual a, LocalDateTime local) {
    return cyclicallyWithin(
        yearPosition(MonthDay.from(local), local.toLocalTime()),
        yearPosition(a.startDay(), a.startTime()),
        yearPosition(a.endDay(), a.endTime()));
  }

  private static long weekPosition(DayOfWeek day, LocalTime time) {
    return (day.getValue() - 1) * 86_400_000_000_000L + time.toNanoOfDay();
  }

  private static long yearPosition(MonthDay day, LocalTime time) {
    return (day.getMonthValue() * 32L + day.getDayOfMonth()) * 86_400_000_000_000L + time.toNanoOfDay();
  }

  /** Whether {@code p} lies in [start, end) on a cycle (wrapping past the end of the week or year). */
  private static boolean cyclicallyWithin(long p, long start, long end) {
    return start < end ? p >= start && p < end : p >= start || p < end;
  }
}
