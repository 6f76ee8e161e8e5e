package io.github.coexist.app.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.KpiReport;
import io.github.coexist.core.kpi.TimeWindow;
import io.github.coexist.core.Coexist;
import io.github.coexist.app.json.Views;
import io.github.coexist.app.kpis.KpiReportJson;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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

  private DashboardData() {}

  /** The data of {@code app} now, its KPIs over {@code window}. */
  public static ObjectNode of(Coexist app, TimeWindow window) {
    ObjectNode data = Views.JSON.createObjectNode();
    data.put("generatedAt", app.clock().instant().toString());
    KpiQuery query = KpiQuery.organisation(window);
    KpiReport report = app.kpis().query(query);
    data.set("kpis", KpiReportJson.tree(report, Optional.empty()));
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
    ArrayNode incidents = data.putArray("openIncidents");
    app.incidents().openIncidents().stream()
        .sorted(Comparator.comparing((Incident i) -> i.priority().level()).thenComparing(Incident::openedAt))
        .forEach(i -> incidents.add(Views.incident(i, app.incidents().sla(i.id()).toJavaOptional(),
            app.incidents().suspects(i.id()).getOrElse(List.of()).stream().limit(SUSPECTS).toList())));
    List<TrackedChange> changes = app.gate().changes();
    ObjectNode decided = data.putObject("decisions");
    for (Decision.Outcome outcome : Decision.Outcome.values()) {
      decided.put(outcome.name().toLowerCase(Locale.ROOT), changes.stream()
          .filter(t -> t.change().decision().outcome() == outcome)
          .filter(t -> window.contains(t.change().decision().decidedAt()))
          .count());
    }
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

  /** The dashboard page of {@code app} now. */
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
