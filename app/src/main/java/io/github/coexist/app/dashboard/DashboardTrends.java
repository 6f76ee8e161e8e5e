package io.github.coexist.app.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.app.json.Views;
import io.github.coexist.core.kpi.KpiEngine;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.KpiReport;
import io.github.coexist.core.kpi.TrendPeriod;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The dashboard's trends: {@code week} and {@code month}, each the complete periods (UTC) inside the
 * window as the KPI engine counts them ({@link KpiEngine#trend}), oldest first; a point holds {@code
 * from, to, deployments, leadTimeMedianSeconds, changeFailureRate, recoveryMedianSeconds} (DORA:
 * failed deployments) and {@code timeToRestoreMedianSeconds} (ITSM: every incident), null where
 * the period had nothing to measure.
 */
final class DashboardTrends {
  private DashboardTrends() {}

  static ObjectNode of(KpiEngine kpis, KpiQuery query) {
    ObjectNode trends = Views.JSON.createObjectNode();
    for (TrendPeriod period : TrendPeriod.values()) {
      ArrayNode points = trends.putArray(period.name().toLowerCase(Locale.ROOT));
      kpis.trend(query, period).forEach(report -> points.add(point(report)));
    }
    return trends;
  }

  private static ObjectNode point(KpiReport report) {
    ObjectNode point = Views.JSON.createObjectNode();
    point.put("from", report.window().from().toString());
    point.put("to", report.window().to().toString());
    point.put("deployments", report.dora().deploymentFrequency().deployments());
    number(point, "leadTimeMedianSeconds", report.dora().leadTimeForChanges().medianSeconds());
    number(point, "changeFailureRate", report.dora().changeFailureRate().rate());
    number(point, "recoveryMedianSeconds", report.dora().failedDeploymentRecoveryTime().medianSeconds());
    number(point, "timeToRestoreMedianSeconds", report.itsm().timeToRestore().medianSeconds());
    return point;
  }

  private static void number(ObjectNode node, String name, OptionalDouble value) {
    if (value.isPresent()) {
      node.put(name, value.getAsDouble());
    } else {
      node.putNull(name);
    }
  }
}
