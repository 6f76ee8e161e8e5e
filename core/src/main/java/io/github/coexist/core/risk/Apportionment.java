package io.github.coexist.core.risk;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Rounds shares to whole numbers that add up to a given total, by the largest-remainder method:
 * every share gets its whole part, and the units still missing go to the shares with the largest
 * fractional parts (ties to the earlier share). It keeps a displayed breakdown adding up to the
 * displayed total, and never rounds a share to more than the next whole number above it.
 */
final class Apportionment {
  /** Shares are snapped to this grid first, so that 12.499999999 and 12.5 are the same share. */
  private static final double GRID = 1e9;

  private Apportionment() {}

  /** {@code value} on a 1e-9 grid; monotone, so it keeps the order of values. */
  static double snap(double value) {
    return Math.rint(value * GRID) / GRID;
  }

  /** The whole number nearest {@code value}, halves rounded up. */
  static int roundHalfUp(double value) {
    return (int) Math.floor(snap(value) + 0.5);
  }

  /**
   * Whole numbers, one per share, each the share's floor or ceiling, adding up to {@code total}.
   *
   * @param shares non-negative shares
   * @param total a whole number between the sum of the floors and the sum of the ceilings
   */
  static int[] apportion(double[] shares, int total) {
    int[] whole = new int[shares.length];
    int assigned = 0;
    for (int i = 0; i < shares.length; i++) {
      whole[i] = (int) Math.floor(snap(shares[i]));
      assigned += whole[i];
    }
    int missing = total - assigned;
    int[] byRemainder = IntStream.range(0, shares.length)
        .boxed()
        .filter(i -> snap(shares[i]) > whole[i])
        .sorted(Comparator.<Integer>comparingDouble(i -> snap(shares[i]) - whole[i]).reversed()
            .thenComparing(Comparator.naturalOrder()))
        .mapToInt(Integer::intValue)
        .toArray();
    if (missing < 0 || missing > byRemainder.length) {
      throw new IllegalArgumentException("cannot apportion a total of " + total + " over these shares");
    }
    for (int k = 0; k < missing; k++) {
      whole[byRemainder[k]]++;
    }
    return whole;
  }
}
