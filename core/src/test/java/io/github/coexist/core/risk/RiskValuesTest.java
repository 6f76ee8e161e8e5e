package io.github.coexist.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.service.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The risk values refuse what cannot be true at their edges (a bug in a custom factor or
 * assessor shows at once, not as a strange score later), and their words and counts are exact.
 */
class RiskValuesTest {
  private static final ServiceId SHOP = ServiceId.of("shop");
  private static final Instant T = Instant.parse("2025-06-10T08:30:00Z");

  @Nested
  @DisplayName("a factor's contribution")
  class Contributions {
    @Test
    @DisplayName("lies in [0, weight]: the edges are accepted, a hair beyond them refused")
    void bounds() {
      assertThat(new FactorContribution("f", 0, 10, "r").points()).isZero();
      assertThat(new FactorContribution("f", 10, 10, "r").points()).isEqualTo(10);
      assertThat(new FactorContribution("f", 0, 0, "r").weight()).isZero();
      assertThatThrownBy(() -> new FactorContribution("f", 10.001, 10, "r")).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("factor f: points must lie in [0, weight], were 10.001 of 10.0");
      assertThatThrownBy(() -> new FactorContribution("f", -0.001, 10, "r")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new FactorContribution("f", 0, -1, "r")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new FactorContribution("f", Double.NaN, 10, "r")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("needs a factor name that is not blank")
    void named() {
      assertThatThrownBy(() -> new FactorContribution(" ", 1, 10, "r")).hasMessage("a factor needs a name");
    }
  }

  @Nested
  @DisplayName("an assessment")
  class Assessments {
    @Test
    @DisplayName("has a score in [0, 100]")
    void scoreBounds() {
      assertThat(new RiskAssessment(0, RiskLevel.LOW, List.of(), Optional.empty()).score()).isZero();
      assertThat(new RiskAssessment(100, RiskLevel.VERY_HIGH, List.of(), Optional.empty()).score()).isEqualTo(100);
      assertThatThrownBy(() -> new RiskAssessment(-1, RiskLevel.LOW, List.of(), Optional.empty()))
          .hasMessage("a risk score lies in [0, 100], was -1");
      assertThatThrownBy(() -> new RiskAssessment(101, RiskLevel.LOW, List.of(), Optional.empty()))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("explains the factors that added points, highest first, equal points in factor order")
    void explanation() {
      RiskAssessment a = new RiskAssessment(30, RiskLevel.MODERATE, List.of(
          new FactorContribution("a", 5, 10, "five"),
          new FactorContribution("zero", 0, 10, "nothing"),
          new FactorContribution("b", 10, 10, "ten"),
          new FactorContribution("c", 5, 10, "five too"),
          new FactorContribution("d", 10, 10, "ten too")), Optional.empty());
      assertThat(a.explanation()).containsExactly("b +10: ten", "d +10: ten too", "a +5: five", "c +5: five too");
    }
  }

  @Nested
  @DisplayName("a context")
  class Contexts {
    private final DeploymentRequest request = DeploymentRequest.builder().idempotencyKey("k").service("shop")
        .environment("production").build().get();

    private RiskContext context(int incidents, int problems) {
      return new RiskContext(request, Optional.empty(), new TreeSet<>(), new TreeSet<>(),
          RiskContext.RecentChanges.none(Duration.ofDays(30)), incidents, problems, RiskContext.Overlaps.none(), T, T);
    }

    @Test
    @DisplayName("counts no negative open incidents or problems; zero is fine")
    void openWork() {
      assertThat(context(0, 0).openIncidents()).isZero();
      assertThatThrownBy(() -> context(-1, 0)).hasMessage("open incident, problem and overdue action counts cannot be negative");
      assertThatThrownBy(() -> context(0, -1)).isInstanceOf(IllegalArgumentException.class);
      assertThat(context(0, 0).sameCommitElsewhere()).isEmpty();
    }

    @Test
    @DisplayName("keeps its services as a sorted copy the caller cannot change")
    void services() {
      TreeSet<ServiceId> radius = new TreeSet<>(List.of(ServiceId.of("b"), ServiceId.of("a")));
      RiskContext c = new RiskContext(request, Optional.empty(), radius, new TreeSet<>(),
          RiskContext.RecentChanges.none(Duration.ofDays(30)), 0, 0, RiskContext.Overlaps.none(), T, T);
      radius.add(ServiceId.of("c"));
      assertThat(c.blastRadius()).containsExactly(ServiceId.of("a"), ServiceId.of("b"));
      assertThatThrownBy(() -> c.blastRadius().add(ServiceId.of("d"))).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> c.dependencies().add(ServiceId.of("d"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("a commit's runs elsewhere are never negative")
    void commitRuns() {
      assertThat(new RiskContext.CommitRuns("staging", 0, 0).failed()).isZero();
      assertThatThrownBy(() -> new RiskContext.CommitRuns("staging", -1, 0)).hasMessage("run counts cannot be negative");
      assertThatThrownBy(() -> new RiskContext.CommitRuns("staging", 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("recent changes need 0 <= failed <= total, and none means an unknown rate")
    void recentChanges() {
      assertThat(new RiskContext.RecentChanges(Duration.ofDays(1), 3, 3).failureRate()).contains(1.0);
      assertThat(new RiskContext.RecentChanges(Duration.ofDays(1), 0, 0).failureRate()).isEmpty();
      RiskContext.RecentChanges none = RiskContext.RecentChanges.none(Duration.ofDays(7));
      assertThat(none.window()).isEqualTo(Duration.ofDays(7));
      assertThat(none.total()).isZero();
      assertThatThrownBy(() -> new RiskContext.RecentChanges(Duration.ofDays(1), 2, 3))
          .hasMessage("need 0 <= failed <= total, got 3 of 2");
      assertThatThrownBy(() -> new RiskContext.RecentChanges(Duration.ofDays(1), -1, 0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new RiskContext.RecentChanges(Duration.ofDays(1), 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("overlaps: on the service at most all of them, the nearest five by name, the rest counted")
    void overlaps() {
      List<RiskContext.Overlap> seven = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        seven.add(new RiskContext.Overlap("CHG-" + i, SHOP, T, T.plusSeconds(60)));
      }
      RiskContext.Overlaps all = new RiskContext.Overlaps(7, 7, seven.subList(0, 5));
      assertThat(all.more()).isEqualTo(2);
      assertThat(all.onDependencies()).isZero();
      assertThat(new RiskContext.Overlaps(7, 0, seven.subList(0, 5)).onDependencies()).isEqualTo(7);
      assertThat(new RiskContext.Overlaps(1, 1, seven.subList(0, 1)).more()).isZero();
      assertThat(RiskContext.Overlaps.none().isEmpty()).isTrue();
      assertThat(RiskContext.Overlaps.none().count()).isZero();
      assertThatThrownBy(() -> new RiskContext.Overlaps(7, 8, seven.subList(0, 5)))
          .hasMessage("need 0 <= onService <= count, got 8 of 7");
      assertThatThrownBy(() -> new RiskContext.Overlaps(7, -1, seven.subList(0, 5))).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new RiskContext.Overlaps(7, 7, seven.subList(0, 4)))
          .hasMessage("need the 5 nearest of 7 overlaps, got 4");
      assertThatThrownBy(() -> new RiskContext.Overlaps(3, 3, seven.subList(0, 4))).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  @DisplayName("thresholds need 0 < moderate < high < very high <= 100, each edge checked")
  void thresholds() {
    assertThat(new RiskThresholds(1, 2, 100).veryHigh()).isEqualTo(100);
    assertThatThrownBy(() -> new RiskThresholds(0, 50, 75))
        .hasMessage("risk thresholds need 0 < moderate < high < very high <= 100, were 0, 50, 75");
    assertThatThrownBy(() -> new RiskThresholds(50, 50, 75)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RiskThresholds(25, 75, 75)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RiskThresholds(25, 50, 101)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a level is at least itself and every lower level, never a higher one")
  void atLeast() {
    assertThat(RiskLevel.HIGH.atLeast(RiskLevel.HIGH)).isTrue();
    assertThat(RiskLevel.HIGH.atLeast(RiskLevel.LOW)).isTrue();
    assertThat(RiskLevel.HIGH.atLeast(RiskLevel.VERY_HIGH)).isFalse();
    assertThat(RiskLevel.LOW.atLeast(RiskLevel.MODERATE)).isFalse();
  }

  @Nested
  @DisplayName("words")
  class Words {
    @Test
    @DisplayName("durations read in days, hours or minutes, whichever is whole")
    void durations() {
      assertThat(Text.duration(Duration.ofDays(30))).isEqualTo("30 days");
      assertThat(Text.duration(Duration.ofDays(1))).isEqualTo("1 day");
      assertThat(Text.duration(Duration.ofHours(12))).isEqualTo("12 hours");
      assertThat(Text.duration(Duration.ofHours(25))).isEqualTo("25 hours");
      assertThat(Text.duration(Duration.ofMinutes(45))).isEqualTo("45 minutes");
      assertThat(Text.duration(Duration.ofMinutes(90))).isEqualTo("90 minutes");
      assertThat(Text.duration(Duration.ofDays(2).plusMinutes(1))).isEqualTo("2881 minutes");
      assertThat(Text.duration(Duration.ofDays(1).plusSeconds(30))).isEqualTo("1440 minutes");
      assertThat(Text.duration(Duration.ZERO)).isEqualTo("0 hours");
    }

    @Test
    @DisplayName("lists name up to three items and count the rest")
    void lists() {
      assertThat(Text.list(List.of("a"))).isEqualTo("a");
      assertThat(Text.list(List.of("a", "b", "c"))).isEqualTo("a, b and c");
      assertThat(Text.list(List.of("a", "b", "c", "d"))).isEqualTo("a, b, c and 1 more");
      assertThat(Text.list(List.of("a", "b", "c"), 3)).isEqualTo("a, b and c");
      assertThat(Text.list(List.of("a", "b"), 3)).isEqualTo("a, b and 1 more");
    }
  }
}
