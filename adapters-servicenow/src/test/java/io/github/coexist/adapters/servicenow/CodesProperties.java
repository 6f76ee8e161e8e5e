package io.github.coexist.adapters.servicenow;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CodesProperties {

  @Test
  @DisplayName("any instant survives a round trip through ServiceNow's date format, cut to the second")
  void datesRoundTrip() {
    qt().withExamples(300)
        .forAll(longs().between(0, 253_402_300_799L), longs().between(0, 999))
        .checkAssert((seconds, millis) -> {
          Instant instant = Instant.ofEpochSecond(seconds).plusMillis(millis);
          org.assertj.core.api.Assertions.assertThat(SnDates.parse(SnDates.format(instant)).get())
              .isEqualTo(Instant.ofEpochSecond(seconds));
        });
  }
}
