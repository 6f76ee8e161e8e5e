package io.github.coexist.core.kpi;

/** Sorts a {@code long[]} ascending and carries an {@code int[]} along, without boxing. */
final class PairSort {
  private static final int INSERTION = 24;

  private PairSort() {}

  /** Sorts {@code keys[lo..hi]} (inclusive), moving {@code companions} with them. */
  static void sort(long[] keys, int[] companions, int lo, int hi) {
    while (hi - lo > INSERTION) {
      int mid = (lo + hi) >>> 1;
      // median of three as pivot, so that sorted and reverse-sorted input stay O(n log n)
      if (keys[mid] < keys[lo]) {
        swap(keys, companions, mid, lo);
      }
      if (keys[hi] < keys[lo]) {
        swap(keys, companions, hi, lo);
      }
      if (keys[hi] < keys[mid]) {
        swap(keys, companions, hi, mid);
      }
      long pivot = keys[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (keys[i] < pivot) {
          i++;
        }
        while (keys[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(keys, companions, i++, j--);
        }
      }
      // recurse into the smaller side, loop on the larger: bounded stack depth
      if (j - lo < hi - i) {
        sort(keys, companions, lo, j);
        lo = i;
      } else {
        sort(keys, companions, i, hi);
        hi = j;
      }
    }
    for (int i = lo + 1; i <= hi; i++) {
      long key = keys[i];
      int companion = companions[i];
      int j = i - 1;
      while (j >= lo && keys[j] > key) {
        keys[j + 1] = keys[j];
        companions[j + 1] = companions[j];
        j--;
      }
      keys[j + 1] = key;
      companions[j + 1] = companion;
    }
  }

  private static void swap(long[] keys, int[] companions, int a, int b) {
    long k = keys[a];
    keys[a] = keys[b];
    keys[b] = k;
    int c = companions[a];
    companions[a] = companions[b];
    companions[b] = c;
  }
}
