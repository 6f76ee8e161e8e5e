package io.github.coexist.core.kpi;

import java.util.Arrays;

/** Day numbers gathered from one or more series, counted once each (a team's services may deploy the same day). */
final class DaySet {
  private long[] days = new long[64];
  private int size;

  void add(long day) {
    if (size == days.length) {
      days = Arrays.copyOf(days, size * 2);
    }
    days[size++] = day;
  }

  /** The number of distinct days added. */
  long distinct() {
    Arrays.sort(days, 0, size);
    long distinct = 0;
    for (int i = 0; i < size; i++) {
      if (i == 0 || days[i] != days[i - 1]) {
        distinct++;
      }
    }
    return distinct;
  }
}
