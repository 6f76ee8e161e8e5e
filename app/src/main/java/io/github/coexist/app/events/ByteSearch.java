package io.github.coexist.app.events;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the next byte of interest eight bytes at a time (SWAR: a {@code long} as eight lanes):
 * a log is hundreds of megabytes of long plain runs (shas, times, ids) between the few bytes that
 * matter, and a byte-by-byte loop over them was half of the time spent reading it.
 *
 * <p>Each search answers the index of the first byte of interest in {@code [from, to)}, or
 * {@code to} when there is none. Bit tricks after "Bit Twiddling Hacks" (determine if a word has
 * a zero byte): in a little-endian word, the lowest flagged lane is exactly the first match.
 */
final class ByteSearch {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101_0101_0101_0101L;
  private static final long HIGHS = 0x8080_8080_8080_8080L;
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';
  private static final long SPACES = ONES * ' ';
  private static final long LINE_FEEDS = ONES * '\n';
  private static final long RETURNS = ONES * '\r';

  private ByteSearch() {}

  /** The first byte that ends a plain JSON string run: a quote, a backslash, a control character or a byte beyond ASCII. */
  static int stringStop(byte[] bytes, int from, int to) {
    int at = from;
    for (; at + Long.BYTES <= to; at += Long.BYTES) {
      long word = (long) LONGS.get(bytes, at);
      long found = zeroLanes(word ^ QUOTES) | zeroLanes(word ^ BACKSLASHES)
          | ((word - SPACES) & ~word & HIGHS) // below ' ' (a lane at or above 0x80 is not flagged here...)
          | (word & HIGHS); // ...but here
      if (found != 0) {
        return at + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; at < to; at++) {
      byte b = bytes[at];
      if (b == '"' || b == '\\' || b < ' ') {
        return at;
      }
    }
    return to;
  }

  /** The first {@code \n} or {@code \r}. */
  static int lineBreak(byte[] bytes, int from, int to) {
    int at = from;
    for (; at + Long.BYTES <= to; at += Long.BYTES) {
      long word = (long) LONGS.get(bytes, at);
      long found = zeroLanes(word ^ LINE_FEEDS) | zeroLanes(word ^ RETURNS);
      if (found != 0) {
        return at + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; at < to; at++) {
      byte b = bytes[at];
      if (b == '\n' || b == '\r') {
        return at;
      }
    }
    return to;
  }

  /** Flags (with its high bit) each zero lane of {@code word}; lanes above the lowest zero may be flagged falsely. */
  private static long zeroLanes(long word) {
    return (word - ONES) & ~word & HIGHS;
  }
}
