package io.github.coexist.core.gate;

import java.time.Instant;
import java.time.LocalDate;

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
    long seconds = instant.getEpochSecond();
    if (seconds < 0 || seconds >= YEAR_10000) {
      return instant.toString();
    }
    LocalDate date = LocalDate.ofEpochDay(seconds / SECONDS_PER_DAY);
    int secondOfDay = (int) (seconds % SECONDS_PER_DAY);
    int nano = instant.getNano();
    StringBuilder text = new StringBuilder(30);
    digits(text, date.getYear(), 4).append('-');
    digits(text, date.getMonthValue(), 2).append('-');
    digits(text, date.getDayOfMonth(), 2).append('T');
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
    return text.append('Z').toString();
  }

  private static StringBuilder digits(StringBuilder text, int value, int width) {
    for (int divisor = pow10(width - 1); divisor > 0; divisor /= 10) {
      text.append((char) ('0' + value / divisor % 10));
    }
    return text;
  }

  private static int pow10(int exponent) {
    int result = 1;
    for (int i = 0; i < exponent; i++) {
      result *= 10;
    }
    return result;
  }
}
