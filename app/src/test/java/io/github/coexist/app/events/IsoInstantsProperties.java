package io.github.coexist.app.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class IsoInstantsProperties {
  @Test
  @DisplayName("every instant reads back from its ISO-8601 UTC text, and from any offset's text")
  void readsBack() {
    qt().withExamples(500)
        .forAll(Generate.longRange(-2_000_000_000L, 8_000_000_000L), Generate.range(0, 999_999_999), Generate.range(-18, 18))
        .checkAssert((seconds, nanos, offsetHours) -> {
          Instant instant = Instant.ofEpochSecond(seconds, nanos);
          assertThat(IsoInstants.parse(instant.toString())).contains(instant);
          String offset = OffsetDateTime.ofInstant(instant, ZoneOffset.ofHours(offsetHours)).toString();
          assertThat(IsoInstants.parse(offset)).contains(instant);
        });
  }

  @Test
  @DisplayName("the quick form agrees with java.time on every second of the years 0000 to 9999")
  void quickFormAgreesWithJavaTime() {
    qt().withExamples(2000)
        .forAll(Generate.longRange(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
            Instant.parse("9999-12-31T23:59:59Z").getEpochSecond()), Generate.range(0, 999))
        .checkAssert((seconds, millis) -> {
          Instant instant = Instant.ofEpochSecond(seconds, millis * 1_000_000L);
          byte[] text = instant.toString().getBytes(StandardCharsets.US_ASCII);
          assertThat(IsoInstants.fast(text, 0, text.length)).isEqualTo(instant);
        });
  }

  @Test
  @DisplayName("impossible dates and times are refused")
  void refusesImpossible() {
    assertThat(IsoInstants.parse("2023-02-29T00:00:00Z")).isEmpty();
    assertThat(IsoInstants.parse("2024-03-04T24:00:00Z")).isEmpty();
    assertThat(IsoInstants.parse("2024-03-04T10:60:00Z")).isEmpty();
    assertThat(IsoInstants.parse("2024-03-04 10:00:00Z")).isEmpty();
    assertThat(IsoInstants.parse("2024-03-04")).isEmpty();
    assertThat(IsoInstants.parse("2024-02-29T23:59:59.123456789Z")).contains(Instant.parse("2024-02-29T23:59:59.123456789Z"));
    assertThat(IsoInstants.parse("2100-02-29T00:00:00Z")).isEmpty();
    assertThat(IsoInstants.parse("2000-02-29T00:00:00Z")).contains(Instant.parse("2000-02-29T00:00:00Z"));
    assertThat(IsoInstants.parse("2024-04-31T00:00:00Z")).isEmpty();
    assertThat(IsoInstants.parse("2024-13-01T00:00:00Z")).isEmpty();
    assertThat(IsoInstants.parse("2024-00-01T00:00:00Z")).isEmpty();
    assertThat(IsoInstants.parse("2024-01-00T00:00:00Z")).isEmpty();
  }
}
