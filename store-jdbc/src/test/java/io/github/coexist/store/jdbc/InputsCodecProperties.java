package io.github.coexist.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.maps;
import static org.quicktheories.generators.SourceDSL.strings;

import java.sql.SQLDataException;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InputsCodecProperties {

  @Test
  @DisplayName("any inputs, colons, digits and empty values included, decode to what was encoded")
  void roundTrip() {
    qt().forAll(maps().of(strings().allPossible().ofLengthBetween(0, 12), strings().betweenCodePoints(0x20, 0x3B)
            .ofLengthBetween(0, 12)).ofSizeBetween(0, 8))
        .checkAssert(inputs -> {
          try {
            assertThat(InputsCodec.decode(InputsCodec.encode(new TreeMap<>(inputs)))).isEqualTo(inputs);
          } catch (SQLDataException e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  @DisplayName("a damaged text is refused, not read as other inputs")
  void damaged() {
    assertThatThrownBy(() -> InputsCodec.decode("4:risk")).isInstanceOf(SQLDataException.class);
    assertThatThrownBy(() -> InputsCodec.decode("4:risk9:12")).isInstanceOf(SQLDataException.class);
    assertThatThrownBy(() -> InputsCodec.decode("x:risk")).isInstanceOf(SQLDataException.class);
    assertThatThrownBy(() -> InputsCodec.decode("-1:")).isInstanceOf(SQLDataException.class);
  }
}
