package io.github.coexist.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.Objects;

/**
 * When a calendar window occurs, in the local time of its zone: every week, every year, or once.
 *
 * <p>Each occurrence runs from the first moment the wall clock in the window's zone reaches its
 * start to the first moment it reaches its end (end exclusive). So across daylight-saving
 * changes a local time that the clock skips (02:30 on the spring-forward night in Europe) begins
 * or ends the window when the clock jumps past it, and a local time the clock shows twice (02:30
 * on the fall-back night) is taken at its first showing. An occurrence left with no time in it
 * (both ends inside the same skipped hour) is dropped.
 */
public sealed interface Schedule {

  /** Every week, from {@code startDay startTime} to the next {@code endDay endTime}. */
  static Weekly weekly(DayOfWeek startDay, LocalTime startTime, DayOfWeek endDay, LocalTime endTime) {
    return new Weekly(startDay, startTime, endDay, endTime);
  }

  /** Every year, from {@code startDay startTime} to the next {@code endDay endTime}. */
  static Annual annual(MonthDay startDay, LocalTime startTime, MonthDay endDay, LocalTime endTime) {
    return new Annual(startDay, startTime, endDay, endTime);
  }

  /**
   * Every year, the whole days from {@code firstDay} through {@code lastDay}: "20 December to 2
   * January" is {@code annualDays(MonthDay.of(12, 20), MonthDay.of(1, 2))}. Through 28 or 29
   * February both end at the start of 1 March, so 29 February is included in leap years.
   */
  static Annual annualDays(MonthDay firstDay, MonthDay lastDay) {
    return new Annual(firstDay, LocalTime.MIDNIGHT, MonthDays.dayAfter(lastDay), LocalTime.MIDNIGHT);
  }

  /** Once, from {@code start} to {@code end}, both local to the window's zone. */
  static Once once(LocalDateTime start, LocalDateTime end) {
    return new Once(start, end);
  }

  /**
   * Every week from {@code startDay startTime} to the next {@code endDay endTime}; may wrap the
   * week ("Friday 16:00 to Monday 08:00"). The same day with an earlier end time lasts almost a
   * week; start and end may not be the same.
   *
   * @param startDay the day it starts
   * @param startTime the local time it starts
   * @param endDay the day it ends
   * @param endTime the local time it ends (exclusive)
   */
  record Weekly(DayOfWeek startDay, LocalTime startTime, DayOfWeek endDay, LocalTime endTime)
      implements Schedule {
    public Weekly {
      Objects.requireNonNull(startDay, "startDay");
      Objects.requireNonNull(startTime, "startTime");
      Objects.requireNonNull(endDay, "endDay");
      Objects.requireNonNull(endTime, "endTime");
      if (startDay == endDay && startTime.equals(endTime)) {
        throw new IllegalArgumentException("a weekly window must end at another time than it starts");
      }
    }

    /** Days from the start day to the end day: 0 to 6, or 7 when it ends earlier on its start day. */
    int spanDays() {
      int days = Math.floorMod(endDay.getValue() - startDay.getValue(), 7);
      return days == 0 && endTime.isBefore(startTime) ? 7 : days;
    }

    @Override
    public String toString() {
      return "every " + startDay + " " + startTime + " to " + endDay + " " + endTime;
    }
  }

  /**
   * Every year from {@code startDay startTime} to the next {@code endDay endTime}; may wrap the
   * year ("20 December to 2 January"). 29 February stands for 28 February in common years; an
   * occurrence that this leaves empty is dropped. Start and end may not be the same.
   *
   * @param startDay the day it starts
   * @param startTime the local time it starts
   * @param endDay the day it ends
   * @param endTime the local time it ends (exclusive)
   */
  record Annual(MonthDay startDay, LocalTime startTime, MonthDay endDay, LocalTime endTime)
      implements Schedule {
    public Annual {
      Objects.requireNonNull(startDay, "startDay");
      Objects.requireNonNull(startTime, "startTime");
      Objects.requireNonNull(endDay, "endDay");
      Objects.requireNonNull(endTime, "endTime");
      if (startDay.equals(endDay) && startTime.equals(endTime)) {
        throw new IllegalArgumentException("an annual window must end at another time than it starts");
      }
    }

    /** Whether an occurrence ends in the year after the one it starts in. */
    boolean wrapsYear() {
      int byDay = endDay.compareTo(startDay);
      return byDay < 0 || (byDay == 0 && endTime.isBefore(startTime));
    }

    @Override
    public String toString() {
      return "every year " + startDay + " " + startTime + " to " + endDay + " " + endTime;
    }
  }

  /**
   * Once, from {@code start} to {@code end}, local to the window's zone.
   *
   * @param start when it starts
   * @param end when it ends (exclusive); after {@code start}
   */
  record Once(LocalDateTime start, LocalDateTime end) implements Schedule {
    public Once {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("a one-off window must end after it starts");
      }
    }

    @Override
    public String toString() {
      return "once " + start + " to " + end;
    }
  }
}
