package io.github.coexist.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.kpi.KpiEngine;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The benchmark's DuckDB SQL computes coexist's definitions: on the same data the numbers agree. */
class DuckDbAgreementTest {

  @Test
  @DisplayName("coexist and DuckDB agree on every DORA number, over many windows, with ties on the hour")
  void agree() throws Exception {
    KpiData data = KpiData.generate(3_000, 600, Duration.ofHours(1).toMillis(), 42);
    KpiEngine engine = data.addTo(KpiEngine.create());
    try (DuckDbKpis duck = DuckDbKpis.load(data)) {
      Instant start = KpiData.START;
      int checked = 0;
      for (int months = 0; months < 36; months += 5) {
        for (int length : new int[] {1, 30, 365}) {
          Instant from = start.plus(Duration.ofDays(30L * months)).plusSeconds(3_600L * months);
          TimeWindow window = new TimeWindow(from, from.plus(Duration.ofDays(length)));
          DoraNumbers coexist = DoraNumbers.of(engine.query(KpiQuery.organisation(window)));
          DoraNumbers duckdb = duck.query(window.from().toEpochMilli(), window.to().toEpochMilli());
          assertThat(coexist.agreesWith(duckdb)).as("%s: coexist %s, DuckDB %s", window, coexist, duckdb).isTrue();
          checked += coexist.deployments() > 0 ? 1 : 0;
        }
      }
      assertThat(checked).isGreaterThan(10);
    }
  }
}
