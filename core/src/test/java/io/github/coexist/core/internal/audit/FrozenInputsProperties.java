package io.github.coexist.core.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.github.coexist.core.audit.AuditEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The audit inputs map behaves as an unmodifiable TreeMap of the same entries. */
class FrozenInputsProperties {

  @Test
  @DisplayName("reads, iterates, compares and slices exactly as a TreeMap of the same entries")
  void behavesLikeTreeMap() {
    qt().withExamples(300)
        .forAll(lists().of(strings().basicLatinAlphabet().ofLengthBetween(0, 4)).ofSizeBetween(0, 12),
            strings().basicLatinAlphabet().ofLengthBetween(0, 3),
            strings().basicLatinAlphabet().ofLengthBetween(0, 3))
        .checkAssert((names, a, b) -> {
          Map<String, String> source = new HashMap<>();
          for (String name : names) {
            source.put(name, "v" + name.length() + name);
          }
          TreeMap<String, String> model = new TreeMap<>(source);
          FrozenInputs frozen = FrozenInputs.of(source);
          assertThat(frozen).isEqualTo(model);
          assertThat(frozen.hashCode()).isEqualTo(model.hashCode());
          assertThat(new ArrayList<>(frozen.keySet())).isEqualTo(new ArrayList<>(model.keySet()));
          assertThat(new ArrayList<>(frozen.values())).isEqualTo(new ArrayList<>(model.values()));
          List<String> visited = new ArrayList<>();
          frozen.forEach((k, v) -> visited.add(k + "=" + v));
          List<String> expected = new ArrayList<>();
          model.forEach((k, v) -> expected.add(k + "=" + v));
          assertThat(visited).isEqualTo(expected);
          assertThat(frozen.get(a)).isEqualTo(model.get(a));
          assertThat(frozen.containsKey(b)).isEqualTo(model.containsKey(b));
          assertThat(frozen.headMap(a)).isEqualTo(model.headMap(a));
          assertThat(frozen.tailMap(a)).isEqualTo(model.tailMap(a));
          String low = a.compareTo(b) <= 0 ? a : b;
          String high = a.compareTo(b) <= 0 ? b : a;
          SortedMap<String, String> sub = frozen.subMap(low, high);
          assertThat(sub).isEqualTo(model.subMap(low, high));
          if (!model.isEmpty()) {
            assertThat(frozen.firstKey()).isEqualTo(model.firstKey());
            assertThat(frozen.lastKey()).isEqualTo(model.lastKey());
          }
          assertThat(FrozenInputs.of(model)).isEqualTo(model);
          assertThat(FrozenInputs.of(frozen)).isSameAs(frozen);
        });
  }

  @Test
  @DisplayName("cannot be changed, and refuses null names and values")
  void immutable() {
    FrozenInputs frozen = FrozenInputs.of(Map.of("a", "1", "b", "2"));
    assertThatThrownBy(() -> frozen.put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frozen.remove("a")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frozen.entrySet().iterator().next().setValue("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frozen.entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
    Map<String, String> withNull = new HashMap<>();
    withNull.put("a", null);
    assertThatThrownBy(() -> FrozenInputs.of(withNull)).isInstanceOf(NullPointerException.class);
  }

  @Test
  @DisplayName("a copy taken from a mutable map does not follow later changes to it")
  void copies() {
    TreeMap<String, String> source = new TreeMap<>(Map.of("a", "1"));
    AuditEvent event = new AuditEvent(io.github.coexist.core.kernel.Actor.COEXIST, "x", "y",
        java.util.Optional.empty(), source, "z");
    source.put("b", "2");
    assertThat(event.inputs()).containsOnlyKeys("a");
  }
}
