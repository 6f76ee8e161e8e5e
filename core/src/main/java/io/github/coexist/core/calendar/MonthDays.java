package io.github.coexist.core.calendar;

import java.time.LocalDate;
import java.time.MonthDay;

/** Day arithmetic on {@link MonthDay}s, which carry no year. */
final class MonthDays {
  /** A common year: 28 and 29 February are both followed by 1 March in it. */
  private static final int COMMON_YEAR = 2001;

  private MonthDays() {}

  /** The day after {@code day}, counted in a common year (so 28 and 29 February give 1 March). */
  static MonthDay dayAfter(MonthDay day) {
    LocalDate next = day.atYear(COMMON_YEAR).plusDays(1);
    return MonthDay.of(next.getMonth(), next.getDayOfMonth());
  }
}
