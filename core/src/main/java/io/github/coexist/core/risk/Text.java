package io.github.coexist.core.risk;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Small helpers that keep the factors' reasons short and grammatical. */
final class Text {
  private static final int NAMES_SHOWN = 3;

  private Text() {}

  /** "1 service", "4 services". */
  static String count(long n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }

  /** A number without a needless ".0": 20, 12.5. */
  static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  /** A rate as a whole percentage: 0.2 is "20%". */
  static String percent(double rate) {
    return Math.round(rate * 100) + "%";
  }

  /** "30 days", "12 hours", "45 minutes". */
  static String duration(Duration d) {
    if (!d.isZero() && d.toHours() % 24 == 0 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
      return count(d.toDays(), "day", "days");
    }
    if (d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
      return count(d.toHours(), "hour", "hours");
    }
    return count(d.toMinutes(), "minute", "minutes");
  }

  /** "a", "a and b", "a, b and c", "a, b, c and 2 more". */
  static String list(Collection<?> items) {
    return list(items, items.size());
  }

  /**
   * As {@link #list(Collection)} for the first of {@code total} items, the rest counted: "a, b, c
   * and 97 more" for the first five of 100.
   */
  static String list(Collection<?> items, long total) {
    List<String> names = items.stream().map(String::valueOf).collect(Collectors.toList());
    if (total > NAMES_SHOWN || total > names.size()) {
      int shown = Math.min(NAMES_SHOWN, names.size());
      return String.join(", ", names.subList(0, shown)) + " and " + (total - shown) + " more";
    }
    if (names.size() <= 1) {
      return String.join("", names);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }

  /** "Saturday". */
  static String capitalised(Enum<?> value) {
    String lower = value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }
}
