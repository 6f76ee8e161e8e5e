package io.github.coexist.app.demo;

import io.github.coexist.core.audit.AuditVerification;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeAuthority;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.KpiReport;
import io.github.coexist.core.kpi.TimeWindow;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.Coexist;
import io.github.coexist.app.dashboard.DashboardData;
import io.github.coexist.core.kernel.ManualClock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs one story: starts the tools, wires the app on a hand-moved clock, introduces the shop,
 * plays the week, and ends with the KPIs and the files written. Everything the account prints
 * comes from the seed and the clock, so the same options print the same account.
 */
final class Demo {
  /**
   * The state at the end of a story, before anything is closed (tests look at it).
   *
   * @param app the app the story ran on
   * @param tools the tools it ran against
   * @param files every file written
   * @param report the KPIs printed
   */
  record Finished(Coexist app, Tools tools, List<Path> files, KpiReport report) {}

  private Demo() {}

  /** Runs the story {@code options} describe, telling it on {@code out}; {@code inspect} sees the end. */
  static void run(DemoOptions options, PrintStream out, Consumer<Finished> inspect) throws IOException {
    ManualClock clock = new ManualClock(Story.at(Shop.firstDay(options.days()), 8, 0));
    Account account = new Account(out, clock);
    try (Tools tools = Tools.start(options, clock);
        Outputs outputs = Outputs.open(options.out());
        Coexist app = tools.configure(clock)
            .riskAssessor(Shop.riskAssessor())
            .approvalPolicy(Shop.policy())
            .calendar(Shop.calendar())
            .catalog(Shop.catalog())
            .factListener(outputs.events())
            .build()) {
      Story.must(tools.register(app), "registering the services");
      introduce(account, options, tools);

      Agenda agenda = new Agenda(clock);
      Story story = new Story(app, tools, tools.pipeline(app), account, new Random(options.seed()), agenda,
          options.days());
      Episodes episodes = new Episodes(story, app, account, outputs::postmortem);
      story.planEverydayWork();
      episodes.plan();
      agenda.run(() -> {
        app.tick();
        story.watch();
      });

      KpiReport report = conclude(account, app, tools, outputs);
      inspect.accept(new Finished(app, tools, outputs.written(), report));
    }
  }

  private static void introduce(Account account, DemoOptions options, Tools tools) {
    account.line("coexist demo: the ACME online shop over " + options.days() + " working day"
        + (options.days() == 1 ? "" : "s") + " to Friday " + Shop.LAST_FRIDAY + " (seed " + options.seed() + ")");
    tools.describe().forEach(account::line);
    account.heading("The shop");
    for (Shop.Unit unit : Shop.UNITS) {
      account.line(String.format(Locale.ROOT, "  %-13s %-13s tier %d  %-16s  needs %s", unit.name(),
          unit.team().value(), unit.service().tier().rank(), unit.service().zone().getId(),
          unit.service().dependsOn().isEmpty() ? "no other service"
              : unit.service().dependsOn().stream().map(ServiceId::value).sorted().collect(Collectors.joining(", "))),
          62);
    }
    var policy = Shop.policy();
    account.heading("The rules");
    account.line("  policy " + policy.version() + ": low risk with passing evidence is approved automatically; "
        + "other low and moderate risk goes to a peer; high and very high risk to the CAB; emergencies to the "
        + "emergency CAB and a review afterwards; '" + Shop.CONFIG_TOGGLE + "' is a pre-authorised standard change");
    for (ChangeAuthority authority : policy.authorities().values()) {
      account.line(String.format(Locale.ROOT, "  %-5s %d approval%s within %d h from %s", authority.name(),
          authority.quorum(), authority.quorum() == 1 ? "" : "s", authority.expiry().toHours(),
          authority.anyPerson() ? "any person but the requester"
              : authority.approvers().stream().map(Actor::name).sorted().collect(Collectors.joining(", "))));
    }
    account.line("  risk: the nine built-in factors (weights add up to 100); rule 'tier 1 service without a "
        + "rollback plan' forces high");
    account.line("  calendar: freeze every Friday 16:00 to Monday 08:00 Europe/Berlin; year-end freeze 20 Dec to 2 Jan");
    account.line("  catalog: " + Shop.catalog().items().stream().map(i -> i.name() + " (approved by "
        + i.approval().approvers().stream().map(Actor::name).collect(Collectors.joining(", ")) + ")")
        .collect(Collectors.joining("; ")));
  }

  private static KpiReport conclude(Account account, Coexist app, Tools tools, Outputs outputs) {
    account.heading("The week in numbers");
    List<Change> changes = app.gate().changes().stream().map(TrackedChange::change).toList();
    long auto = changes.stream().filter(c -> c.decision().outcome() == Decision.Outcome.APPROVED
        && c.decision().decidedBy().equals(Actor.COEXIST) && c.decision().authority().isEmpty()).count();
    long approved = changes.stream().filter(c -> c.decision().outcome() == Decision.Outcome.APPROVED).count();
    long rejected = changes.stream().filter(c -> c.decision().outcome() == Decision.Outcome.REJECTED).count();
    long emergencies = changes.stream().filter(c -> c.type() == ChangeType.EMERGENCY).count();
    account.line("  changes: " + changes.size() + " (" + approved + " approved, " + auto + " of them automatically; "
        + rejected + " rejected; " + emergencies + " emergency)");
    account.line("  incidents: " + app.incidents().incidents().size() + "; problems: " + app.problems().problems().size()
        + " (" + app.problems().knownErrors().size() + " known error); requests: " + app.requests().requests().size()
        + "; survey answers: " + app.surveys().surveys().stream().filter(s -> s.isAnswered()).count());
    tools.servicenow().ifPresent(sn -> account.line("  ServiceNow holds " + sn.records("change_request").size()
        + " change requests, " + sn.records("incident").size() + " incidents and " + sn.records("problem").size()
        + " problems"));
    tools.jira().ifPresent(jira -> account.line("  Jira holds " + jira.issues().size() + " issues: "
        + jira.issues().stream().filter(i -> i.issueType().equals("Change")).count() + " changes and "
        + jira.issues().stream().filter(i -> i.issueType().equals("Incident")).count() + " incidents"));
    tools.github().ifPresent(github -> account.line("  GitHub holds " + github.reviews().size()
        + " protection rule reviews and notes posted by coexist"));

    TimeWindow window = app.kpis().span().orElseThrow(() -> new IllegalStateException("the story made no events"));
    KpiReport report = app.kpis().query(KpiQuery.organisation(window));
    account.blank();
    account.line("KPIs over the event log's whole span (what `kpis --events events.jsonl` computes):");
    KpiText.lines(report).forEach(account::line);
    account.blank();
    account.line("Failed changes, one outcome in three views (risk history, ITSM close codes, DORA):");
    OutcomeViews.lines(app, window).forEach(line -> account.line(line, 19));

    outputs.kpis(report, app.kpis().failures(KpiQuery.organisation(window)));
    outputs.dashboard(DashboardData.page(app, window));
    AuditVerification audit = outputs.audit(app.audit());
    account.blank();
    account.line("Audit trail: " + audit.entriesChecked() + " entries, hash chain " + (audit.intact() ? "verified" : "BROKEN"));
    account.line("Written (" + outputs.eventCount() + " events in the log):");
    outputs.written().forEach(path -> account.line("  " + path));
    return report;
  }
}
