package io.github.coexist.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AlertTest {
  private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  @DisplayName("an alert with every field wrong is refused with every problem listed")
  void everyProblem() {
    CoexistError error = Alert.builder().source(" ").severity("apocalyptic").status("maybe")
        .impact(0).urgency(4).label(" ", "x").build().getLeft();
    assertThat(error).isInstanceOfSatisfying(CoexistError.InvalidInput.class, invalid ->
        assertThat(invalid.problems()).containsExactly(
            "source is required",
            "dedup key is required",
            "service is required",
            "at (when the alert fired or cleared) is required",
            "severity 'apocalyptic' is not one of critical, error, warning, info",
            "status 'maybe' is not firing or resolved",
            "summary is required for a firing alert",
            "impact must be 1 to 3, was 0",
            "urgency must be 1 to 3, was 4",
            "label names must not be blank"));
  }

  @Test
  @DisplayName("a too long summary is refused, not cut")
  void longSummary() {
    CoexistError error = Alert.builder().source("prometheus").dedupKey("k").service("shop")
        .summary("x".repeat(Alert.MAX_SUMMARY + 1)).severity("critical").status("firing").at(AT).build().getLeft();
    assertThat(error.message()).contains("summary must be at most 1024 characters, was 1025");
  }

  @Test
  @DisplayName("severity gives impact and urgency unless the alert states them")
  void severityDefaults() {
    Alert critical = Fixtures.alert("k", "shop", "critical", "firing", AT);
    assertThat(critical.effectiveImpact()).isEqualTo(Impact.HIGH);
    assertThat(critical.effectiveUrgency()).isEqualTo(Urgency.HIGH);
    Alert stated = Alert.builder().source("prometheus").dedupKey("k").service("shop").summary("s")
        .severity("warn").impact(3).urgency(1).status("triggered").at(AT).build().get();
    assertThat(stated.severity()).isEqualTo(AlertSeverity.WARNING);
    assertThat(stated.effectiveImpact()).isEqualTo(Impact.LOW);
    assertThat(stated.effectiveUrgency()).isEqualTo(Urgency.HIGH);
    assertThat(stated.isFiring()).isTrue();
  }

  @Test
  @DisplayName("a clear needs no summary; the key and signature come from source and dedup key")
  void clearAndKeys() {
    Alert clear = Alert.builder().source("datadog").dedupKey("cpu-high").service("shop").severity("info")
        .status("OK").at(AT).build().get();
    assertThat(clear.isFiring()).isFalse();
    assertThat(clear.correlationKey()).isEqualTo("datadog/shop/cpu-high");
    assertThat(clear.signature()).isEqualTo("datadog/shop/cpu-high");
    Alert labelled = Alert.builder().source("datadog").dedupKey("cpu-high-pod-7").service("shop").severity("info")
        .summary("cpu").status("firing").at(AT).label(Alert.SIGNATURE_LABEL, "cpu-high").build().get();
    assertThat(labelled.signature()).isEqualTo("cpu-high");
  }
}
