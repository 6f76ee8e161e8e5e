package io.github.coexist.app.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.KpiReport;
import io.github.coexist.core.kpi.TimeWindow;
import io.github.coexist.core.Coexist;
import io.github.coexist.app.json.Views;
import io.github.coexist.app.kpis.KpiReportJson;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The document the dashboard renders: {@code generatedAt}, {@code kpis} (the {@code kpis}
 * command's JSON for the window), {@code benchmarks} (where the DORA levels come from), {@code
 * weekly} trend points ({@code week, partial, deployments, leadTimeMedianSeconds,
 * changeFailureRate, timeToRestoreMedianSeconds}), {@code decisions} (how many gate decisions of
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
    ObjectNode data = summary(app, window);
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
   * {@code kpis}, {@code benchmarks}, {@code weekly} and {@code decisions}; no list, so its size
   * does not grow with the number of changes. Its lists come page by page from the list endpoints.
   */
  public static ObjectNode summary(Coexist app, TimeWindow window) {
    ObjectNode data = Views.JSON.createObjectNode();
    data.put("generatedAt", app.clock().instant().toString());
    KpiQuery query = KpiQuery.organisation(window);
    KpiReport report = app.kpis().query(query);
    data.set("kpis", KpiReportJson.tree(report, app.kpis().failures(query), Optional.empty()));
    data.put("benchmarks", report.benchmarks());
    ArrayNode weekly = data.putArray("weekly");
    for (KpiReport week : app.kpis().weekly(query)) {
      ObjectNode point = weekly.addObject();
      point.put("week", week.window().from().toString().substring(0, 10));
      point.put("partial", week.window().length().compareTo(Duration.ofDays(7)) < 0);
      point.put("deployments", week.dora().deploymentFrequency().deployments());
      number(point, "leadTimeMedianSeconds", week.dora().leadTimeForChanges().medianSeconds());
      number(point, "changeFailureRate", week.dora().changeFailureRate().rate());
      number(point, "timeToRestoreMedianSeconds", week.itsm().timeToRestore().medianSeconds());
    }
    data.set("decisions", decisions(app, window));
    return data;
  }

  /** How many gate decisions of each outcome were made in {@code window}, counted page by page. */
  private static ObjectNode decisions(Coexist app, TimeWindow window) {
    Map<Decision.Outcome, Long> counts = new EnumMap<>(Decision.Outcome.class);
    Optional<ChangeId> before = Optional.empty();
    while (true) {
      List<TrackedChange> page = app.gate().changes(before,
          t -> window.contains(t.change().decision().decidedAt()), COUNTING_PAGE);
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

  private static void number(ObjectNode node, String name, OptionalDouble value) {
    if (value.isPresent()) {
      node.put(name, value.getAsDouble());
    } else {
      node.putNull(name);
    }
  }

}
