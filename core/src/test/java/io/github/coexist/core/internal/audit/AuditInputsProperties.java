package io.github.coexist.core.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Inputs collected one by one freeze into the map a TreeMap given the same puts would be. */
class AuditInputsProperties {

  @Test
  @DisplayName("freezes into what a TreeMap given the same puts holds, in any order, repeated names included")
  void sameAsTreeMap() {
    qt().withExamples(300)
        .forAll(lists().of(strings().basicLatinAlphabet().ofLengthBetween(0, 2)).ofSizeBetween(0, 20),
            integers().between(0, 8))
        .checkAssert((names, expected) -> {
          AuditInputs inputs = AuditInputs.expecting(expected);
          TreeMap<String, String> model = new TreeMap<>();
          for (int i = 0; i < names.size(); i++) {
            inputs.put(names.get(i), "v" + i);
            model.put(names.get(i), "v" + i);
          }
          SortedMap<String, String> frozen = inputs.freeze();
          assertThat(frozen).isEqualTo(model);
          assertThat(new ArrayList<>(frozen.keySet())).isEqualTo(new ArrayList<>(model.keySet()));
          assertThat(new ArrayList<>(frozen.values())).isEqualTo(new ArrayList<>(model.values()));
          if (!model.isEmpty()) {
            String first = model.firstKey();
            assertThat(frozen.tailMap(first)).isEqualTo(model.tailMap(first));
            assertThat(frozen.lastKey()).isEqualTo(model.lastKey());
          }
          assertThat(FrozenInputs.of(frozen)).isSameAs(frozen);
        });
  }

  @Test
  @DisplayName("refuses null names and values and a negative expected count; the frozen map cannot be changed")
  void refusals() {
    assertThatThrownBy(() -> AuditInputs.expecting(1).put(null, "x")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AuditInputs.expecting(1).put("x", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AuditInputs.expecting(-1)).isInstanceOf(IllegalArgumentException.class);
    SortedMap<String, String> frozen = AuditInputs.expecting(1).put("b", "2").put("a", "1").freeze();
    assertThat(List.copyOf(frozen.keySet())).containsExactly("a", "b");
    assertThatThrownBy(() -> frozen.put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
  }
}
