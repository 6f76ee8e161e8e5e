package io.github.coexist.core.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The sort behind per-day medians: up to 25 values it is an insertion sort, above that a
 * quick-sort, so both are checked, on the shapes that break quick-sorts (sorted, reversed, all
 * equal, few distinct values) and with each value's companion moving along with it.
 */
class PairSortTest {

  @Test
  @DisplayName("sorts every size from 0 to 300 like Arrays.sort, companions following their keys")
  void sortsLikeTheJdk() {
    Random random = new Random(42);
    for (int n = 0; n <= 300; n++) {
      for (String shape : new String[] {"random", "sorted", "reversed", "equal", "few", "organ"}) {
        long[] keys = keys(shape, n, random);
        check(keys, shape);
      }
    }
  }

  @Test
  @DisplayName("sorts only the range asked for, leaving what is outside untouched")
  void sortsARange() {
    Random random = new Random(7);
    long[] keys = random.longs(100, -1_000, 1_000).toArray();
    int[] companions = IntStream.range(0, 100).toArray();
    long[] before = keys.clone();
    PairSort.sort(keys, companions, 10, 89);
    assertThat(Arrays.copyOfRange(keys, 0, 10)).isEqualTo(Arrays.copyOfRange(before, 0, 10));
    assertThat(Arrays.copyOfRange(keys, 90, 100)).isEqualTo(Arrays.copyOfRange(before, 90, 100));
    long[] middle = Arrays.copyOfRange(before, 10, 90);
    Arrays.sort(middle);
    assertThat(Arrays.copyOfRange(keys, 10, 90)).isEqualTo(middle);
    for (int i = 0; i < 100; i++) {
      assertThat(keys[i]).isEqualTo(before[companions[i]]);
    }
  }

  private static void check(long[] original, String shape) {
    int n = original.length;
    long[] keys = original.clone();
    int[] companions = IntStream.range(0, n).toArray();
    PairSort.sort(keys, companions, 0, n - 1);
    long[] expected = original.clone();
    Arrays.sort(expected);
    assertThat(keys).as("%s of %d", shape, n).isEqualTo(expected);
    // each companion still names the position its key came from, and none is lost or doubled
    for (int i = 0; i < n; i++) {
      assertThat(original[companions[i]]).as("%s of %d at %d", shape, n, i).isEqualTo(keys[i]);
    }
    assertThat(Arrays.stream(companions).sorted().toArray()).isEqualTo(IntStream.range(0, n).toArray());
  }

  private static long[] keys(String shape, int n, Random random) {
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = switch (shape) {
        case "random" -> random.nextLong() % 1_000_000;
        case "sorted" -> i * 3L;
        case "reversed" -> (n - i) * 3L;
        case "equal" -> 5;
        case "few" -> random.nextInt(3);
        default -> i < n / 2 ? i : n - i;
      };
    }
    return keys;
  }

}
