package io.github.coexist.core.gate;

import java.time.Instant;

/**
 * Instants as text, exactly as {@link Instant#toString()} writes them, without its formatter:
 * reasons and audit inputs carry several on every decision.
 */
final class Times {
  private static final long SECONDS_PER_DAY = 86_400;
  /** 10000-01-01T00:00:00Z: from here on (and before 1970) the JDK's own formatting is used. */
  private static final long YEAR_10000 = 253_402_300_800L;

  private Times() {}

  static String iso(Instant instant) {
    return append(new StringBuilder(30), instant).toString();
  }

  /** Appends {@code instant} as {@link #iso} writes it: no string of its own when it is part of a longer text. */
  static StringBuilder append(StringBuilder text, Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < 0 || seconds >= YEAR_10000) {
      return text.append(instant);
    }
    date(text, seconds / SECONDS_PER_DAY).append('T');
    int secondOfDay = (int) (seconds % SECONDS_PER_DAY);
    int nano = instant.getNano();
    digits(text, secondOfDay / 3600, 2).append(':');
    digits(text, secondOfDay / 60 % 60, 2).append(':');
    digits(text, secondOfDay % 60, 2);
    if (nano != 0) {
      text.append('.');
      if (nano % 1_000_000 == 0) {
        digits(text, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        digits(text, nano / 1_000, 6);
      } else {
        digits(text, nano, 9);
      }
    }
    return text.append('Z');
  }

  /**
   * The day {@code epochDay} (0 is 1970-01-01, at most 9999-12-31) as yyyy-mm-dd, by Howard
   * Hinnant's civil-from-days algorithm (proleptic Gregorian, as {@code LocalDate}) without making
   * a {@code LocalDate}.
   */
  private static StringBuilder date(StringBuilder text, long epochDay) {
    long days = epochDay + 719_468; // days since 0000-03-01
    long era = days / 146_097;
    long dayOfEra = days - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long shiftedMonth = (5 * dayOfYear + 2) / 153; // 0 is March
    int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    digits(text, year, 4).append('-');
    digits(text, month, 2).append('-');
    return digits(text, day, 2);
  }

  /** {@code value} in {@code width} digits, zero-padded; divided by 10 only, which compiles to a multiplication. */
  private static StringBuilder digits(StringBuilder text, int value, int width) {
    int start = text.length();
    text.setLength(start + width);
    int rest = value;
    for (int i = start + width - 1; i >= start; i--, rest /= 10) {
      text.setCharAt(i, (char) ('0' + rest % 10));
    }
    return text;
  }
}
