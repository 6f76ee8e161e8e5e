package io.github.coexist.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimesProperties {
  @Test
  @DisplayName("writes every instant exactly as Instant.toString does")
  void sameAsJdk() {
    qt().withExamples(2_000)
        .forAll(longs().between(-100_000_000_000L, 300_000_000_000L), integers().between(0, 999_999_999),
            integers().between(0, 2))
        .checkAssert((seconds, nanos, precision) -> {
          int nano = switch (precision) {
            case 0 -> nanos / 1_000_000 * 1_000_000;
            case 1 -> nanos / 1_000 * 1_000;
            default -> nanos;
          };
          Instant instant = Instant.ofEpochSecond(seconds, nano);
          assertThat(Times.iso(instant)).isEqualTo(instant.toString());
        });
  }

  @Test
  @DisplayName("writes whole seconds and the epoch as the JDK does")
  void edges() {
    for (Instant instant : new Instant[] {Instant.EPOCH, Instant.parse("2025-03-04T10:00:00Z"),
        Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("2024-02-29T00:00:00.5Z")}) {
      assertThat(Times.iso(instant)).isEqualTo(instant.toString());
    }
  }
}
