package io.github.coexist.core.kpi;

import static io.github.coexist.core.kpi.Facts.T0;
import static io.github.coexist.core.kpi.Facts.build;
import static io.github.coexist.core.kpi.Facts.day;
import static io.github.coexist.core.kpi.Facts.deployment;
import static io.github.coexist.core.kpi.Facts.h;
import static io.github.coexist.core.kpi.Facts.hotfix;
import static io.github.coexist.core.kpi.Facts.incident;
import static io.github.coexist.core.kpi.Facts.prod;
import static io.github.coexist.core.kpi.Facts.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.delivery.Deployment.Status;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KpiTrendAndBasisTest {
  private final KpiEngine engine = KpiEngine.create();

  @Nested
  @DisplayName("trends over complete periods")
  class Trends {
    @Test
    @DisplayName("weeks: only the Monday-to-Monday weeks wholly inside the window, each counted in full")
    void completeWeeksOnly() {
      engine.add(prod("before", "checkout", day(-1)));
      engine.add(prod("w1a", "checkout", day(0).plusSeconds(60)));
      engine.add(prod("w1b", "checkout", day(6)));
      engine.add(prod("w2", "checkout", day(8)));
      engine.add(prod("w3", "checkout", day(15)));
      // from a Wednesday to a Thursday: the week it starts in and the week it ends in are cut
      TimeWindow window = window(day(-5), day(17).plusSeconds(3600 * 12));

      List<KpiReport> weeks = engine.trend(KpiQuery.organisation(window), TrendPeriod.WEEK);

      assertThat(weeks).extracting(KpiReport::window).containsExactly(window(day(0), day(7)), window(day(7), day(14)));
      assertThat(weeks).extracting(w -> w.dora().deploymentFrequency().deployments()).containsExactly(2L, 1L);
    }

    @Test
    @DisplayName("weeks: a window starting on Monday 00:00 and ending on one keeps its first and last week")
    void alignedWindow() {
      assertThat(engine.trend(KpiQuery.organisation(window(day(0), day(14))), TrendPeriod.WEEK))
          .extracting(KpiReport::window).containsExactly(window(day(0), day(7)), window(day(7), day(14)));
    }

    @Test
    @DisplayName("months: only the calendar months wholly inside the window (February of a leap year has 29 days)")
    void completeMonthsOnly() {
      engine.add(prod("jan", "checkout", Instant.parse("2024-01-20T10:00:00Z")));
      engine.add(prod("feb", "checkout", Instant.parse("2024-02-29T23:00:00Z")));
      engine.add(prod("mar1", "checkout", Instant.parse("2024-03-01T00:00:00Z")));
      engine.add(prod("mar2", "checkout", Instant.parse("2024-03-31T23:59:59Z")));
      engine.add(prod("apr", "checkout", Instant.parse("2024-04-02T10:00:00Z")));
      TimeWindow window = window(Instant.parse("2024-01-15T00:00:00Z"), Instant.parse("2024-04-10T00:00:00Z"));

      List<KpiReport> months = engine.trend(KpiQuery.organisation(window), TrendPeriod.MONTH);

      assertThat(months).extracting(KpiReport::window).containsExactly(
          window(Instant.parse("2024-02-01T00:00:00Z"), Instant.parse("2024-03-01T00:00:00Z")),
          window(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z")));
      assertThat(months).extracting(m -> m.dora().deploymentFrequency().deployments()).containsExactly(1L, 2L);
    }

    @Test
    @DisplayName("a window shorter than a period has no point at all rather than a partial one")
    void noPartialPoint() {
      engine.add(prod("d", "checkout", day(1)));
      assertThat(engine.trend(KpiQuery.organisation(window(day(0), day(6))), TrendPeriod.WEEK)).isEmpty();
      assertThat(engine.trend(KpiQuery.organisation(window(day(0), day(27))), TrendPeriod.MONTH)).isEmpty();
    }

    @Test
    @DisplayName("a trend keeps the query's scope")
    void scoped() {
      engine.add(prod("c", "checkout", day(1)));
      engine.add(prod("s", "search", day(2)));
      KpiQuery search = KpiQuery.of(window(day(0), day(7)), KpiScope.service(ServiceId.of("search")));

      assertThat(engine.trend(search, TrendPeriod.WEEK)).singleElement()
          .satisfies(w -> assertThat(w.dora().deploymentFrequency().deployments()).isEqualTo(1));
    }
  }

  @Nested
  @DisplayName("the facts behind a report")
  class Basis {
    @Test
    @DisplayName("the production deployments the report counts, in time order, failed ones saying why")
    void deployments() {
      engine.add(prod("d2", "checkout", h(5)));
      engine.add(prod("d1", "checkout", h(2)));
      engine.add(deployment("staging", "checkout", "staging", Status.SUCCESS, h(3), Optional.empty()));
      engine.add(deployment("broken", "checkout", "production", Status.FAILURE, h(4), Optional.empty()));
      engine.add(prod("late", "checkout", day(2)));
      engine.add(build(incident("INC-1", "checkout", h(6)).resolvedAt(h(8))));
      engine.add(hotfix("fix", "checkout", h(9), "INC-1"));
      KpiQuery query = KpiQuery.organisation(window(T0, day(1)));

      KpiBasis basis = engine.basis(query);

      assertThat(basis.deployments()).extracting(d -> d.id().value()).containsExactly("d1", "broken", "d2", "fix");
      assertThat(basis.deployments()).extracting(KpiBasis.Deployment::failed).containsExactly(false, true, true, false);
      assertThat(basis.deployments().get(1).failures()).containsExactly("deployment failed");
      assertThat(basis.deployments().get(2).incidents()).containsExactly(IncidentId.of("INC-1"));
      assertThat(basis.deployments().get(2).failures()).singleElement().asString().startsWith("INC-1");
      assertThat(basis.deployments().get(3).hotfix()).isTrue();
      KpiReport report = engine.query(query);
      assertThat(basis.deployments()).hasSize((int) report.dora().deploymentFrequency().deployments() + 1);
      assertThat(basis.deployments()).hasSize((int) report.dora().changeFailureRate().total());
      assertThat(basis.deployments().stream().filter(KpiBasis.Deployment::failed).count())
          .isEqualTo(report.dora().changeFailureRate().failed());
      assertThat(basis.incidents()).singleElement().satisfies(i -> {
        assertThat(i.fact().id()).isEqualTo(IncidentId.of("INC-1"));
        assertThat(i.attributedTo()).contains(DeploymentId.of("d2"));
      });
    }

    @Test
    @DisplayName("incidents opened or resolved in the window, none that only spans it")
    void incidents() {
      engine.add(build(incident("opened-before-resolved-in", "checkout", day(-1).plusSeconds(60)).resolvedAt(h(3))));
      engine.add(build(incident("opened-in", "checkout", h(4))));
      engine.add(build(incident("spans", "checkout", day(-1)).resolvedAt(day(2))));
      engine.add(build(incident("after", "checkout", day(1))));

      assertThat(engine.basis(KpiQuery.organisation(window(T0, day(1)))).incidents())
          .extracting(i -> i.fact().id().value()).containsExactly("opened-before-resolved-in", "opened-in");
    }

    @Test
    @DisplayName("a service or team scope keeps only its own facts; an unknown one has none")
    void scoped() {
      engine.assign(ServiceId.of("search"), TeamId.of("discovery"));
      engine.add(prod("c", "checkout", h(1)));
      engine.add(prod("s", "search", h(2)));
      engine.add(build(incident("INC-c", "checkout", h(3))));
      engine.add(build(incident("INC-s", "search", h(4))));
      TimeWindow day = window(T0, day(1));

      KpiBasis team = engine.basis(KpiQuery.of(day, KpiScope.team(TeamId.of("discovery"))));
      KpiBasis service = engine.basis(KpiQuery.of(day, KpiScope.service(ServiceId.of("checkout"))));
      KpiBasis unknown = engine.basis(KpiQuery.of(day, KpiScope.service(ServiceId.of("nothing"))));

      assertThat(team.deployments()).extracting(d -> d.id().value()).containsExactly("s");
      assertThat(team.incidents()).extracting(i -> i.fact().id().value()).containsExactly("INC-s");
      assertThat(service.deployments()).extracting(d -> d.id().value()).containsExactly("c");
      assertThat(service.incidents()).extracting(i -> i.fact().id().value()).containsExactly("INC-c");
      assertThat(unknown.deployments()).isEmpty();
      assertThat(unknown.incidents()).isEmpty();
    }
  }
}
