package io.github.coexist.core.kpi;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * The periods a trend is cut into, in UTC: ISO weeks (Monday 00:00 to the next Monday) or calendar
 * months (the 1st 00:00 to the next 1st).
 */
public enum TrendPeriod {
  /** ISO weeks, from Monday 00:00 UTC. */
  WEEK,
  /** Calendar months, from the 1st 00:00 UTC. */
  MONTH;

  /** The first period boundary at or after {@code instant}. */
  Instant firstStartAtOrAfter(Instant instant) {
    ZonedDateTime day = instant.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
    ZonedDateTime start = this == WEEK
        ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        : day.with(TemporalAdjusters.firstDayOfMonth());
    return start.toInstant().isBefore(instant) ? next(start.toInstant()) : start.toInstant();
  }

  /** The start of the period after the one starting at {@code start}. */
  Instant next(Instant start) {
    ZonedDateTime at = start.atZone(ZoneOffset.UTC);
    return (this == WEEK ? at.plusWeeks(1) : at.plusMonths(1)).toInstant();
  }
}
