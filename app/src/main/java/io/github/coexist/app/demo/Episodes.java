package io.github.coexist.app.demo;

import io.github.coexist.core.catalog.CatalogItemId;
import io.github.coexist.core.catalog.ServiceRequest;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.feedback.SurveyResponse;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.feedback.Ticket;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.incident.AlertOutcome;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentDesk;
import io.github.coexist.core.incident.NewIncident;
import io.github.coexist.core.incident.Suspect;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.postmortem.ActionPlan;
import io.github.coexist.core.postmortem.Postmortem;
import io.github.coexist.core.postmortem.PublishedPostmortem;
import io.github.coexist.core.problem.Problem;
import io.github.coexist.core.Coexist;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The episodes every story holds, placed over its working days: the CAB approves one change and
 * rejects another; a deployment breaks checkout, the incident is traced to it and an emergency
 * rollback fixes it, reviewed the next day, with a postmortem draft; a recurring catalog failure
 * becomes a problem with a known error and a fix; a flapping alert; a customer-reported incident
 * and its survey; catalog requests; a deployment that fails; and a release on Friday evening,
 * held by the weekend freeze until Monday. People, services and timings are drawn from the
 * story's seed.
 */
final class Episodes {
  private final Story story;
  private final Coexist app;
  private final Account account;
  private final Consumer<Postmortem> postmortems;

  Episodes(Story story, Coexist app, Account account, Consumer<Postmortem> postmortems) {
    this.story = story;
    this.app = app;
    this.account = account;
    this.postmortems = postmortems;
  }

  /** Plans every episode. */
  void plan() {
    Agenda agenda = story.agenda();
    agenda.at(Story.at(story.day(0.0), 9, 20), this::stagingRequest);
    agenda.at(Story.at(story.day(0.0), 11, 0), this::cabApproves);
    // Three failures within a week: the recurrence policy's threshold and window.
    agenda.at(Story.at(story.dayOfFirstWeek(0.0), 9, 10), () -> recurringFailure(1));
    agenda.at(Story.at(story.dayOfFirstWeek(0.3), 10, 20), () -> recurringFailure(2));
    agenda.at(Story.at(story.dayOfFirstWeek(0.6), 11, 20), () -> recurringFailure(3));
    agenda.at(Story.at(story.day(0.2), 13, 30), this::riskyCheckoutRelease);
    agenda.at(Story.at(story.day(0.4), 9, 0), this::flappingAlert);
    agenda.at(Story.at(story.day(0.5), 10, 30), this::cabRejects);
    agenda.at(Story.at(story.day(0.5), 13, 0), this::databaseRequest);
    agenda.at(Story.at(story.day(0.6), 10, 0), this::customerReport);
    agenda.at(Story.at(story.day(0.6), 11, 0), this::failingRelease);
    agenda.at(Story.at(story.day(0.7), 11, 0), this::refusedRequest);
    agenda.at(Story.at(Shop.LAST_FRIDAY, 16, 40), this::fridayEvening);
  }

  // ------------------------------------------------------------------ change enablement

  private void cabApproves() {
    Shop.Unit payments = Shop.unit("payments");
    Release release = story.release(payments, "Move the card vault to the new HSM cluster", payments.developers().get(0),
        34, 820, PipelineEvidence.allPassed(), false, false, Optional.empty(), Optional.empty(), true);
    story.ask(release, Reviews.usual());
  }

  private void cabRejects() {
    Shop.Unit identity = Shop.unit("identity");
    Release release = story.release(identity, "Replace the session store with a new Redis cluster",
        identity.developers().get(1), 48, 1450,
        PipelineEvidence.of(EvidenceStatus.PASSED, EvidenceStatus.PASSED, EvidenceStatus.MISSING), false, false,
        Optional.empty(), Optional.empty(), true);
    story.ask(release, Reviews.fixed(List.of(new Reviews.Vote(Shop.CAB.get(2), false,
        "no security scan and no way back: resubmit with a scan and a rollback plan", Duration.ofHours(2)))));
  }

  private void failingRelease() {
    Shop.Unit web = Shop.unit("web");
    Actor developer = web.developers().get(story.random().nextInt(web.developers().size()));
    Release release = story.release(web, "New product page layout", developer, 6, 140, PipelineEvidence.allPassed(),
        true, false, Optional.empty(), Optional.empty(), false);
    story.onDeployed(release, change -> story.agenda().after(Duration.ofMinutes(40), () -> story.ask(
        story.release(web, "New product page layout, with the missing image sizes", developer, 7, 165,
            PipelineEvidence.allPassed(), true, false, Optional.empty(), Optional.empty(), true), Reviews.usual())));
    story.ask(release, Reviews.usual());
  }

  private void fridayEvening() {
    Shop.Unit search = Shop.unit("search");
    story.ask(story.release(search, "Refresh the synonym dictionary", search.developers().get(1), 3, 40,
        PipelineEvidence.allPassed(), true, false, Optional.empty(), Optional.empty(), true), Reviews.usual());
  }

  // ------------------------------------------------------------------ a deployment breaks checkout

  private void riskyCheckoutRelease() {
    Shop.Unit checkout = Shop.unit("checkout");
    Release release = story.release(checkout, "Switch tax calculation to the new rates service",
        checkout.developers().get(1), 9, 210, PipelineEvidence.allPassed(), true, false, Optional.empty(),
        Optional.empty(), true);
    story.onDeployed(release, change -> story.agenda().after(Duration.ofMinutes(18), this::checkoutBreaks));
    story.ask(release, Reviews.usual());
  }

  private void checkoutBreaks() {
    Alert.Builder alert = Alert.builder().source("prometheus").dedupKey("CheckoutHighErrorRate").service("checkout")
        .summary("checkout: HTTP 5xx above 2% for 5 minutes").severity("critical").label("signature", "checkout-5xx");
    IncidentId incident = raise(alert.status("firing").at(app.clock().instant())).incident().orElseThrow().id();
    Agenda agenda = story.agenda();
    agenda.after(Duration.ofMinutes(2), () -> raise(alert.status("firing").at(app.clock().instant())));
    agenda.after(Duration.ofMinutes(5), () -> raise(alert.status("firing").at(app.clock().instant())));
    agenda.after(Duration.ofMinutes(8), () -> {
      Incident acked = Story.must(app.incidents().acknowledge(incident, Shop.ON_CALL), "acknowledging " + incident);
      if (acked.major()) {
        acked = Story.must(app.incidents().assignRole(incident, IncidentDesk.Role.COMMANDER, Shop.ON_CALL, Shop.ON_CALL),
            "taking command of " + incident);
      }
      account.block("INCIDENT", incident + " acknowledged by " + Shop.ON_CALL.name())
          .row("priority", acked.priority().label() + ", assigned to " + acked.assignmentGroup().map(Object::toString)
              .orElse("nobody"))
          .row("major", acked.major() ? "declared major (P1 on a tier-1 service), commander " + Shop.ON_CALL.name()
              + ": checkout and its dependents are locked down" : "no");
    });
    agenda.after(Duration.ofMinutes(12), () -> traceCause(incident, alert));
  }

  private void traceCause(IncidentId incident, Alert.Builder alert) {
    List<Suspect> suspects = Story.must(app.incidents().suspects(incident), "the suspects of " + incident);
    Account.Block b = account.block("SUSPECTS", incident + " checkout: " + suspects.size() + " ranked suspect"
        + (suspects.size() == 1 ? "" : "s"));
    for (Suspect s : suspects) {
      b.row("#" + s.rank(), s.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": "
          + s.deployment().map(d -> "deployment " + d + " ").orElse("")
          + s.change().map(c -> "change " + c + " ").orElse("") + "- " + s.reason());
    }
    Optional<Suspect> top = suspects.stream().filter(s -> s.deployment().isPresent()).findFirst();
    if (top.isPresent()) {
      Incident confirmed = Story.must(app.incidents().confirmSuspect(incident, top.get().deployment().get(),
          Shop.ON_CALL), "confirming the cause of " + incident);
      b.row("confirmed", Shop.ON_CALL.name() + " confirms " + confirmed.causedBy().map(c -> c.describe()).orElse("it")
          + " as the cause; the change counts as failed");
    }
    Shop.Unit checkout = Shop.unit("checkout");
    Release release = story.release(checkout, "Roll back the tax calculation switch", checkout.developers().get(0), 9,
        210, PipelineEvidence.of(EvidenceStatus.PASSED, EvidenceStatus.MISSING, EvidenceStatus.MISSING), true, true,
        Optional.of(incident), Optional.empty(), true);
    // The pipeline says what it rolls back: the deployment confirmed as the cause.
    Optional<io.github.coexist.core.kernel.DeploymentId> undone = top.flatMap(Suspect::deployment);
    Release rollback = undone.map(release::rollingBack).orElse(release);
    story.onDeployed(rollback, change -> {
      undone.flatMap(d -> app.deployments().find(d)).flatMap(io.github.coexist.core.delivery.Deployment::changeId)
          .flatMap(app.gate()::change).ifPresent(backedOut -> account.block("OUTCOME", backedOut.change().id()
              + " " + backedOut.change().service() + " backed out by " + change.id())
              .row("state", Story.state(backedOut.change()) + " (in ServiceNow's terms a backed-out change is"
                  + " unsuccessful)")
              .row("risk", "its service's failure history counts it as failed; the KPIs count deployment "
                  + undone.get() + " failed: rollback detected"));
      story.agenda().after(Duration.ofMinutes(7), () -> {
        raise(alert.status("resolved").at(app.clock().instant()));
        // A major incident is resolved by people, not by its alert clearing: its lockdown lifts then.
        Incident now = Story.must(app.incidents().incident(incident), "reading " + incident);
        if (now.isOpen()) {
          Story.must(app.incidents().resolve(incident, "rolled back the tax calculation switch", Shop.ON_CALL),
              "resolving " + incident);
          app.tick();
          account.block("INCIDENT", incident + " resolved by " + Shop.ON_CALL.name())
              .row("lockdown", "lifted: changes held on checkout and its dependents resume");
        }
      });
      story.agenda().after(Duration.ofMinutes(25), () -> postmortem(incident));
      LocalDate today = app.clock().instant().atZone(Shop.BERLIN).toLocalDate();
      LocalDate next = story.nextDay(today);
      Instant review = next.equals(today) ? app.clock().instant().plus(Duration.ofHours(1)) : Story.at(next, 10, 0);
      story.agenda().at(review, () -> retrospective(change));
    });
    story.agenda().after(Duration.ofMinutes(3), () -> story.ask(rollback, Reviews.usual()));
  }

  private void retrospective(Change change) {
    // Separation of duties: the retrospective review is by an ECAB member who did not approve it.
    List<Actor> approvers = app.gate().change(change.id()).flatMap(TrackedChange::approvals)
        .map(a -> a.votes().stream().map(io.github.coexist.core.change.Vote::actor).toList()).orElse(List.of());
    Actor reviewer = Shop.ECAB.stream().filter(member -> !approvers.contains(member)).reduce((a, b) -> b)
        .orElseThrow();
    Change closed = Story.must(app.gate().closeRetrospective(change.id(), reviewer, CloseCode.SUCCESSFUL,
        "the rollback restored checkout within minutes; follow-up: contract tests against the rates service"),
        "the retrospective review of " + change.id());
    app.tick();
    account.block("REVIEW", closed.id() + " " + closed.service() + " (emergency change): retrospective review by "
        + reviewer.name())
        .row("outcome", Story.state(closed))
        .row("notes", closed.closeNotes().orElse(""));
  }

  private void postmortem(IncidentId incident) {
    Postmortem draft = Story.must(app.postmortems().draft(incident), "the postmortem of " + incident);
    postmortems.accept(draft);
    Account.Block b = account.block("POSTMORTEM", incident + ": blameless draft '" + draft.title() + "' written")
        .row("impact", draft.impact().priority().label() + ", " + draft.impact().dependents().size()
            + " dependent service(s), restored after " + draft.impact().duration().toMinutes() + " min")
        .row("timeline", draft.timeline().size() + " entries");
    draft.contributingFactors().stream().limit(2).forEach(f -> b.row("factor", f));
    // A P1 or major incident closes once its postmortem is published with the actions it commits to.
    Instant due = app.clock().instant().plus(Duration.ofDays(14));
    List<ActionPlan> plans = draft.actionItems().stream().limit(3)
        .map(item -> new ActionPlan(item.title(), item.kind(), item.owner().orElse(Shop.unit("checkout").team()), due))
        .toList();
    PublishedPostmortem published = Story.must(app.postmortemBook().publish(incident, plans, Shop.ON_CALL),
        "publishing the postmortem of " + incident);
    published.actions().forEach(a -> b.row("action", a.id() + " " + a.title() + " (owner " + a.owner() + ", due "
        + a.due().atZone(Shop.BERLIN).toLocalDate() + ", ticket " + a.ticket().map(k -> k.display()).orElse("none") + ")"));
    Incident closed = Story.must(app.incidents().close(incident, Shop.ON_CALL), "closing " + incident);
    b.row("closed", closed.id() + " closed: its postmortem is published, " + published.actions().size()
        + " action item(s) followed up (overdue ones add risk to checkout's changes)");
  }

  // ------------------------------------------------------------------ alerts and incidents

  private AlertOutcome raise(Alert.Builder alert) {
    Alert built = Story.must(alert.build(), "an alert");
    AlertOutcome outcome = Story.must(app.incidents().raise(built), "the alert " + built.correlationKey());
    account.block("ALERT", built.service() + " " + built.status().name().toLowerCase(java.util.Locale.ROOT) + ": "
        + built.summary())
        .row("outcome", outcome.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": "
            + outcome.detail());
    return outcome;
  }

  private void flappingAlert() {
    Alert.Builder alert = Alert.builder().source("prometheus").dedupKey("SearchLatencyHigh").service("search")
        .summary("search: p99 latency above 800 ms").severity("warning");
    Agenda agenda = story.agenda();
    int[] minutes = {0, 4, 8, 12, 16, 20, 26, 31};
    for (int i = 0; i < minutes.length; i++) {
      String status = i % 2 == 0 ? "firing" : "resolved";
      agenda.after(Duration.ofMinutes(minutes[i]), () -> raise(alert.status(status).at(app.clock().instant())));
    }
    Actor engineer = Shop.unit("search").developers().get(0);
    agenda.after(Duration.ofMinutes(40), () -> openIncidentsOf("search").forEach(i -> {
      // A reopened incident is in progress already: only a new one is acknowledged.
      if (i.state() == io.github.coexist.core.incident.IncidentState.NEW) {
        Story.must(app.incidents().acknowledge(i.id(), engineer), "acknowledging " + i.id());
      }
      Account.Block b = account.block("INCIDENT", i.id() + " taken by " + engineer.name()).row("state",
          "in progress, reopened " + i.reopenCount() + " time(s) by its flapping alert");
      app.kpis().attribution(i.id()).ifPresent(a -> b.row("counts", "against deployment " + a.deployment()
          + app.deployments().find(a.deployment()).flatMap(io.github.coexist.core.delivery.Deployment::changeId)
              .map(c -> " (change " + c + ")").orElse("") + ": " + a.why() + ", while nobody rules on its cause"));
    }));
    agenda.after(Duration.ofMinutes(75), () -> openIncidentsOf("search").forEach(i -> {
      Incident resolved = Story.must(app.incidents().resolve(i.id(),
          "search cache warmed after the synonym reload; p99 back under 300 ms", engineer), "resolving " + i.id());
      Incident ruled = Story.must(app.incidents().giveVerdict(i.id(), io.github.coexist.core.incident.Verdict.NOT_CHANGE_RELATED,
          engineer), "ruling on the cause of " + i.id());
      account.block("INCIDENT", resolved.id() + " resolved by " + engineer.name())
          .row("resolution", resolved.resolution().orElse(""))
          .row("reopened", resolved.reopenCount() + " time(s) while its alert flapped")
          .row("verdict", (ruled.verdict() == io.github.coexist.core.incident.Verdict.NOT_CHANGE_RELATED
              ? "not change-related" : ruled.verdict().label()) + ", by " + engineer.name()
              + ": no change is blamed for it any more");
    }));
  }

  private List<Incident> openIncidentsOf(String service) {
    return app.incidents().openIncidents(io.github.coexist.core.service.ServiceId.of(service));
  }

  private void recurringFailure(int occurrence) {
    Alert.Builder alert = Alert.builder().source("prometheus").dedupKey("CatalogDbPoolExhausted").service("catalog")
        .summary("catalog: database connection pool exhausted").severity("error")
        .label("signature", "catalog-db-pool-exhausted");
    raise(alert.status("firing").at(app.clock().instant()));
    Agenda agenda = story.agenda();
    agenda.after(Duration.ofMinutes(4), () -> raise(alert.status("firing").at(app.clock().instant())));
    agenda.after(Duration.ofMinutes(18), () -> raise(alert.status("resolved").at(app.clock().instant())));
    if (occurrence == 3) {
      agenda.after(Duration.ofMinutes(20), this::problemRaised);
    }
  }

  private void problemRaised() {
    Optional<Problem> raised = app.problems().problems().stream()
        .filter(p -> p.service().value().equals("catalog") && p.raisedAutomatically()).findFirst();
    if (raised.isEmpty()) {
      throw new IllegalStateException("three catalog incidents with one signature raised no problem");
    }
    Problem problem = raised.get();
    account.block("PROBLEM", problem.id() + " raised by coexist: " + problem.title())
        .row("incidents", problem.incidents().toString())
        .row("priority", problem.priority().label());
    Actor analyst = Shop.unit("catalog").developers().get(0);
    Agenda agenda = story.agenda();
    agenda.after(Duration.ofMinutes(30), () -> {
      Story.must(app.problems().assess(problem.id(), analyst), "assessing " + problem.id());
      Story.must(app.problems().startAnalysis(problem.id(), analyst), "analysing " + problem.id());
      account.block("PROBLEM", problem.id() + " in root cause analysis by " + analyst.name());
    });
    agenda.after(Duration.ofMinutes(120), () -> {
      Problem known = Story.must(app.problems().recordKnownError(problem.id(),
          "the nightly catalog import holds its database connections for the whole run",
          "restart the import worker with --batch-size 500, which returns connections between batches", analyst),
          "the known error of " + problem.id());
      account.block("PROBLEM", known.id() + " is a known error")
          .row("root cause", known.knownError().orElseThrow().rootCause())
          .row("workaround", known.knownError().orElseThrow().workaround());
    });
    agenda.after(Duration.ofMinutes(130), () -> fixProblem(problem));
  }

  private void fixProblem(Problem problem) {
    Shop.Unit catalog = Shop.unit("catalog");
    Actor developer = catalog.developers().get(1);
    Release fix = story.release(catalog, "Give the catalog import its own connection pool", developer, 5, 120,
        PipelineEvidence.allPassed(), true, false, Optional.empty(), Optional.empty(), true);
    story.onDeployed(fix, change -> story.agenda().after(Duration.ofMinutes(30), () -> {
      Problem resolved = Story.must(app.problems().resolve(problem.id(), "fix " + change.id()
          + " deployed: the import has its own pool of 4 connections", developer), "resolving " + problem.id());
      account.block("PROBLEM", resolved.id() + " resolved by " + developer.name())
          .row("fix", resolved.fix().map(Object::toString).orElse("") + ", " + Story.state(change));
    }));
    Change change = story.ask(fix, Reviews.usual());
    Problem fixing = Story.must(app.problems().startFix(problem.id(), change.id(), developer), "the fix of " + problem.id());
    account.block("PROBLEM", fixing.id() + " fix in progress: change " + change.id());
  }

  private void customerReport() {
    Incident opened = Story.must(app.incidents().open(Story.must(NewIncident.builder()
        .title("Password reset e-mails arrive hours late")
        .description("Three customers called: the reset link expires before the e-mail arrives.")
        .service("notifications").impact(2).urgency(2).reporter(Shop.SUPPORT).build(), "the report")),
        "opening the customer's incident");
    account.block("INCIDENT", opened.id() + " reported by " + Shop.SUPPORT.name() + ": " + opened.title())
        .row("priority", opened.priority().label() + ", assigned to "
            + opened.assignmentGroup().map(Object::toString).orElse("nobody"));
    Actor engineer = Shop.unit("notifications").developers().get(0);
    Agenda agenda = story.agenda();
    agenda.after(Duration.ofMinutes(20), () -> {
      Story.must(app.incidents().acknowledge(opened.id(), engineer), "acknowledging " + opened.id());
      account.block("INCIDENT", opened.id() + " acknowledged by " + engineer.name());
    });
    agenda.after(Duration.ofMinutes(90), () -> {
      Incident resolved = Story.must(app.incidents().resolve(opened.id(),
          "raised the mail provider's send rate; the queue drained in 12 minutes", engineer), "resolving " + opened.id());
      account.block("INCIDENT", resolved.id() + " resolved by " + engineer.name())
          .row("resolution", resolved.resolution().orElse(""))
          .row("survey", "offered to " + Shop.SUPPORT.name());
    });
    agenda.after(Duration.ofMinutes(105), () -> answer(Ticket.of(app.incidents().incident(opened.id()).get()),
        Shop.SUPPORT, "fixed quickly; please tell us sooner next time"));
  }

  private void answer(Ticket ticket, Actor respondent, String comment) {
    int rating = 3 + story.random().nextInt(3);
    SurveyResponse response = Story.must(app.surveys().respond(ticket, rating, comment, respondent),
        "the survey answer on " + ticket.key());
    account.block("SURVEY", ticket.key() + " rated " + response.rating() + " of 5 by " + respondent.name())
        .row("comment", response.comment().orElse(""));
  }

  // ------------------------------------------------------------------ catalog requests

  private void stagingRequest() {
    Actor requester = Shop.unit("web").developers().get(1);
    ServiceRequest request = submit(Shop.STAGING, requester, Map.of("team", "storefront", "size", "medium",
        "purpose", "try the new product page with production-like traffic"));
    Agenda agenda = story.agenda();
    agenda.after(Duration.ofMinutes(40), () -> approveAndStart(request, Shop.PLATFORM_LEAD));
    Actor platform = Actor.person("ivan.petrov");
    agenda.after(Duration.ofMinutes(130), () -> task(request, "provision the namespace", platform));
    agenda.after(Duration.ofMinutes(220), () -> task(request, "wire up the pipeline", platform));
    agenda.after(Duration.ofMinutes(250), () -> answer(Ticket.of(request(request)), requester,
        "ready the same day, thank you"));
  }

  private void databaseRequest() {
    Actor requester = Shop.unit("catalog").developers().get(0);
    ServiceRequest request = submit(Shop.DB_ACCESS, requester, Map.of("database", "orders-db",
        "reason", "investigate slow catalog joins", "email", requester.name() + "@acme-shop.example"));
    Agenda agenda = story.agenda();
    agenda.after(Duration.ofMinutes(40), () -> approveAndStart(request, Shop.DBA));
    agenda.after(Duration.ofMinutes(70), () -> task(request, "grant the read-only role", Shop.DBA));
    agenda.after(Duration.ofMinutes(90), () -> answer(Ticket.of(request(request)), requester, "worked as asked"));
  }

  private void refusedRequest() {
    Actor requester = Shop.unit("search").developers().get(1);
    ServiceRequest request = submit(Shop.DB_ACCESS, requester, Map.of("database", "payments-db",
        "reason", "curious about refund volumes", "email", requester.name() + "@acme-shop.example"));
    story.agenda().after(Duration.ofMinutes(30), () -> {
      ServiceRequest rejected = Story.must(app.requests().reject(request.id(), Shop.DBA,
          "payments data needs a PCI-approved reason: ask your lead"), "rejecting " + request.id());
      account.block("REQUEST", rejected.id() + " rejected by " + Shop.DBA.name())
          .row("reason", rejected.reason().orElse(""));
    });
  }

  private ServiceRequest submit(CatalogItemId item, Actor requester, Map<String, String> answers) {
    ServiceRequest request = Story.must(app.requests().submit(item, requester, answers), "a request for " + item);
    account.block("REQUEST", request.id() + " '" + request.item().name() + "' submitted by " + requester.name())
        .row("answers", new TreeMap<>(answers).toString())
        .row("approval", String.join(", ", request.item().approval().approvers().stream().map(Actor::name).toList()));
    return request;
  }

  private void approveAndStart(ServiceRequest request, Actor approver) {
    Story.must(app.requests().approve(request.id(), approver), "approving " + request.id());
    ServiceRequest started = Story.must(app.requests().startFulfilment(request.id(), approver),
        "fulfilling " + request.id());
    account.block("REQUEST", request.id() + " approved by " + approver.name() + ", in fulfilment")
        .row("tasks", String.join(", ", started.tasks().stream().map(t -> t.name() + " (" + t.team() + ")").toList()));
  }

  private void task(ServiceRequest request, String task, Actor actor) {
    ServiceRequest after = Story.must(app.requests().completeTask(request.id(), task, actor), task);
    account.block("REQUEST", request.id() + ": '" + task + "' done by " + actor.name())
        .row("state", after.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
            + (after.openTasks().isEmpty() ? "; survey offered to " + after.requester().name() : ""));
  }

  private ServiceRequest request(ServiceRequest request) {
    return Story.must(app.requests().request(request.id()), "reading " + request.id());
  }
}
