package io.github.coexist.core.internal.text;

import java.time.Duration;

/**
 * Not API: may change in any release. Durations for people, as suspects' reasons and postmortems write them: {@code 45 s},
 * {@code 42 min}, {@code 2 h 5 min}, {@code 3 d 4 h}. The two largest units are kept.
 */
public final class DurationText {
  private DurationText() {}

  /** {@code duration} in at most two units; negative durations read as their size. */
  public static String of(Duration duration) {
    Duration d = duration.abs();
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    if (days > 0) {
      return days + " d" + (hours > 0 ? " " + hours + " h" : "");
    }
    if (hours > 0) {
      return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
    }
    if (minutes > 0) {
      return minutes + " min";
    }
    return d.toSecondsPart() + " s";
  }
}
