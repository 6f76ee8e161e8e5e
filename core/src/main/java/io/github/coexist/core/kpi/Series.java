package io.github.coexist.core.kpi;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.NullUnmarked;

/**
 * Points {@code (time, value)} of one measure in one scope, kept in buckets of one UTC day, so that
 * a window query reads one summary per whole day and scans points only in the window's first and
 * last day.
 *
 * <p>Each bucket keeps its count and sum, and sorts its values lazily (only when a quantile over a
 * window needs them), so adding a point costs O(log days) to find its bucket plus an amortised
 * O(1) append. Removing a point scans its one bucket. Times are epoch milliseconds. Not thread-safe.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
final class Series {
  static final long DAY = 86_400_000L;

  private final TreeMap<Long, Bucket> buckets = new TreeMap<>();
  // facts mostly arrive in time order: the last bucket used is usually the next one needed
  private long lastDay = Long.MIN_VALUE;
  private Bucket lastBucket;

  void add(long time, long value) {
    long day = Math.floorDiv(time, DAY);
    if (day != lastDay || lastBucket.size == 0) {
      lastBucket = buckets.computeIfAbsent(day, d -> new Bucket());
      lastDay = day;
    }
    lastBucket.add((int) (time - day * DAY), value);
  }

  void remove(long time, long value) {
    long day = Math.floorDiv(time, DAY);
    Bucket bucket = buckets.get(day);
    if (bucket == null || !bucket.remove((int) (time - day * DAY), value)) {
      throw new IllegalStateException("no point (" + time + ", " + value + ") to remove: engine state is inconsistent");
    }
    if (bucket.size == 0) {
      buckets.remove(day);
    }
  }

  /** Adds the count and sum of the points in {@code [from, to)} to {@code tally}. */
  void tally(long from, long to, Tally tally) {
    visit(from, to, new Visitor() {
      @Override
      public boolean whole(Bucket b) {
        tally.count += b.size;
        tally.sum += b.sum;
        return true;
      }

      @Override
      public boolean point(long value) {
        tally.count++;
        tally.sum += value;
        return true;
      }
    });
  }

  /** Whether any point lies in {@code [from, to)}. */
  boolean any(long from, long to) {
    boolean[] found = {false};
    visit(from, to, new Visitor() {
      @Override
      public boolean whole(Bucket b) {
        found[0] = true;
        return false;
      }

      @Override
      public boolean point(long value) {
        found[0] = true;
        return false;
      }
    });
    return found[0];
  }

  /**
   * Adds to {@code days} every whole UTC day inside {@code [from, to)} that holds a point, as a day
   * number; the window's partial first and last days are the caller's to check with {@link #any}.
   */
  void wholeDaysWithPoints(long fromDay, long toDay, DaySet days) {
    if (fromDay < toDay) {
      for (Long day : buckets.subMap(fromDay, true, toDay, false).keySet()) {
        days.add(day);
      }
    }
  }

  /** Hands the values of the points in {@code [from, to)} to {@code selection}. */
  void gather(long from, long to, Selection selection) {
    visit(from, to, new Visitor() {
      @Override
      public boolean whole(Bucket b) {
        b.sortByValue();
        selection.addSorted(b.values, b.size);
        return true;
      }

      @Override
      public boolean point(long value) {
        selection.add(value);
        return true;
      }
    });
  }

  /**
   * Walks the window: a day wholly inside goes to {@link Visitor#whole} as one bucket, the points
   * of a partial first or last day inside the window go to {@link Visitor#point} one by one.
   */
  private void visit(long from, long to, Visitor visitor) {
    if (from >= to) {
      return;
    }
    for (Map.Entry<Long, Bucket> e : buckets.subMap(Math.floorDiv(from, DAY), true, Math.floorDiv(to - 1, DAY), true).entrySet()) {
      long start = e.getKey() * DAY;
      Bucket b = e.getValue();
      if (from <= start && start + DAY <= to) {
        if (!visitor.whole(b)) {
          return;
        }
      } else {
        for (int i = 0; i < b.size; i++) {
          long t = start + b.offsets[i];
          if (t >= from && t < to && !visitor.point(b.values[i])) {
            return;
          }
        }
      }
    }
  }

  /** What a walk over a window does with what it finds; answering false stops the walk. */
  private interface Visitor {
    boolean whole(Bucket bucket);

    boolean point(long value);
  }

  /** A count and a sum, accumulated over several series. */
  static final class Tally {
    long count;
    long sum;

    void clear() {
      count = 0;
      sum = 0;
    }
  }

  /** The points of one day: offsets into the day and values, with their sum. */
  private static final class Bucket {
    int[] offsets = new int[2];
    long[] values = new long[2];
    int size;
    long sum;
    boolean sorted = true;

    void add(int offset, long value) {
      if (size == values.length) {
        int capacity = size < 64 ? size * 2 + 2 : size + (size >> 1);
        offsets = Arrays.copyOf(offsets, capacity);
        values = Arrays.copyOf(values, capacity);
      }
      if (size > 0 && values[size - 1] > value) {
        sorted = false;
      }
      offsets[size] = offset;
      values[size] = value;
      size++;
      sum += value;
    }

    boolean remove(int offset, long value) {
      int i = indexOf(offset, value);
      if (i < 0) {
        return false;
      }
      if (sorted) {
        System.arraycopy(offsets, i + 1, offsets, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
      } else {
        offsets[i] = offsets[size - 1];
        values[i] = values[size - 1];
      }
      size--;
      sum -= value;
      return true;
    }

    private int indexOf(int offset, long value) {
      int from = 0;
      if (sorted) {
        from = lowerBound(values, size, value);
      }
      for (int i = from; i < size && (!sorted || values[i] == value); i++) {
        if (values[i] == value && offsets[i] == offset) {
          return i;
        }
      }
      return -1;
    }

    void sortByValue() {
      if (!sorted) {
        PairSort.sort(values, offsets, 0, size - 1);
        sorted = true;
      }
    }
  }

  static int lowerBound(long[] a, int length, long key) {
    int lo = 0;
    int hi = length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
