package io.github.coexist.app.demo;

import io.github.coexist.core.Coexist;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kpi.FailedDeployment;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.KpiScope;
import io.github.coexist.core.kpi.TimeWindow;
import io.github.coexist.core.risk.RiskContext;
import io.github.coexist.core.service.ServiceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The three views of a failed change side by side, per service: the risk history the next
 * assessment reads ({@code recent-failure-rate}), the ITSM close codes, and the DORA change
 * failure rate with why each deployment counts. They read one outcome, so they agree.
 */
final class OutcomeViews {
  private OutcomeViews() {}

  static List<String> lines(Coexist app, TimeWindow window) {
    Map<ServiceId, List<String>> dora = new TreeMap<>();
    for (FailedDeployment f : app.kpis().failures(KpiQuery.organisation(window))) {
      String change = app.deployments().find(f.deployment()).flatMap(Deployment::changeId).map(ChangeId::value)
          .orElse("deployment " + f.deployment());
      dora.computeIfAbsent(f.service(), s -> new ArrayList<>()).add(change + " (" + String.join("; ", f.why()) + ")");
    }
    Map<ServiceId, List<String>> closeCodes = new TreeMap<>();
    for (TrackedChange t : app.gate().changes()) {
      Change c = t.change();
      if (c.state() == ChangeState.CLOSED && c.closeCode().filter(code -> code != CloseCode.SUCCESSFUL).isPresent()) {
        closeCodes.computeIfAbsent(c.service(), s -> new ArrayList<>())
            .add(c.id() + " " + c.closeCode().get().name().toLowerCase(Locale.ROOT));
      }
    }
    List<String> lines = new ArrayList<>();
    java.util.Set<ServiceId> services = new java.util.TreeSet<>(dora.keySet());
    services.addAll(closeCodes.keySet());
    for (ServiceId service : services) {
      RiskContext.RecentChanges history = app.gate().recentChanges(service, Release.ENVIRONMENT);
      int doraFailed = (int) app.kpis().query(KpiQuery.of(window, KpiScope.service(service))).dora()
          .changeFailureRate().failed();
      int closed = closeCodes.getOrDefault(service, List.of()).size();
      boolean agree = history.failed() == doraFailed && doraFailed == closed;
      lines.add("  " + service + ": " + (agree ? doraFailed + " failed in each view"
          : "views disagree: risk history " + history.failed() + ", close codes " + closed + ", DORA " + doraFailed));
      lines.add("    risk history   " + history.failed() + " of " + history.total() + " changes failed in the last "
          + history.window().toDays() + " days");
      lines.add("    close codes    " + String.join(", ", closeCodes.getOrDefault(service, List.of("none failed"))));
      for (String failure : dora.getOrDefault(service, List.of("no failed deployment"))) {
        lines.add("    DORA           " + failure);
      }
    }
    return lines;
  }
}
