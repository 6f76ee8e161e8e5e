package io.github.coexist.core.kpi;

import java.util.ArrayList;
import java.util.function.IntConsumer;

/**
 * A multiset of {@code (key, value)} pairs ordered by key, in primitive chunks of at most 128
 * pairs: a service's successful production deployments by finish time, its incidents by opening
 * time. Finding a position costs O(log n); inserting or removing moves at most one chunk's worth
 * of pairs. Not thread-safe.
 */
final class SortedPairs {
  private static final int CHUNK = 128;

  private final ArrayList<Chunk> chunks = new ArrayList<>();

  private static final class Chunk {
    final long[] keys = new long[CHUNK];
    final int[] values = new int[CHUNK];
    int size;

    long first() {
      return keys[0];
    }

    long last() {
      return keys[size - 1];
    }
  }

  void add(long key, int value) {
    if (chunks.isEmpty()) {
      chunks.add(new Chunk());
    }
    Chunk tail = chunks.get(chunks.size() - 1);
    if (tail.size > 0 && key >= tail.last()) {
      // facts mostly arrive in time order: append, filling chunks rather than splitting them
      if (tail.size == CHUNK) {
        tail = new Chunk();
        chunks.add(tail);
      }
      tail.keys[tail.size] = key;
      tail.values[tail.size] = value;
      tail.size++;
      return;
    }
    int ci = chunks.get(0).size == 0 ? 0 : Math.min(firstChunkWithLastAbove(key), chunks.size() - 1);
    Chunk chunk = chunks.get(ci);
    int pos = upperBound(chunk, key);
    if (chunk.size == CHUNK) {
      Chunk upper = new Chunk();
      int half = CHUNK / 2;
      System.arraycopy(chunk.keys, half, upper.keys, 0, CHUNK - half);
      System.arraycopy(chunk.values, half, upper.values, 0, CHUNK - half);
      upper.size = CHUNK - half;
      chunk.size = half;
      chunks.add(ci + 1, upper);
      if (pos > half) {
        chunk = upper;
        pos -= half;
      }
    }
    System.arraycopy(chunk.keys, pos, chunk.keys, pos + 1, chunk.size - pos);
    System.arraycopy(chunk.values, pos, chunk.values, pos + 1, chunk.size - pos);
    chunk.keys[pos] = key;
    chunk.values[pos] = value;
    chunk.size++;
  }

  /** Removes one pair equal to {@code (key, value)}; answers whether there was one. */
  boolean remove(long key, int value) {
    for (int ci = firstChunkWithLastAtLeast(key); ci < chunks.size(); ci++) {
      Chunk chunk = chunks.get(ci);
      if (chunk.first() > key) {
        return false;
      }
      for (int i = lowerBound(chunk, key); i < chunk.size && chunk.keys[i] == key; i++) {
        if (chunk.values[i] == value) {
          System.arraycopy(chunk.keys, i + 1, chunk.keys, i, chunk.size - i - 1);
          System.arraycopy(chunk.values, i + 1, chunk.values, i, chunk.size - i - 1);
          if (--chunk.size == 0) {
            chunks.remove(ci);
          }
          return true;
        }
      }
    }
    return false;
  }

  /** Calls {@code action} with the value of every pair whose key lies in {@code [lo, hi]}, in key order. */
  void forEachInRange(long lo, long hi, IntConsumer action) {
    if (chunks.isEmpty() || chunks.get(chunks.size() - 1).last() < lo) {
      return; // the common case of a range after every key: no search
    }
    for (int ci = firstChunkWithLastAtLeast(lo); ci < chunks.size(); ci++) {
      Chunk chunk = chunks.get(ci);
      for (int i = lowerBound(chunk, lo); i < chunk.size; i++) {
        if (chunk.keys[i] > hi) {
          return;
        }
        action.accept(chunk.values[i]);
      }
    }
  }

  /** The greatest key at or below {@code key}, or {@link Long#MIN_VALUE} when there is none. */
  long floorKey(long key) {
    if (!chunks.isEmpty() && chunks.get(chunks.size() - 1).last() <= key) {
      return chunks.get(chunks.size() - 1).last(); // the common case of a key after every key: no search
    }
    int ci = firstChunkWithLastAbove(key);
    if (ci < chunks.size()) {
      Chunk chunk = chunks.get(ci);
      int pos = upperBound(chunk, key);
      if (pos > 0) {
        return chunk.keys[pos - 1];
      }
    }
    return ci == 0 ? Long.MIN_VALUE : chunks.get(ci - 1).last();
  }

  private int firstChunkWithLastAbove(long key) {
    int lo = 0;
    int hi = chunks.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (chunks.get(mid).last() <= key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private int firstChunkWithLastAtLeast(long key) {
    int lo = 0;
    int hi = chunks.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (chunks.get(mid).last() < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int upperBound(Chunk chunk, long key) {
    int lo = 0;
    int hi = chunk.size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (chunk.keys[mid] <= key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int lowerBound(Chunk chunk, long key) {
    return Series.lowerBound(chunk.keys, chunk.size, key);
  }
}
