package io.github.coexist.app.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.KpiReport;
import io.github.coexist.core.kpi.KpiScope;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import java.util.function.Predicate;
import io.github.coexist.core.kpi.TimeWindow;
import io.github.coexist.core.Coexist;
import io.github.coexist.app.json.Views;
import io.github.coexist.app.kpis.KpiReportJson;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The document the dashboard renders: {@code generatedAt}, {@code kpis} (the {@code kpis}
 * command's JSON for the window), {@code benchmarks} (where the DORA levels come from), {@code
 * trends} by complete week and month ({@link DashboardTrends}), {@code decisions} (how many gate decisions of
 * each outcome were made in the window), {@code openIncidents} (with their SLA clocks and top
 * {@value #SUSPECTS} suspects), {@code pendingApprovals} and the most recent {@code
 * recentDecisions}, each change and incident as the API shows it.
 */
public final class DashboardData {
  /** How many recent decisions the page lists. */
  public static final int RECENT = 25;
  /** How many suspect changes the page shows per open incident. */
  public static final int SUSPECTS = 3;
  /** How many changes are held at once while the decisions are counted. */
  private static final int COUNTING_PAGE = 500;

  private DashboardData() {}

  /**
   * The data of {@code app} now, its KPIs over {@code window}, with its lists in full: the page
   * {@code demo} writes to a file, which cannot ask the API.
   */
  public static ObjectNode of(Coexist app, TimeWindow window) {
    ObjectNode data = summary(app, window, KpiScope.organisation(), Optional.empty());
    ArrayNode incidents = data.putArray("openIncidents");
    app.incidents().openIncidents().stream()
        .sorted(Comparator.comparing((Incident i) -> i.priority().level()).thenComparing(Incident::openedAt))
        .forEach(i -> incidents.add(Views.incident(i, app.incidents().sla(i.id()).toJavaOptional(),
            app.incidents().suspects(i.id()).getOrElse(List.of()).stream().limit(SUSPECTS).toList())));
    List<TrackedChange> changes = app.gate().changes();
    ArrayNode pending = data.putArray("pendingApprovals");
    changes.stream().filter(t -> t.change().decision().isPending())
        .sorted(Comparator.comparing((TrackedChange t) -> t.change().createdAt()))
        .forEach(t -> pending.add(Views.change(t)));
    ArrayNode recent = data.putArray("recentDecisions");
    changes.stream()
        .sorted(Comparator.comparing((TrackedChange t) -> t.change().decision().decidedAt()).reversed()
            .thenComparing(t -> t.change().id().value()))
        .limit(RECENT)
        .forEach(t -> recent.add(Views.change(t)));
    return data;
  }

  /**
   * What the served dashboard asks {@code GET /api/dashboard/summary} for: {@code generatedAt},
   * {@code filter}, {@code options} (the lengths, services and teams it may ask for), {@code kpis},
   * {@code benchmarks}, {@code trends} and {@code decisions}; no list, so its size does not grow
   * with the number of changes. Its lists come page by page from the list endpoints.
   */
  public static ObjectNode summary(Coexist app, DashboardFilter filter) {
    ObjectNode data = summary(app, filter.window(app.clock().instant()), filter.scope(),
        filter.service().map(s -> s.value()));
    ObjectNode chosen = data.putObject("filter");
    chosen.put("days", filter.days());
    chosen.put("service", filter.service().map(s -> s.value()).orElse(null));
    chosen.put("team", filter.team().map(t -> t.value()).orElse(null));
    ObjectNode options = data.putObject("options");
    DashboardFilter.OFFERED_DAYS.forEach(options.putArray("days")::add);
    DashboardFilter.services(app.kpis()).forEach(options.putArray("services")::add);
    DashboardFilter.teams(app.kpis()).forEach(options.putArray("teams")::add);
    return data;
  }

  /**
   * {@code generatedAt}, {@code kpis} and {@code benchmarks} of {@code scope} over {@code window},
   * its {@code trends} ({@link DashboardTrends}) and its gate {@code decisions}.
   */
  static ObjectNode summary(Coexist app, TimeWindow window, KpiScope scope, Optional<String> service) {
    ObjectNode data = Views.JSON.createObjectNode();
    data.put("generatedAt", app.clock().instant().toString());
    KpiQuery query = KpiQuery.of(window, scope);
    KpiReport report = app.kpis().query(query);
    data.set("kpis", KpiReportJson.tree(report, app.kpis().failures(query), service));
    data.put("benchmarks", report.benchmarks());
    data.set("trends", DashboardTrends.of(app.kpis(), query));
    data.set("decisions", decisions(app, window, scope));
    return data;
  }

  /** How many gate decisions of each outcome were made in {@code window}, counted page by page. */
  private static ObjectNode decisions(Coexist app, TimeWindow window, KpiScope scope) {
    Map<Decision.Outcome, Long> counts = new EnumMap<>(Decision.Outcome.class);
    Predicate<ServiceId> inScope = inScope(app, scope);
    Optional<ChangeId> before = Optional.empty();
    while (true) {
      List<TrackedChange> page = app.gate().changes(before,
          t -> window.contains(t.change().decision().decidedAt()) && inScope.test(t.change().service()),
          COUNTING_PAGE);
      page.forEach(t -> counts.merge(t.change().decision().outcome(), 1L, Long::sum));
      if (page.size() < COUNTING_PAGE) {
        break;
      }
      before = Optional.of(page.get(page.size() - 1).change().id());
    }
    ObjectNode decided = Views.JSON.createObjectNode();
    for (Decision.Outcome outcome : Decision.Outcome.values()) {
      decided.put(outcome.name().toLowerCase(Locale.ROOT), counts.getOrDefault(outcome, 0L));
    }
    return decided;
  }

  /** The dashboard page of {@code app} now, with its data in it (what {@code demo} writes). */
  public static String page(Coexist app, TimeWindow window) {
    return DashboardPage.render(Views.text(of(app, window)));
  }

  /** Whether a service is in {@code scope}: a team's services are those the KPI engine was told it owns. */
  static Predicate<ServiceId> inScope(Coexist app, KpiScope scope) {
    if (scope instanceof KpiScope.OfService one) {
      return one.service()::equals;
    }
    if (scope instanceof KpiScope.OfTeam team) {
      Map<ServiceId, TeamId> owners = app.kpis().owners();
      return s -> team.team().equals(owners.get(s));
    }
    return s -> true;
  }

}
