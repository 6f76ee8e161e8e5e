package io.github.coexist.app.events;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Reads ISO-8601 instants quickly: the log's own form {@code 2024-03-04T10:15:30(.123)Z} straight
 * from bytes without a general-purpose parser (a million-line log carries millions of times),
 * anything else through {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} so that {@code +02:00}
 * offsets are read too.
 */
final class IsoInstants {
  /** Days from 0000-01-01 to 1970-01-01 in the proleptic Gregorian calendar. */
  private static final long DAYS_0000_TO_1970 = 719_528L;

  private IsoInstants() {}

  /** The instant {@code text} names, or empty when it names none. */
  static Optional<Instant> parse(String text) {
    // a character beyond Latin-1 becomes '?', which the quick form never accepts
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    Instant fast = fast(bytes, 0, bytes.length);
    if (fast != null) {
      return Optional.of(fast);
    }
    try {
      return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The instant in {@code s[from, to)} when it is in the log's own form
   * {@code yyyy-MM-ddTHH:mm:ss(.f{1,9})Z} and names a real date and time, else null.
   */
  static Instant fast(byte[] s, int from, int to) {
    int n = to - from;
    if (n < 20 || s[to - 1] != 'Z' || s[from + 4] != '-' || s[from + 7] != '-' || s[from + 10] != 'T'
        || s[from + 13] != ':' || s[from + 16] != ':') {
      return null;
    }
    int year = digits(s, from, 4);
    int month = digits(s, from + 5, 2);
    int day = digits(s, from + 8, 2);
    int hour = digits(s, from + 11, 2);
    int minute = digits(s, from + 14, 2);
    int second = digits(s, from + 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)
        || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      int fraction = n - 21;
      if (s[from + 19] != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      int value = digits(s, from + 20, fraction);
      if (value < 0) {
        return null;
      }
      nanos = value;
      for (int i = fraction; i < 9; i++) {
        nanos *= 10;
      }
    }
    return Instant.ofEpochSecond(epochDay(year, month, day) * 86_400 + hour * 3600L + minute * 60L + second, nanos);
  }

  /** As {@link java.time.LocalDate#toEpochDay()}, for a valid date of a year 0 to 9999. */
  private static long epochDay(int year, int month, int day) {
    long total = 365L * year + (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
    total += (367 * month - 362) / 12 + day - 1;
    if (month > 2) {
      total -= isLeap(year) ? 1 : 2;
    }
    return total - DAYS_0000_TO_1970;
  }

  private static int monthLength(int year, int month) {
    switch (month) {
      case 2:
        return isLeap(year) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  private static boolean isLeap(int year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  private static int digits(byte[] s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int c = s[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
