package io.github.coexist.store.jdbc;

import io.github.coexist.core.Coexist;
import io.github.coexist.core.calendar.WindowKind;
import io.github.coexist.core.calendar.WindowOccurrence;
import io.github.coexist.core.catalog.Approval;
import io.github.coexist.core.catalog.Catalog;
import io.github.coexist.core.catalog.CatalogItem;
import io.github.coexist.core.catalog.CatalogItemId;
import io.github.coexist.core.catalog.FieldSpec;
import io.github.coexist.core.catalog.ServiceRequest;
import io.github.coexist.core.catalog.TaskTemplate;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.GateReplies;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.feedback.Ticket;
import io.github.coexist.core.gate.TemplateReenabled;
import io.github.coexist.core.gate.GateRecord;
import io.github.coexist.core.gate.PipelineDeadline;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.NewIncident;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.postmortem.Postmortem;
import io.github.coexist.core.postmortem.ActionItem;
import io.github.coexist.core.postmortem.ActionPlan;
import io.github.coexist.core.problem.NewProblem;
import io.github.coexist.core.problem.Problem;
import io.github.coexist.core.problem.Resolution;
import io.github.coexist.core.risk.FactorContribution;
import io.github.coexist.core.risk.RiskAssessment;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.service.Tier;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.signal.SignalOutcome;
import io.github.coexist.core.store.InMemoryStateStore;
import io.github.coexist.core.store.StoredRecord;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A day at a small shop run through core's public API, for the codec's tests: every signal case
 * accepted by a real {@link Coexist} (gate requests approved, pending, approved, rejected and
 * cancelled in the tool; pull requests; deployments; alerts), incidents worked, a problem with a
 * known error, a catalog request fulfilled, surveys answered, a postmortem drafted. {@link
 * #records()} wraps every value that came out of it as the {@link StoredRecord}s a store keeps.
 */
final class Scenario {
  /** When the day starts: nanoseconds included, so a store that rounds instants is caught. */
  static final Instant T0 = Instant.parse("2025-03-04T09:15:30.123456789Z");
  private static final Actor CAB = Actor.person("cab-chair");
  private static final Actor ON_CALL = Actor.person("on.call");

  final ManualClock clock = new ManualClock(T0);
  final List<Signal> signals = new ArrayList<>();
  private final InMemoryStateStore kept = new InMemoryStateStore(clock);
  private final List<GateReply> replies = new ArrayList<>();
  private final List<Postmortem> postmortems = new ArrayList<>();
  private final Coexist coexist;
  private IncidentId reported;

  private Scenario() {
    coexist = Coexist.builder().clock(clock)
        .store(kept)
        .riskAssessor(context -> risk(context.request().service()))
        .gateReplies(new Replies())
        .catalog(Catalog.of(databaseItem()))
        .build();
  }

  /** Runs the day. */
  static Scenario run() {
    Scenario scenario = new Scenario();
    scenario.day();
    return scenario;
  }

  private static RiskAssessment risk(ServiceId service) {
    boolean vault = service.value().equals("vault");
    return new RiskAssessment(vault ? 72 : 14, vault ? RiskLevel.HIGH : RiskLevel.LOW, List.of(
        new FactorContribution("change-size", vault ? 30 : 10.5, 30, "820 lines in 34 files"),
        new FactorContribution("blast-radius", vault ? 42 : 3.5, 70, "2 services depend on it")),
        vault ? Optional.of("the vault is tier 1") : Optional.empty());
  }

  private static CatalogItem databaseItem() {
    return CatalogItem.builder().id(CatalogItemId.of("new-database")).name("A new database")
        .description("A PostgreSQL database for a service")
        .addFields(FieldSpec.text("name", "Database name", true), FieldSpec.choice("size", "Size", true, "s", "m", "l"),
            FieldSpec.flag("backups", "Nightly backups", false))
        .approval(Approval.by(Actor.person("dba-lead")))
        .addTasks(new TaskTemplate("create", TeamId.of("dba")), new TaskTemplate("grant", TeamId.of("dba")))
        .build();
  }

  private static <T> T must(Either<CoexistError, T> result) {
    return result.getOrElseThrow(e -> new AssertionError(e.message()));
  }

  private SignalOutcome accept(Signal signal) {
    signals.add(signal);
    return must(coexist.accept(signal));
  }

  private void later(Duration time) {
    clock.advance(time);
  }

  private void day() {
    must(coexist.register(Service.of("shop", "web")));
    must(coexist.register(Service.builder().id(ServiceId.of("vault")).owner(TeamId.of("payments"))
        .tier(Tier.TIER_1).zone(ZoneId.of("Europe/Berlin")).addDependsOn(ServiceId.of("shop")).build()));
    gates();
    ChangeId shipped = deliveries();
    IncidentId broken = incidents(shipped);
    problems(broken);
    ServiceRequest request = requests();
    surveys(reported, request);
    postmortems.add(must(coexist.postmortems().draft(broken)));
    must(coexist.postmortemBook().publish(broken, List.of(new ActionPlan("alert on the error budget burn rate",
        ActionItem.Kind.IMPROVEMENT, TeamId.of("web"), clock.instant().plus(Duration.ofDays(14)))), ON_CALL));
    later(Duration.ofHours(1));
    coexist.tick();
  }

  private void gates() {
    accept(Signal.GateRequested.of(deploy("k-shop-1", "shop").build().get()));
    SignalOutcome pending = accept(new Signal.GateRequested(deploy("k-vault-1", "vault").build().get(),
        Optional.of(PipelineDeadline.rejectAt(T0.plus(Duration.ofHours(6))))));
    SignalOutcome rejected = accept(Signal.GateRequested.of(deploy("k-vault-2", "vault").build().get()));
    SignalOutcome cancelled = accept(Signal.GateRequested.of(deploy("k-vault-3", "vault").build().get()));
    later(Duration.ofMinutes(20));
    accept(new Signal.ApprovalGiven(externalKey(pending), CAB, "fine, with the rollback plan"));
    accept(new Signal.RejectionGiven(externalKey(rejected), CAB, "no security scan"));
    accept(new Signal.ChangeCancelled(externalKey(cancelled), Actor.person("dev"), ""));
  }

  private static DeploymentRequest.Builder deploy(String key, String service) {
    return DeploymentRequest.builder().idempotencyKey(key).service(service).environment("production")
        .headSha("0123456789abcdef0123456789abcdef01234567").filesChanged(34).linesChanged(820)
        .evidence(service.equals("vault")
            ? PipelineEvidence.of(EvidenceStatus.PASSED, EvidenceStatus.PASSED, EvidenceStatus.MISSING)
            : PipelineEvidence.allPassed())
        .requester(Actor.person("alice")).summary("Move the card vault to the new HSM cluster: größer, schneller ✓")
        .plannedStart(T0.plus(Duration.ofMinutes(30))).source("github").replyTo("run", "42");
  }

  private ExternalKey externalKey(SignalOutcome outcome) {
    return coexist.gate().change(outcome.change().orElseThrow()).orElseThrow().change().externalKey().orElseThrow();
  }

  private ChangeId deliveries() {
    Commit commit = new Commit("abc123", T0.minus(Duration.ofHours(3)));
    accept(new Signal.PullRequestMerged("acme/shop", 7, Actor.person("bo"), "head1", Optional.of("abc123"),
        T0.minus(Duration.ofHours(1)), List.of(commit), List.of(Actor.person("al"))));
    IdempotencyKey key = IdempotencyKey.of("k-shop-1");
    Instant start = clock.instant();
    accept(new Signal.DeploymentReported(deployment("d-1", Deployment.Status.IN_PROGRESS, start, Optional.empty()),
        Optional.of(key)));
    later(Duration.ofMinutes(5));
    SignalOutcome done = accept(new Signal.DeploymentReported(deployment("d-1", Deployment.Status.SUCCESS, start,
        Optional.of(clock.instant())), Optional.of(key)));
    return done.change().orElseThrow();
  }

  private static Deployment deployment(String id, Deployment.Status status, Instant start, Optional<Instant> end) {
    return new Deployment(DeploymentId.of(id), ServiceId.of("shop"), "production", status, start, end,
        List.of(), Optional.empty(), Optional.empty(), Optional.of("acme/shop"), Optional.of("abc123"));
  }

  private IncidentId incidents(ChangeId shipped) {
    later(Duration.ofMinutes(10));
    Alert.Builder alert = Alert.builder().source("prometheus").dedupKey("shop-5xx").service("shop")
        .summary("shop: HTTP 5xx above 2%").severity("critical").label("signature", "shop-5xx");
    IncidentId broken = accept(new Signal.AlertRaised(must(alert.status("firing").at(clock.instant()).build())))
        .incident().orElseThrow();
    later(Duration.ofMinutes(2));
    accept(new Signal.AlertRaised(must(alert.status("firing").at(clock.instant()).build())));
    must(coexist.incidents().acknowledge(broken, ON_CALL));
    must(coexist.incidents().confirmSuspect(broken, shipped, ON_CALL));
    later(Duration.ofMinutes(30));
    // The alert resolving resolves the incident.
    accept(new Signal.AlertRaised(must(alert.status("resolved").at(clock.instant()).build())));
    Incident reported = must(coexist.incidents().open(must(NewIncident.builder().title("Cannot pay with a card")
        .description("a customer called").service("vault").impact(2).urgency(1).reporter(Actor.person("support"))
        .build())));
    must(coexist.incidents().acknowledge(reported.id(), ON_CALL));
    must(coexist.incidents().hold(reported.id(), "waiting for the card issuer", ON_CALL));
    later(Duration.ofMinutes(15));
    must(coexist.incidents().resume(reported.id(), ON_CALL));
    must(coexist.incidents().resolve(reported.id(), "issuer fixed it", ON_CALL));
    must(coexist.incidents().close(reported.id(), ON_CALL));
    this.reported = reported.id();
    return broken;
  }

  private void problems(IncidentId broken) {
    Problem problem = must(coexist.problems().raise(must(NewProblem.builder().title("Tax service times out")
        .service("shop").impact(2).urgency(2).raisedBy(ON_CALL).incident(broken).build())));
    must(coexist.problems().assess(problem.id(), ON_CALL));
    must(coexist.problems().startAnalysis(problem.id(), ON_CALL));
    must(coexist.problems().recordKnownError(problem.id(), "connection pool too small", "restart the pods", ON_CALL));
    Problem closed = must(coexist.problems().raise(must(NewProblem.builder().title("Flaky cache")
        .service("shop").impact(3).urgency(3).raisedBy(ON_CALL).build())));
    must(coexist.problems().close(closed.id(), Resolution.DUPLICATE, "same as the tax service", ON_CALL));
  }

  private ServiceRequest requests() {
    ServiceRequest request = must(coexist.requests().submit(CatalogItemId.of("new-database"), Actor.person("bo"),
        Map.of("name", "orders", "size", "m")));
    must(coexist.requests().approve(request.id(), Actor.person("dba-lead")));
    must(coexist.requests().startFulfilment(request.id(), Actor.person("dba")));
    must(coexist.requests().completeTask(request.id(), "create", Actor.person("dba")));
    // The last task done fulfils the request.
    must(coexist.requests().completeTask(request.id(), "grant", Actor.person("dba")));
    return must(coexist.requests().request(request.id()));
  }

  private void surveys(IncidentId reported, ServiceRequest request) {
    Incident incident = must(coexist.incidents().incident(reported));
    if (coexist.surveys().survey(Ticket.of(incident)).isLeft()) {
      must(coexist.surveys().offer(incident));
    }
    if (coexist.surveys().survey(Ticket.of(request)).isLeft()) {
      must(coexist.surveys().offer(request));
    }
    must(coexist.surveys().respond(Ticket.of(request), 5, "quick, thanks", Actor.person("bo")));
  }

  /** Every value of the day, as the records a store keeps. */
  List<StoredRecord> records() {
    List<StoredRecord> records = new ArrayList<>();
    coexist.gate().changes().forEach(tracked -> records.add(new StoredRecord.OfGate(gateRecord(tracked))));
    // Everything else as coexist itself kept it: incidents with their alert history, problems with
    // their recurrences, requests, surveys, services, KPI facts.
    must(coexist.commit());
    kept.load(0).get().records().stream().filter(record -> !(record instanceof StoredRecord.OfGate))
        .forEach(records::add);
    postmortems.forEach(p -> records.add(new StoredRecord.OfPostmortem(p)));
    records.add(new StoredRecord.OfTemplate(new TemplateReenabled("config-toggle", T0.plusSeconds(7), CAB)));
    return records;
  }

  /**
   * The gate's record of a tracked change: the verdict is the policy's for the change's request and
   * risk; a pending change is shown held by a freeze after its approval, and owing the pipeline its
   * last reply, so every part of the record holds a value.
   */
  private GateRecord gateRecord(TrackedChange tracked) {
    Change change = tracked.change();
    boolean pending = change.decision().outcome() != io.github.coexist.core.change.Decision.Outcome.APPROVED;
    Optional<GateReply> reply = replies.stream().filter(r -> r.change().equals(change.id()))
        .reduce((first, second) -> second);
    return new GateRecord(change, coexist.gate().policy().evaluate(change.request(), change.risk()), true,
        tracked.approvals(), pending ? Optional.of(CAB) : Optional.empty(),
        pending ? Optional.of(new WindowOccurrence("weekend freeze", WindowKind.FREEZE, T0,
            T0.plus(Duration.ofDays(2)))) : Optional.empty(),
        tracked.conflicts(), tracked.sync(), tracked.problem(),
        pending ? List.of(IncidentId.of("inc-00000001")) : List.of(),
        pending ? Optional.of(new PipelineDeadline(T0.plus(Duration.ofHours(6)),
            io.github.coexist.core.change.Decision.Outcome.REJECTED)) : Optional.empty(),
        pending ? reply : Optional.empty(), pending ? Optional.empty() : Optional.of(T0.plus(Duration.ofDays(3))));
  }

  /** The pipeline's end of the gate: every reply kept. */
  private final class Replies implements GateReplies {
    @Override
    public Either<CoexistError, Done> reply(GateReply reply) {
      replies.add(reply);
      return Either.right(Done.DONE);
    }

    @Override
    public Either<CoexistError, Done> refuse(DeploymentRequest request, String reason) {
      return Either.right(Done.DONE);
    }
  }
}
