package io.github.coexist.core.kpi;

import java.util.Objects;

/**
 * What to compute: a window, a scope, and the benchmark data that turns numbers into DORA levels.
 *
 * @param window the half-open window {@code [from, to)}
 * @param scope the organisation, a service or a team
 * @param benchmarks the cut-offs for the levels; {@link DoraBenchmarks#defaults()} (DORA 2023) unless set
 */
public record KpiQuery(TimeWindow window, KpiScope scope, DoraBenchmarks benchmarks) {
  public KpiQuery {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(benchmarks, "benchmarks");
  }

  /** A query for {@code scope} over {@code window} with the default benchmarks. */
  public static KpiQuery of(TimeWindow window, KpiScope scope) {
    return new KpiQuery(window, scope, DoraBenchmarks.defaults());
  }

  /** A query for the whole organisation over {@code window} with the default benchmarks. */
  public static KpiQuery organisation(TimeWindow window) {
    return of(window, KpiScope.organisation());
  }

  /** This query over another window. */
  public KpiQuery withWindow(TimeWindow other) {
    return new KpiQuery(other, scope, benchmarks);
  }

  /** This query judged against other benchmarks. */
  public KpiQuery withBenchmarks(DoraBenchmarks other) {
    return new KpiQuery(window, scope, other);
  }
}
