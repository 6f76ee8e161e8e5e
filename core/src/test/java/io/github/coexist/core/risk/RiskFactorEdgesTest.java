package io.github.coexist.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.coexist.core.delivery.DeploymentRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The factors at the edges of their bands and with the inputs the calm profile never has. */
class RiskFactorEdgesTest {
  private static final Instant T = Instant.parse("2025-06-10T08:30:00Z");
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  private static RiskContext context(DeploymentRequest.Builder request, List<RiskContext.CommitRuns> runs) {
    return new RiskContext(request.idempotencyKey("k").service("shop").environment("production").build().get(),
        Optional.empty(), new TreeSet<>(), new TreeSet<>(), RiskContext.RecentChanges.none(Duration.ofDays(30)),
        0, 0, RiskContext.Overlaps.none(), T, T, runs);
  }

  private static FactorContribution sameCommit(Optional<String> sha, RiskContext.CommitRuns... runs) {
    DeploymentRequest.Builder request = DeploymentRequest.builder();
    sha.ifPresent(request::headSha);
    return RiskFactors.sameCommitElsewhere().assess(context(request, List.of(runs)));
  }

  @Test
  @DisplayName("same commit: only runs of a known commit count; a success elsewhere adds nothing and says so")
  void sameCommit() {
    assertThat(sameCommit(Optional.empty(), new RiskContext.CommitRuns("staging", 0, 2)).reason())
        .isEqualTo("commit not known");
    FactorContribution passed = sameCommit(Optional.of(SHA), new RiskContext.CommitRuns("staging", 2, 0),
        new RiskContext.CommitRuns("canary", 0, 0));
    assertThat(passed.points()).isZero();
    assertThat(passed.reason()).isEqualTo("the same commit succeeded in staging");
    FactorContribution failed = sameCommit(Optional.of(SHA), new RiskContext.CommitRuns("staging", 3, 0),
        new RiskContext.CommitRuns("canary", 1, 1));
    assertThat(failed.points()).isEqualTo(failed.weight());
    assertThat(failed.reason()).isEqualTo("the same commit failed elsewhere: 1 in canary");
  }

  @Test
  @DisplayName("change size: each band starts at its edge (a quarter, a half, three quarters of the full size)")
  void sizeBands() {
    RiskFactor size = RiskFactors.changeSize(30, 16, 1_000);
    assertThat(reasonForLines(size, 0)).endsWith(": small change");
    assertThat(reasonForLines(size, 1)).isEqualTo("1 line in 1 file: medium change");
    assertThat(reasonForLines(size, 3)).endsWith(": medium change");
    assertThat(reasonForLines(size, 4)).endsWith(": large change");
    assertThat(reasonForLines(size, 8)).endsWith(": large change");
    assertThat(reasonForLines(size, 9)).endsWith(": very large change");
    assertThat(size.assess(context(DeploymentRequest.builder().linesChanged(4).filesChanged(1), List.of())).points())
        .isCloseTo(15, within(1e-9));
  }

  private static String reasonForLines(RiskFactor factor, int lines) {
    return factor.assess(context(DeploymentRequest.builder().linesChanged(lines).filesChanged(1), List.of())).reason();
  }

  @Test
  @DisplayName("factor settings must be above 0, fractions in [0, 1] with both ends allowed")
  void settings() {
    assertThatThrownBy(() -> RiskFactors.changeSize(30, 0, 10))
        .hasMessage("factor change-size: linesFullAt must be above 0, was 0.0");
    assertThat(RiskFactors.changeSize(30, 1, 1).weight()).isEqualTo(30);
    assertThatThrownBy(() -> RiskFactors.blastRadius(20, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RiskFactors.openWork(10, Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    assertThat(RiskFactors.recentFailureRate(10, 1, 0).weight()).isEqualTo(10);
    assertThat(RiskFactors.recentFailureRate(10, 0.4, 1).weight()).isEqualTo(10);
    assertThatThrownBy(() -> RiskFactors.recentFailureRate(10, 0.4, 1.01)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RiskFactors.recentFailureRate(10, 0.4, -0.01)).isInstanceOf(IllegalArgumentException.class);
  }
}
