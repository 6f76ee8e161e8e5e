package io.github.coexist.micrometer;

import io.github.coexist.core.Coexist;
import io.github.coexist.core.kpi.KpiEngine;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.KpiReport;
import io.github.coexist.core.kpi.KpiScope;
import io.github.coexist.core.kpi.TimeWindow;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The DORA and ITSM KPIs over the last {@code window}, as gauges: the organisation's, the {@code
 * maxServices} services with the most production deployments in the window, and the {@code
 * maxTeams} teams likewise; the other services (teams) are folded into one {@code other} row that
 * holds only the measures that add up (counts and per-day rates: a median or a ratio of several
 * services cannot be made from theirs, so there it is NaN). Computed at most once per {@code
 * refresh}, when a gauge is read; a service or team that enters or leaves the top is added or
 * removed then, so it appears from the next scrape.
 */
final class KpiGauges {
  static final String ALL = "all";

  /** One KPI published as a gauge. */
  record Measure(String name, String unit, String description, boolean additive,
      Function<KpiReport, Double> read) {}

  /** Whose numbers a row holds: the tags {@code scope}, {@code service}, {@code team}. */
  record Row(String scope, String service, String team) {
    Tags tags() {
      return Tags.of("scope", scope, "service", service, "team", team);
    }
  }

  static final List<Measure> MEASURES = List.of(
      new Measure("coexist.kpi.deployments", null, "Successful production deployments in the window", true,
          r -> (double) r.dora().deploymentFrequency().deployments()),
      new Measure("coexist.kpi.deployment.frequency", "per_day", "Successful production deployments per day", true,
          r -> value(r.dora().deploymentFrequency().perDay())),
      new Measure("coexist.kpi.failed.deployments", null,
          "Successful production deployments in the window that caused an incident", true,
          r -> (double) r.dora().changeFailureRate().failed()),
      new Measure("coexist.kpi.lead.time.median", "seconds", "Lead time for changes, commit to production, median",
          false, r -> value(r.dora().leadTimeForChanges().medianSeconds())),
      new Measure("coexist.kpi.lead.time.p90", "seconds", "Lead time for changes, 90th percentile", false,
          r -> value(r.dora().leadTimeForChanges().p90Seconds())),
      new Measure("coexist.kpi.change.failure.rate", "ratio", "DORA change failure rate", false,
          r -> value(r.dora().changeFailureRate().rate())),
      new Measure("coexist.kpi.failed.deployment.recovery.time", "seconds",
          "DORA failed deployment recovery time, median", false,
          r -> value(r.dora().failedDeploymentRecoveryTime().medianSeconds())),
      new Measure("coexist.kpi.rework.rate", "ratio", "DORA deployment rework rate (hotfixes)", false,
          r -> value(r.dora().reworkRate().rate())),
      new Measure("coexist.kpi.time.to.acknowledge.mean", "seconds", "ITSM mean time to acknowledge incidents",
          false, r -> value(r.itsm().mttaSeconds())),
      new Measure("coexist.kpi.time.to.restore.median", "seconds",
          "ITSM time to restore service (incident opened to resolved), median", false,
          r -> value(r.itsm().timeToRestore().medianSeconds())),
      new Measure("coexist.kpi.sla.compliance", "ratio", "ITSM share of incidents resolved within their SLA", false,
          r -> value(r.itsm().slaCompliance())),
      new Measure("coexist.kpi.reopen.rate", "ratio", "ITSM share of resolved incidents reopened", false,
          r -> value(r.itsm().reopenRate())),
      new Measure("coexist.kpi.change.success.rate", "ratio", "ITSM share of changes closed successful", false,
          r -> value(r.itsm().changeSuccessRate())),
      new Measure("coexist.kpi.emergency.change.ratio", "ratio", "ITSM share of changes that are emergencies", false,
          r -> value(r.itsm().emergencyChangeRatio())),
      new Measure("coexist.kpi.auto.approval.ratio", "ratio", "ITSM share of changes approved automatically", false,
          r -> value(r.itsm().autoApprovalRatio())),
      new Measure("coexist.kpi.csat.satisfied", "ratio", "ITSM share of satisfaction answers rated 4 or 5", false,
          r -> value(r.itsm().csat().satisfiedRatio())));

  private final Coexist coexist;
  private final Duration window;
  private final int maxServices;
  private final int maxTeams;
  private final Cached<Map<Row, double[]>> snapshot;
  private final List<MultiGauge> gauges = new ArrayList<>();
  private Set<Row> published = Set.of();

  KpiGauges(Coexist coexist, Duration window, Duration refresh, int maxServices, int maxTeams) {
    this.coexist = coexist;
    this.window = window;
    this.maxServices = maxServices;
    this.maxTeams = maxTeams;
    this.snapshot = new Cached<>(this::compute, coexist.clock(), refresh);
  }

  void register(MeterRegistry registry) {
    for (Measure measure : MEASURES) {
      MultiGauge.Builder builder = MultiGauge.builder(measure.name()).description(measure.description()
          + ", over the configured window");
      if (measure.unit() != null) {
        builder.baseUnit(measure.unit());
      }
      gauges.add(builder.register(registry));
    }
    current();
  }

  /** The latest numbers, publishing the rows anew when the set of rows changed. */
  Map<Row, double[]> current() {
    Map<Row, double[]> now = snapshot.get();
    synchronized (gauges) {
      if (!now.keySet().equals(published)) {
        published = Set.copyOf(now.keySet());
        for (int i = 0; i < MEASURES.size(); i++) {
          int measure = i;
          List<MultiGauge.Row<?>> rows = new ArrayList<>();
          for (Row row : published) {
            rows.add(MultiGauge.Row.of(row.tags(), () -> valueOf(row, measure)));
          }
          gauges.get(i).register(rows, true);
        }
      }
    }
    return now;
  }

  private double valueOf(Row row, int measure) {
    double[] values = current().get(row);
    return values == null ? Double.NaN : values[measure];
  }

  private Map<Row, double[]> compute() {
    Instant to = coexist.clock().instant();
    TimeWindow span = new TimeWindow(to.minus(window), to);
    KpiEngine kpis = coexist.kpis();
    Map<ServiceId, TeamId> owners = kpis.owners();
    Map<Row, double[]> rows = new LinkedHashMap<>();
    rows.put(new Row("organisation", ALL, ALL), values(kpis.query(KpiQuery.organisation(span))));
    List<Ranked> services = new ArrayList<>();
    for (ServiceId service : kpis.services()) {
      TeamId owner = owners.get(service);
      String team = owner == null ? "unassigned" : owner.value();
      services.add(new Ranked(new Row("service", service.value(), team),
          values(kpis.query(KpiQuery.of(span, KpiScope.service(service))))));
    }
    capped(services, maxServices, new Row("service", TagCap.OTHER, ALL), rows);
    List<Ranked> teams = new ArrayList<>();
    for (TeamId team : new TreeSet<>(owners.values())) {
      teams.add(new Ranked(new Row("team", ALL, team.value()), values(kpis.query(KpiQuery.of(span, KpiScope.team(team))))));
    }
    capped(teams, maxTeams, new Row("team", ALL, TagCap.OTHER), rows);
    return rows;
  }

  private record Ranked(Row row, double[] values) {
    double deployments() {
      return values[0];
    }
  }

  /** The {@code max} with the most deployments (then by name) as they are; the rest added up into {@code other}. */
  private static void capped(List<Ranked> all, int max, Row other, Map<Row, double[]> into) {
    all.sort(Comparator.comparingDouble(Ranked::deployments).reversed()
        .thenComparing(r -> r.row().service() + "/" + r.row().team()));
    double[] folded = null;
    for (int i = 0; i < all.size(); i++) {
      if (i < max) {
        into.put(all.get(i).row(), all.get(i).values());
      } else {
        folded = fold(folded, all.get(i).values());
      }
    }
    if (folded != null) {
      into.put(other, folded);
    }
  }

  private static double[] fold(double[] sum, double[] values) {
    double[] next = new double[MEASURES.size()];
    for (int i = 0; i < next.length; i++) {
      if (!MEASURES.get(i).additive()) {
        next[i] = Double.NaN;
      } else {
        double before = sum == null || Double.isNaN(sum[i]) ? 0 : sum[i];
        next[i] = before + (Double.isNaN(values[i]) ? 0 : values[i]);
      }
    }
    return next;
  }

  private static double[] values(KpiReport report) {
    double[] values = new double[MEASURES.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = Objects.requireNonNull(MEASURES.get(i).read().apply(report));
    }
    return values;
  }

  private static Double value(java.util.OptionalDouble value) {
    return value.isPresent() ? value.getAsDouble() : Double.NaN;
  }
}
