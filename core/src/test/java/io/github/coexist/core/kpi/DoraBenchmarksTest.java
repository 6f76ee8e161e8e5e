package io.github.coexist.core.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DoraBenchmarksTest {
  private static final double HOUR = 3600;
  private static final double DAY = 24 * HOUR;

  @Test
  @DisplayName("2024 is the default: its published clusters, kept monotone, with every bound pinned")
  void defaults2024() {
    DoraBenchmarks b = DoraBenchmarks.defaults();
    assertThat(b.name()).isEqualTo("DORA 2024");
    assertSharedBounds(b);
    assertThat(b.level(DoraMetric.CHANGE_FAILURE_RATE, 0.05)).isEqualTo(DoraLevel.ELITE);
    assertThat(b.level(DoraMetric.CHANGE_FAILURE_RATE, 0.1)).isEqualTo(DoraLevel.HIGH);
    assertThat(b.level(DoraMetric.CHANGE_FAILURE_RATE, 0.18)).isEqualTo(DoraLevel.MEDIUM);
    assertThat(b.level(DoraMetric.CHANGE_FAILURE_RATE, 0.2)).isEqualTo(DoraLevel.MEDIUM);
    assertThat(b.level(DoraMetric.CHANGE_FAILURE_RATE, 0.201)).isEqualTo(DoraLevel.LOW);
  }

  @Test
  @DisplayName("2023 keeps its own cut-offs, bounds pinned (a change failure rate of 18 % is low there)")
  void year2023() {
    DoraBenchmarks b = DoraBenchmarks.forYear(2023).get();
    assertThat(b.name()).isEqualTo("DORA 2023");
    assertSharedBounds(b);
    assertThat(b.level(DoraMetric.CHANGE_FAILURE_RATE, 0.05)).isEqualTo(DoraLevel.ELITE);
    assertThat(b.level(DoraMetric.CHANGE_FAILURE_RATE, 0.1)).isEqualTo(DoraLevel.HIGH);
    assertThat(b.level(DoraMetric.CHANGE_FAILURE_RATE, 0.15)).isEqualTo(DoraLevel.MEDIUM);
    assertThat(b.level(DoraMetric.CHANGE_FAILURE_RATE, 0.151)).isEqualTo(DoraLevel.LOW);
    assertThat(b.level(DoraMetric.CHANGE_FAILURE_RATE, 0.18)).isEqualTo(DoraLevel.LOW);
  }

  /** The bounds 2023 and 2024 share: frequency, lead time and recovery time. */
  private static void assertSharedBounds(DoraBenchmarks b) {
    assertThat(b.level(DoraMetric.DEPLOYMENT_FREQUENCY, 5)).isEqualTo(DoraLevel.ELITE);
    assertThat(b.level(DoraMetric.DEPLOYMENT_FREQUENCY, 4.99)).isEqualTo(DoraLevel.HIGH);
    assertThat(b.level(DoraMetric.DEPLOYMENT_FREQUENCY, 1)).isEqualTo(DoraLevel.HIGH);
    assertThat(b.level(DoraMetric.DEPLOYMENT_FREQUENCY, 7 / 30.0)).isEqualTo(DoraLevel.MEDIUM);
    assertThat(b.level(DoraMetric.DEPLOYMENT_FREQUENCY, 0.2)).isEqualTo(DoraLevel.LOW);
    assertThat(b.level(DoraMetric.LEAD_TIME_FOR_CHANGES, DAY - 1)).isEqualTo(DoraLevel.ELITE);
    assertThat(b.level(DoraMetric.LEAD_TIME_FOR_CHANGES, DAY)).isEqualTo(DoraLevel.HIGH);
    assertThat(b.level(DoraMetric.LEAD_TIME_FOR_CHANGES, 7 * DAY)).isEqualTo(DoraLevel.MEDIUM);
    assertThat(b.level(DoraMetric.LEAD_TIME_FOR_CHANGES, 30 * DAY)).isEqualTo(DoraLevel.LOW);
    assertThat(b.level(DoraMetric.FAILED_DEPLOYMENT_RECOVERY_TIME, HOUR - 1)).isEqualTo(DoraLevel.ELITE);
    assertThat(b.level(DoraMetric.FAILED_DEPLOYMENT_RECOVERY_TIME, HOUR)).isEqualTo(DoraLevel.HIGH);
    assertThat(b.level(DoraMetric.FAILED_DEPLOYMENT_RECOVERY_TIME, 6 * DAY)).isEqualTo(DoraLevel.MEDIUM);
    assertThat(b.level(DoraMetric.FAILED_DEPLOYMENT_RECOVERY_TIME, 7 * DAY)).isEqualTo(DoraLevel.LOW);
  }

  @Test
  @DisplayName("2021 and 2024 are shipped with their own cut-offs")
  void otherYears() {
    DoraBenchmarks y2021 = DoraBenchmarks.forYear(2021).get();
    DoraBenchmarks y2024 = DoraBenchmarks.forYear(2024).get();
    assertThat(y2021.level(DoraMetric.LEAD_TIME_FOR_CHANGES, 2 * HOUR)).isEqualTo(DoraLevel.HIGH);
    assertThat(y2021.level(DoraMetric.CHANGE_FAILURE_RATE, 0.15)).isEqualTo(DoraLevel.ELITE);
    assertThat(y2021.level(DoraMetric.DEPLOYMENT_FREQUENCY, 0.5)).isEqualTo(DoraLevel.HIGH);
    assertThat(y2024.level(DoraMetric.CHANGE_FAILURE_RATE, 0.2)).isEqualTo(DoraLevel.MEDIUM);
    assertThat(y2024.level(DoraMetric.CHANGE_FAILURE_RATE, 0.21)).isEqualTo(DoraLevel.LOW);
    assertThat(DoraBenchmarks.forYear(2023).get().name()).isEqualTo("DORA 2023");
  }

  @Test
  @DisplayName("every shipped file names the report year and page its table comes from")
  void sourced() throws java.io.IOException {
    for (int year : new int[] {2021, 2023, 2024}) {
      try (var in = DoraBenchmarks.class.getResourceAsStream("dora-" + year + ".properties")) {
        String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).as("dora-%d.properties", year).containsPattern("# Source: [^\\n]*" + year + "[^\\n]*\\n#[^\\n]*pages? \\d+");
      }
    }
  }

  @Test
  @DisplayName("an unknown report year is not found")
  void unknownYear() {
    assertThat(DoraBenchmarks.forYear(2019).getLeft()).isInstanceOf(CoexistError.NotFound.class);
  }

  @Test
  @DisplayName("a user's own cut-offs are read from the same format")
  void custom() {
    String text = String.join("\n",
        "name = ours",
        "deploymentFrequency.elite = > 6",
        "deploymentFrequency.high = >= 2/4",
        "deploymentFrequency.medium = >= 0.1",
        "leadTimeForChanges.elite = <= PT2H",
        "leadTimeForChanges.high = < P2D",
        "leadTimeForChanges.medium = < P10D",
        "changeFailureRate.elite = < 0.01",
        "changeFailureRate.high = < 0.02",
        "changeFailureRate.medium = < 0.03",
        "failedDeploymentRecoveryTime.elite = < PT10M",
        "failedDeploymentRecoveryTime.high = < PT1H",
        "failedDeploymentRecoveryTime.medium = < PT2H");
    DoraBenchmarks ours = DoraBenchmarks.parse(text).get();
    assertThat(ours.name()).isEqualTo("ours");
    assertThat(ours.level(DoraMetric.DEPLOYMENT_FREQUENCY, 6)).isEqualTo(DoraLevel.HIGH);
    assertThat(ours.level(DoraMetric.DEPLOYMENT_FREQUENCY, 0.5)).isEqualTo(DoraLevel.HIGH);
    assertThat(ours.level(DoraMetric.LEAD_TIME_FOR_CHANGES, 2 * HOUR)).isEqualTo(DoraLevel.ELITE);
    assertThat(ours.level(DoraMetric.FAILED_DEPLOYMENT_RECOVERY_TIME, 3 * HOUR)).isEqualTo(DoraLevel.LOW);
  }

  @Test
  @DisplayName("bad cut-offs are refused with every problem listed")
  void everyProblem() {
    String text = String.join("\n",
        "deploymentFrequency.elite = 5",
        "deploymentFrequency.high = >= one",
        "leadTimeForChanges.elite = < 1 day");
    CoexistError error = DoraBenchmarks.parse(text).getLeft();
    assertThat(error).isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(((CoexistError.InvalidInput) error).problems()).contains(
        "deploymentFrequency.elite: '5' must start with <, <=, >= or >",
        "deploymentFrequency.high: 'one' is not a number or a fraction a/b",
        "deploymentFrequency.medium is missing",
        "leadTimeForChanges.elite: '1 day' is not an ISO-8601 duration such as P1D or PT1H",
        "failedDeploymentRecoveryTime.medium is missing");
  }
}
