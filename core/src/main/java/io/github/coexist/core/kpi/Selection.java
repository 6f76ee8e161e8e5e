package io.github.coexist.core.kpi;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Order statistics over the values of a window without copying them: whole days hand in their
 * already sorted value arrays, the window's partial days hand in loose values. The k-th smallest
 * value is found by bisecting the value range, counting values at or below the midpoint with a
 * binary search per array: about 40 rounds of (days x log(values per day)) steps, whatever the
 * window's size.
 *
 * <p>Quantiles use linear interpolation between closest ranks (rank {@code (n-1)p}, as SQL's
 * {@code PERCENTILE_CONT}); the median is the quantile 0.5, so the mean of the two middle values
 * for an even count. Single use: gather, then ask.
 */
final class Selection {
  private long[][] arrays = new long[32][];
  private int[] lengths = new int[32];
  private int arrayCount;
  private long[] loose = new long[32];
  private int looseSize;
  private long total;
  private boolean prepared;

  /** Adds the first {@code length} values of {@code sorted}, which must be ascending. */
  void addSorted(long[] sorted, int length) {
    if (length == 0) {
      return;
    }
    if (arrayCount == arrays.length) {
      arrays = Arrays.copyOf(arrays, arrayCount * 2);
      lengths = Arrays.copyOf(lengths, arrayCount * 2);
    }
    arrays[arrayCount] = sorted;
    lengths[arrayCount++] = length;
    total += length;
  }

  /** Adds one value. */
  void add(long value) {
    if (looseSize == loose.length) {
      loose = Arrays.copyOf(loose, looseSize * 2);
    }
    loose[looseSize++] = value;
    total++;
  }

  long size() {
    return total;
  }

  /** The quantile {@code p} (0 to 1) of the values gathered, empty when there are none. */
  OptionalDouble quantile(double p) {
    if (total == 0) {
      return OptionalDouble.empty();
    }
    prepare();
    double rank = (total - 1) * p;
    long below = (long) Math.floor(rank);
    double fraction = rank - below;
    long low = select(below);
    if (fraction == 0) {
      return OptionalDouble.of(low);
    }
    long high = successorRank(below, low);
    return OptionalDouble.of(low + fraction * (high - low));
  }

  private void prepare() {
    if (!prepared) {
      Arrays.sort(loose, 0, looseSize);
      long[] copy = Arrays.copyOf(loose, looseSize);
      long savedTotal = total;
      addSorted(copy, looseSize);
      total = savedTotal;
      prepared = true;
    }
  }

  /** The value of rank {@code k} (0-based) in ascending order. */
  private long select(long k) {
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (int a = 0; a < arrayCount; a++) {
      lo = Math.min(lo, arrays[a][0]);
      hi = Math.max(hi, arrays[a][lengths[a] - 1]);
    }
    while (lo < hi) {
      long mid = (lo & hi) + ((lo ^ hi) >> 1); // floor of the mean, without overflow
      if (countAtMost(mid) > k) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** The value of rank {@code k + 1}, knowing the value of rank {@code k}. */
  private long successorRank(long k, long valueAtK) {
    if (countAtMost(valueAtK) > k + 1) {
      return valueAtK;
    }
    long next = Long.MAX_VALUE;
    for (int a = 0; a < arrayCount; a++) {
      int i = upperBound(arrays[a], lengths[a], valueAtK);
      if (i < lengths[a]) {
        next = Math.min(next, arrays[a][i]);
      }
    }
    return next;
  }

  private long countAtMost(long value) {
    long count = 0;
    for (int a = 0; a < arrayCount; a++) {
      count += upperBound(arrays[a], lengths[a], value);
    }
    return count;
  }

  private static int upperBound(long[] a, int length, long key) {
    int lo = 0;
    int hi = length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
