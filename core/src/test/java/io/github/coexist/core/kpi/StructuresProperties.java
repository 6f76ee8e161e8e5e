package io.github.coexist.core.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The engine's primitive structures against the JDK's obvious equivalents. */
class StructuresProperties {

  @Test
  @DisplayName("the key table gives every distinct key one dense index and gives the key back")
  void keyTable() {
    Gen<String> keys = Generate.oneOf(
        strings().basicLatinAlphabet().ofLengthBetween(1, 6),
        strings().betweenCodePoints('0', 'f').ofLengthBetween(1, 8).map(s -> s.toLowerCase(java.util.Locale.ROOT)),
        strings().allPossible().ofLengthBetween(1, 3));
    qt().withExamples(200).forAll(lists().of(keys).ofSizeBetween(0, 300)).checkAssert(list -> {
      KeyTable table = new KeyTable();
      Map<String, Integer> expected = new HashMap<>();
      for (String key : list) {
        int index = table.intern(key);
        assertThat(index).isEqualTo(expected.computeIfAbsent(key, k -> expected.size()));
      }
      assertThat(table.size()).isEqualTo(expected.size());
      expected.forEach((key, index) -> {
        assertThat(table.find(key)).isEqualTo(index);
        assertThat(table.key(index)).isEqualTo(key);
      });
      assertThat(table.find("\u0000never")).isEqualTo(-1);
    });
  }

  @Test
  @DisplayName("hex keys are packed, yet 'ab' and the one-character key of byte 0xab stay distinct")
  void hexPackingIsUnambiguous() {
    KeyTable table = new KeyTable();
    int hex = table.intern("ab");
    int latin = table.intern("\u00ab");
    int upper = table.intern("AB");
    assertThat(hex).isNotEqualTo(latin).isNotEqualTo(upper);
    assertThat(table.key(hex)).isEqualTo("ab");
    assertThat(table.key(latin)).isEqualTo("\u00ab");
    assertThat(table.key(upper)).isEqualTo("AB");
    String sha = "0123456789abcdef0123456789abcdef01234567";
    assertThat(table.key(table.intern(sha))).isEqualTo(sha);
  }

  @Test
  @DisplayName("sorted pairs answer ranges and floors like a sorted multimap, through adds and removes")
  void sortedPairs() {
    Gen<int[]> operation = Generate.intArrays(Generate.constant(3), Generate.range(0, 400));
    qt().withExamples(200).forAll(lists().of(operation).ofSizeBetween(0, 600), integers().between(0, 400))
        .checkAssert((operations, probe) -> checkSortedPairs(operations, probe, (op, index) -> op[0] % 50));
  }

  @Test
  @DisplayName("sorted pairs stay right when keys mostly arrive in order, filling chunk after chunk")
  void sortedPairsInOrder() {
    Gen<int[]> operation = Generate.intArrays(Generate.constant(3), Generate.range(0, 400));
    qt().withExamples(100).forAll(lists().of(operation).ofSizeBetween(0, 900), integers().between(0, 400))
        .checkAssert((operations, probe) -> checkSortedPairs(operations, probe,
            (op, index) -> op[0] % 10 == 0 ? op[0] % 50 : index / 3));
  }

  /** Runs {@code operations} (add, or remove when the third number is a multiple of 3) against a TreeMap model. */
  private static void checkSortedPairs(List<int[]> operations, int probe, java.util.function.BiFunction<int[], Integer, Integer> keyOf) {
    SortedPairs pairs = new SortedPairs();
    TreeMap<Long, List<Integer>> model = new TreeMap<>();
    for (int index = 0; index < operations.size(); index++) {
      int[] op = operations.get(index);
      long key = keyOf.apply(op, index);
      int value = op[1] % 7;
      if (op[2] % 3 == 0) {
        List<Integer> values = model.get(key);
        boolean present = values != null && values.remove(Integer.valueOf(value));
        if (values != null && values.isEmpty()) {
          model.remove(key);
        }
        assertThat(pairs.remove(key, value)).isEqualTo(present);
      } else {
        pairs.add(key, value);
        model.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      }
    }
    for (long lo : new long[] {probe % 50, probe, model.isEmpty() ? 0 : model.lastKey(), model.isEmpty() ? 0 : model.lastKey() + 1}) {
      long hi = lo + probe % 13;
      List<Integer> actual = new ArrayList<>();
      pairs.forEachInRange(lo, hi, actual::add);
      List<Integer> expected = new ArrayList<>();
      model.subMap(lo, true, hi, true).values().forEach(expected::addAll);
      assertThat(actual).containsExactlyElementsOf(expected);
      Long floor = model.floorKey(lo);
      assertThat(pairs.floorKey(lo)).isEqualTo(floor == null ? Long.MIN_VALUE : floor);
    }
  }

  @Test
  @DisplayName("quantiles over whole days and loose values equal those of the sorted values")
  void selection() {
    qt().withExamples(300).forAll(
            lists().of(lists().of(integers().between(-1000, 1000)).ofSizeBetween(0, 40)).ofSizeBetween(0, 8),
            lists().of(integers().between(-1000, 1000)).ofSizeBetween(0, 20),
            integers().between(0, 100))
        .checkAssert((days, loose, percent) -> {
          Selection selection = new Selection();
          List<Long> all = new ArrayList<>();
          for (List<Integer> day : days) {
            long[] sorted = day.stream().mapToLong(Integer::longValue).sorted().toArray();
            long[] padded = java.util.Arrays.copyOf(sorted, sorted.length + 3);
            selection.addSorted(padded, sorted.length);
            day.forEach(v -> all.add((long) v));
          }
          loose.forEach(v -> {
            selection.add(v);
            all.add((long) v);
          });
          double p = percent / 100.0;
          assertThat(selection.size()).isEqualTo(all.size());
          OptionalDouble actual = selection.quantile(p);
          if (all.isEmpty()) {
            assertThat(actual).isEmpty();
            return;
          }
          long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
          double rank = (sorted.length - 1) * p;
          int below = (int) Math.floor(rank);
          double expected = below + 1 < sorted.length
              ? sorted[below] + (rank - below) * (sorted[below + 1] - sorted[below])
              : sorted[below];
          assertThat(actual.getAsDouble()).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-9));
        });
  }

  @Test
  @DisplayName("a series counts, sums and finds points in any window, across day edges and removals")
  void series() {
    long day = Series.DAY;
    Gen<long[]> point = rs -> new long[] {Generate.longRange(-3 * day, 5 * day).generate(rs), Generate.range(0, 9).generate(rs)};
    qt().withExamples(200).forAll(lists().of(point).ofSizeBetween(0, 200), Generate.longRange(-4 * day, 6 * day),
            Generate.longRange(0, 4 * day))
        .checkAssert((points, from, length) -> {
          Series series = new Series();
          List<long[]> kept = new ArrayList<>();
          for (int i = 0; i < points.size(); i++) {
            series.add(points.get(i)[0], points.get(i)[1]);
            kept.add(points.get(i));
            if (i % 3 == 2) {
              long[] gone = kept.remove(kept.size() / 2);
              series.remove(gone[0], gone[1]);
            }
          }
          long to = from + length;
          Series.Tally tally = new Series.Tally();
          series.tally(from, to, tally);
          List<long[]> inside = kept.stream().filter(p -> p[0] >= from && p[0] < to).collect(java.util.stream.Collectors.toList());
          assertThat(tally.count).isEqualTo(inside.size());
          assertThat(tally.sum).isEqualTo(inside.stream().mapToLong(p -> p[1]).sum());
          assertThat(series.any(from, to)).isEqualTo(!inside.isEmpty());
          Selection selection = new Selection();
          series.gather(from, to, selection);
          assertThat(selection.size()).isEqualTo(inside.size());
        });
  }
}
