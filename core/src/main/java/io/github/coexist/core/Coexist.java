package io.github.coexist.core;

import io.github.coexist.core.audit.AuditStore;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.audit.InMemoryAuditStore;
import io.github.coexist.core.calendar.ChangeCalendar;
import io.github.coexist.core.change.ApprovalPolicy;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.GateReplies;
import io.github.coexist.core.change.InMemoryChangeRecords;
import io.github.coexist.core.change.InMemoryGateReplies;
import io.github.coexist.core.catalog.Catalog;
import io.github.coexist.core.catalog.RequestDesk;
import io.github.coexist.core.catalog.RequestId;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.DeploymentLog;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.feedback.FeedbackListener;
import io.github.coexist.core.feedback.FeedbackRecords;
import io.github.coexist.core.feedback.InMemoryFeedbackRecords;
import io.github.coexist.core.feedback.SurveyDesk;
import io.github.coexist.core.gate.ChangeGate;
import io.github.coexist.core.gate.ChangeListener;
import io.github.coexist.core.gate.GateTick;
import io.github.coexist.core.gate.ServiceHealth;
import io.github.coexist.core.incident.InMemoryIncidentRecords;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentDesk;
import io.github.coexist.core.incident.IncidentListener;
import io.github.coexist.core.incident.IncidentRecords;
import io.github.coexist.core.incident.SlaPolicy;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.Done;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kernel.ProblemId;
import io.github.coexist.core.kpi.FactListener;
import io.github.coexist.core.kpi.KpiEngine;
import io.github.coexist.core.kpi.ProductionEnvironments;
import io.github.coexist.core.postmortem.ActionItemRecords;
import io.github.coexist.core.postmortem.InMemoryActionItemRecords;
import io.github.coexist.core.postmortem.PostmortemBook;
import io.github.coexist.core.postmortem.PostmortemDrafter;
import io.github.coexist.core.problem.InMemoryProblemRecords;
import io.github.coexist.core.problem.Problem;
import io.github.coexist.core.problem.ProblemManager;
import io.github.coexist.core.problem.ProblemRecords;
import io.github.coexist.core.risk.RiskAssessor;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceDirectory;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.signal.SignalObserver;
import io.github.coexist.core.signal.SignalOutcome;
import io.github.coexist.core.store.Inbox;
import io.github.coexist.core.store.StateStore;
import io.github.coexist.core.store.StoredRecord;
import java.security.SecureRandom;
import java.time.Duration;
import io.vavr.control.Either;
import io.github.coexist.core.service.ServiceId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.NullUnmarked;

/**
 * The one entry point: takes every inbound {@link Signal} ({@link #accept(Signal)}), moves time on
 * ({@link #tick()}), answers KPI queries ({@link #kpis()}), and wires the ports and policies and
 * hands out the capability services: the
 * change gate, the incident desk (its suspects are the gate's changes and deployments, a confirmed
 * cause is linked on the change), problem management (raised from recurring incidents), the
 * request catalog, satisfaction surveys (offered on resolved incidents and fulfilled requests),
 * postmortem drafts and the deployment log, all on one clock and one audit trail. The gate reads
 * the open incidents and problems per service as risk unless another {@link ServiceHealth} is set.
 *
 * <pre>{@code
 * try (Coexist coexist = Coexist.builder()
 *     .clock(Clock.systemUTC())
 *     .itsm(ServiceNowAdapter.builder(config).build())   // its ports; closed with coexist
 *     .build();
 *     TickScheduler ticking = TickScheduler.start(coexist, Duration.ofSeconds(5))) {
 *   String answer = coexist.accept(Signal.GateRequested.of(request))
 *       .fold(refused -> "refused: " + refused.message(), outcome -> "decided: " + outcome.decision());
 * }
 * }</pre>
 *
 * <p>A port set on its own setter wins; else the {@link Builder#itsm(ItsmAdapter) ITSM bundle}'s
 * port is used; else the in-memory implementation. {@link #close()} closes the ITSM bundle and
 * the resources given to {@link Builder#closeOnClose(AutoCloseable)}, nothing else: a port set on
 * its own setter stays its giver's to close. Thread-safe.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public final class Coexist implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Coexist.class);

  private final Clock clock;
  private final ServiceDirectory services;
  private final ChangeRecords changeRecords;
  private final GateReplies gateReplies;
  private final AuditTrail audit;
  private final ChangeGate gate;
  private final DeploymentLog deployments;
  private final SurveyDesk surveys;
  private final ProblemManager problems;
  private final IncidentDesk incidents;
  private final RequestDesk requests;
  private final PostmortemDrafter postmortems;
  private final PostmortemBook postmortemBook;
  private final KpiEngine kpis;
  private final FactFeed facts;
  private final SignalRouter router;
  private final List<AutoCloseable> owned;
  private final List<SignalObserver> signalObservers;
  /** The store's side of things, when state is kept in one. */
  private final Optional<Durable> durable;
  /** Forgotten changes whose records the store deletes once they no longer count. */
  private final Pruning pruning;

  private Coexist(Builder b) {
    this.durable = b.store.map(store -> new Durable(store, b.clock, b.instance, b.leaseTtl, this::restore));
    Optional<Keeping> keeping = durable.map(Durable::keeping);
    this.clock = b.clock;
    this.services = b.serviceDirectory;
    this.changeRecords = b.changeRecords;
    this.gateReplies = b.gateReplies;
    this.audit = new AuditTrail(durable.<AuditStore>map(Durable::audit).orElse(b.auditStore), b.clock);
    this.kpis = KpiEngine.builder().production(b.production).build();
    OutcomeSync outcomes = new OutcomeSync(kpis, b.deployments);
    List<FactListener> factListeners = new ArrayList<>(List.of(FactListener.into(kpis), outcomes));
    keeping.ifPresent(kept -> factListeners.add(new FactKeeper(kept)));
    factListeners.addAll(b.factListeners);
    FactFeed facts = new FactFeed(factListeners, this::withinSla);
    List<ChangeListener> changeListeners = List.copyOf(b.changeListeners);
    ChangeGate.Builder gateBuilder = ChangeGate.builder()
        .clock(b.clock)
        .riskAssessor(b.riskAssessor)
        .approvalPolicy(b.approvalPolicy)
        .changeRecords(b.changeRecords)
        .gateReplies(b.gateReplies)
        .auditTrail(audit)
        .calendar(b.calendar)
        .serviceDirectory(b.serviceDirectory)
        .serviceHealth(b.serviceHealth != null ? b.serviceHealth : this::openWork)
        .listener(change -> {
          facts.change(change.change());
          for (ChangeListener listener : changeListeners) {
            try {
              listener.changed(change);
            } catch (RuntimeException e) {
              LOG.warn("change listener {} failed on {}", listener, change.change().id(), e);
            }
          }
        });
    b.itsmWorkers.ifPresent(gateBuilder::deliverRecordsOn);
    b.pipelineWorkers.ifPresent(gateBuilder::deliverRepliesOn);
    Pruning pruning = new Pruning();
    this.pruning = pruning;
    keeping.ifPresent(kept -> gateBuilder.deliverWhenDurable(kept).keeper(record -> {
      kept.put(new StoredRecord.OfGate(record));
      pruning.seen(record);
    }).templateKeeper(reenabled -> kept.put(new StoredRecord.OfTemplate(reenabled)))
        .numbers(new IdBlocks(kept.store(), "change")));
    this.gate = gateBuilder.build();
    outcomes.attach(gate);
    this.deployments = b.deployments;
    GateChanges changes = new GateChanges(gate);
    SurveyDesk.Builder surveyBuilder = SurveyDesk.builder(b.clock)
        .records(b.feedbackRecords)
        .listener(event -> {
          facts.feedbackListener().on(event);
          b.feedbackListener.on(event);
        })
        .audit(audit);
    keeping.ifPresent(kept -> surveyBuilder.keeper(survey -> kept.put(new StoredRecord.OfSurvey(survey))));
    this.surveys = surveyBuilder.build();
    ProblemLinks problemLinks = new ProblemLinks();
    ProblemManager.Builder problemBuilder = ProblemManager.builder(b.clock)
        .records(b.problemRecords)
        .listener(problemLinks)
        .audit(audit);
    b.itsmWorkers.ifPresent(problemBuilder::deliverOn);
    b.problemIds.ifPresent(problemBuilder::ids);
    keeping.ifPresent(kept -> problemBuilder.deliverWhenDurable(kept).keeper(problem -> kept.put(new StoredRecord.OfProblem(problem)))
        .recurrenceKeeper(recurrence -> kept.put(new StoredRecord.OfRecurrence(recurrence)))
        .numbers(new IdBlocks(kept.store(), "problem")));
    this.problems = problemBuilder.build();
    IncidentDesk.Builder desk = IncidentDesk.builder(b.clock, b.serviceDirectory)
        .productionEnvironments(environment -> gate.policy().isProduction(environment))
        .deployments(deployments)
        .changes(changes)
        .changeLinks((change, incident) -> gate.incidentCaused(change, incident, Actor.COEXIST).map(c -> Done.DONE))
        .records(b.incidentRecords)
        .slaPolicy(b.slaPolicy)
        .audit(audit)
        .listener(IncidentListener.composite(problems.incidentListener(), surveys.incidentListener(),
            facts.incidentListener(), b.incidentListener));
    b.incidentIds.ifPresent(desk::ids);
    b.itsmWorkers.ifPresent(desk::deliverOn);
    keeping.ifPresent(kept -> desk.deliverWhenDurable(kept).keeper(incident -> kept.put(new StoredRecord.OfIncident(incident)))
        .numbers(new IdBlocks(kept.store(), "incident")));
    // The book is built after the desk that it reads: the hold asks it once it exists.
    PostmortemBook[] book = new PostmortemBook[1];
    desk.closeHold(incident -> PostmortemBook.required(incident) && !book[0].isPublished(incident.id())
        ? Optional.of("a " + (incident.major() ? "major incident" : "P" + incident.priority().level())
            + " closes once its postmortem is published") : Optional.empty());
    this.incidents = desk.build();
    problemLinks.wire(incidents);
    RequestDesk.Builder requestDesk = RequestDesk.builder(b.clock, b.catalog)
        .audit(audit)
        .listener(surveys.requestListener());
    b.requestIds.ifPresent(requestDesk::ids);
    keeping.ifPresent(kept -> requestDesk.keeper(request -> kept.put(new StoredRecord.OfRequest(request)))
        .numbers(new IdBlocks(kept.store(), "request")));
    this.requests = requestDesk.build();
    this.postmortems = PostmortemDrafter.builder(b.clock, incidents, b.serviceDirectory)
        .deployments(deployments)
        .changes(changes)
        .build();
    PostmortemBook.Builder bookBuilder = PostmortemBook.builder(b.clock, incidents, postmortems)
        .tickets(b.actionItemRecords).audit(audit);
    keeping.ifPresent(kept -> bookBuilder.keeper(p -> kept.put(new StoredRecord.OfPublishedPostmortem(p))));
    this.postmortemBook = bookBuilder.build();
    book[0] = postmortemBook;
    this.facts = facts;
    this.router = new SignalRouter(gate, b.gateReplies, deployments, incidents, facts, keeping);
    List<AutoCloseable> closing = new ArrayList<>();
    b.itsm.ifPresent(closing::add);
    closing.addAll(b.resources);
    this.owned = List.copyOf(closing);
    this.signalObservers = List.copyOf(b.signalObservers);
    durable.ifPresent(Coexist::start);
  }

  /** Reads the store into the services and takes the lease if it is free; a store that cannot be read stops the start. */
  private static void start(Durable durable) {
    Either<CoexistError, Integer> loaded = durable.load();
    if (loaded.isLeft()) {
      throw new IllegalStateException("coexist could not read its state: " + loaded.getLeft().message());
    }
    LOG.info("state read: {} record(s)", loaded.get());
    durable.holdLease();
  }

  /**
   * Applies stored records to the services: at start-up everything, on a standby what the lease
   * holder committed since. Each service replaces what it held under the same id.
   */
  private void restore(List<StoredRecord> records) {
    StoredRecords sorted = StoredRecords.sort(records);
    if (services instanceof InMemoryServiceDirectory directory) {
      directory.restore(sorted.services());
    }
    sorted.services().forEach(service -> kpis.assign(service.id(), service.owner()));
    gate.restoreTemplates(sorted.templates());
    gate.restore(sorted.changes());
    sorted.changes().forEach(pruning::seen);
    for (Deployment deployment : sorted.deployments()) {
      // A standby catching up hears a deployment again; the log keeps it once.
      deployments.record(deployment);
    }
    incidents.restore(sorted.incidents());
    problems.restore(sorted.problems(), sorted.recurrences());
    requests.restore(sorted.requests());
    surveys.restore(sorted.surveys());
    postmortemBook.restore(sorted.publishedPostmortems());
    // A deployment in progress is kept for correlation; it is a KPI fact once finished.
    List<Deployment> finished = sorted.deployments().stream().filter(d -> d.finishedAt().isPresent()).toList();
    kpis.restore(finished, sorted.changeFacts(), sorted.incidentFacts(), sorted.feedbackFacts());
    facts.restore(sorted.deployments(), sorted.changeFacts(), sorted.incidentFacts());
    router.restore(sorted.mergedPullRequests());
  }

  /** Whether a resolved incident met its resolution target, by the desk's clocks; empty while open. */
  private Optional<Boolean> withinSla(Incident incident) {
    return incident.resolvedAt().map(at -> !incidents.slaPolicy().status(incident, at).resolution().breached());
  }

  private ServiceHealth.OpenWork openWork(ServiceId service) {
    // A resolved problem waits only to see its fix hold: it no longer threatens the service.
    int unresolved = 0;
    for (Problem problem : problems.openProblems(service)) {
      unresolved += problem.state().isUnresolved() ? 1 : 0;
    }
    List<Incident> open = incidents.openIncidents(service);
    int urgent = 0;
    List<IncidentId> major = new ArrayList<>();
    for (Incident incident : open) {
      urgent += incident.priority().level() <= 2 ? 1 : 0;
      if (incident.major()) {
        major.add(incident.id());
      }
    }
    return new ServiceHealth.OpenWork(open.size(), unresolved, urgent, major, postmortemBook.overdue(service).size());
  }

  /** A builder; only the clock is required, every other part has the default its setter names. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Acts on one inbound signal: a gate request is decided (a request refused outright is also
   * refused to the pipeline at once), an approval, rejection or cancellation given in the ITSM tool
   * moves the change it holds, a deployment is recorded once in the deployment log, moves its
   * change and counts in the KPIs, a merged pull request lends its commits to the deployments that
   * follow, an alert opens or folds into an incident. Thread-safe.
   *
   * @return what the signal produced, or why core refused it
   */
  public Either<CoexistError, SignalOutcome> accept(Signal signal) {
    Either<CoexistError, SignalOutcome> outcome = acceptNow(signal);
    observed("direct", signal, outcome.isLeft() ? SignalObserver.Result.REFUSED : SignalObserver.Result.ACCEPTED);
    return outcome;
  }

  private Either<CoexistError, SignalOutcome> acceptNow(Signal signal) {
    if (durable.isEmpty()) {
      return router.route(signal);
    }
    Durable kept = durable.get();
    if (!kept.holdsLease()) {
      return Either.left(new CoexistError.Unavailable("this instance stands by while another holds the lease: "
          + "hand signals to receive(), the holder processes them"));
    }
    Either<CoexistError, SignalOutcome> outcome = routeKept(signal);
    Either<CoexistError, Done> committed = kept.flush();
    return committed.isLeft() ? Either.left(committed.getLeft()) : outcome;
  }

  /** Tells the signal observers what became of {@code signal}; one that throws is logged and skipped. */
  private void observed(String source, Signal signal, SignalObserver.Result result) {
    String kind = signal.getClass().getSimpleName();
    for (SignalObserver observer : signalObservers) {
      try {
        observer.observed(source, kind, result);
      } catch (RuntimeException e) {
        LOG.warn("signal observer {} failed on a {} {} signal", observer, source, kind, e);
      }
    }
  }

  /** Routes {@code signal}; a store that cannot give what the work needs refuses it, to be tried again. */
  private Either<CoexistError, SignalOutcome> routeKept(Signal signal) {
    try {
      return router.route(signal);
    } catch (StoreUnavailable unavailable) {
      durable.ifPresent(kept -> kept.refused(unavailable.error()));
      return Either.left(unavailable.error());
    }
  }

  /**
   * Keeps an inbound signal in the store's inbox, durably, under {@code deliveryKey} (the
   * source's delivery id, prefixed by the source, e.g. {@code "github:72d3162e-..."}): once this
   * answers, the signal will be processed (by {@link #tick()} on the instance holding the lease, at
   * once when a {@link TickScheduler} runs), also after a crash or by another instance. A key kept
   * before answers {@link Inbox.Receipt.Duplicate} and the signal is not kept again. Thread-safe.
   *
   * @return the receipt, or {@link CoexistError.InvalidInput} when coexist was built without a
   *     {@link Builder#store(StateStore) store} (then call {@link #accept(Signal)}), or why the
   *     store refused
   */
  public Either<CoexistError, Inbox.Receipt> receive(String deliveryKey, Signal signal) {
    Objects.requireNonNull(deliveryKey, "deliveryKey");
    Objects.requireNonNull(signal, "signal");
    Either<CoexistError, Inbox.Receipt> receipt = durable.map(kept -> kept.receive(deliveryKey, signal))
        .orElseGet(() -> Either.left(CoexistError.invalid("coexist keeps no inbox without a store: call accept")));
    int colon = deliveryKey.indexOf(':');
    observed(colon > 0 ? deliveryKey.substring(0, colon) : "other", signal, receipt.fold(
        refused -> SignalObserver.Result.REFUSED,
        kept -> kept instanceof Inbox.Receipt.Duplicate ? SignalObserver.Result.DUPLICATE : SignalObserver.Result.KEPT));
    return receipt;
  }

  /**
   * Keeps every signal of one delivery in the inbox ({@link #receive(String, Signal)}), each
   * under {@code source:deliveryId}, or for a delivery of several signals under {@code
   * source:deliveryId#n} (its place, from 1), so that a delivery sent twice is kept once whatever
   * the web framework that received it. Stops at the first refusal: signals kept before it stay
   * kept, and a redelivery keeps the rest.
   *
   * @return how many signals were kept now (0 when the delivery was kept before), or why the
   *     store refused
   */
  public Either<CoexistError, Integer> receiveDelivery(String source, String deliveryId, List<Signal> signals) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(signals, "signals");
    int kept = 0;
    for (int i = 0; i < signals.size(); i++) {
      String key = source + ":" + deliveryId + (signals.size() > 1 ? "#" + (i + 1) : "");
      Either<CoexistError, Inbox.Receipt> receipt = receive(key, signals.get(i));
      if (receipt.isLeft()) {
        return Either.left(receipt.getLeft());
      }
      kept += receipt.get() instanceof Inbox.Receipt.Recorded ? 1 : 0;
    }
    return Either.right(kept);
  }

  /**
   * Makes durable everything the services produced so far, and returns once it is. {@link
   * #accept}, {@link #receive} and {@link #tick()} commit by themselves; call this after calling a
   * service directly (a vote through {@code gate().approve}, an incident acknowledged through
   * {@code incidents()}) and before telling anyone it is done. Commits of several threads are
   * grouped. Without a store there is nothing to commit.
   *
   * @return done, or {@link CoexistError.Unavailable} when the store refused (the work is kept and
   *     committed with the next commit) or this instance does not hold the lease
   */
  public Either<CoexistError, Done> commit() {
    return durable.map(Durable::flush).orElseGet(() -> Either.right(Done.DONE));
  }

  /** How the store stands, when state is kept in one. */
  public Optional<StoreStatus> storeStatus() {
    return durable.map(Durable::status);
  }

  /** Runs {@code wake} whenever a new signal is received; the {@link TickScheduler} processes it at once. */
  void onReceive(Runnable wake) {
    durable.ifPresent(kept -> kept.onReceive(wake));
  }

  /** How long the lease lasts unless renewed, when state is kept in a store. */
  Optional<Duration> leaseTtl() {
    return durable.map(Durable::leaseTtl);
  }

  /** Takes or renews the lease, when state is kept in a store. */
  void holdLease() {
    durable.ifPresent(Durable::holdLease);
  }

  /** Processes the signals waiting in the inbox, when this instance holds the lease. */
  int processInbox() {
    return durable.map(kept -> kept.processInbox(this::routeKept).fold(error -> {
      LOG.warn("inbox not processed: {}", error.message());
      return 0;
    }, processed -> processed)).orElse(0);
  }

  /**
   * Does all periodic work; an embedder must call it every few seconds (or use {@link
   * TickScheduler#start}): the gate reads pending approvals back from the ITSM tool, expires
   * approvals, resumes changes whose freeze ended, retries ITSM records and pipeline replies,
   * resolves changes whose pipeline deadline passed and forgets old finished ones (with a store,
   * a forgotten change's record is deleted once it no longer counts in its service's recent
   * history); the incident desk checks SLAs; incidents and problems whose ITSM record is behind
   * are mirrored again.
   */
  public CoexistTick tick() {
    if (durable.isEmpty()) {
      return periodicWork(0);
    }
    Durable kept = durable.get();
    kept.holdLease();
    if (!kept.holdsLease()) {
      kept.catchUp().peekLeft(error -> LOG.warn("standby could not read the store: {}", error.message()));
      return CoexistTick.standingBy(clock.instant());
    }
    int processed = processInbox();
    CoexistTick tick;
    try {
      tick = periodicWork(processed);
    } catch (StoreUnavailable unavailable) {
      LOG.warn("tick cut short: {}", unavailable.getMessage());
      tick = CoexistTick.standingBy(clock.instant());
    }
    pruning.dueBy(clock.instant(), gate.historyWindow()).forEach(kept.keeping()::delete);
    kept.flush().peekLeft(error -> LOG.warn("tick's work not committed yet: {}", error.message()));
    return tick;
  }

  private CoexistTick periodicWork(int signalsProcessed) {
    GateTick gateTick = gate.tick();
    int breached = incidents.checkSlas().size();
    incidents.remindStakeholders();
    int incidentsBehind = incidents.unsynced().isEmpty() ? 0 : incidents.resync().size();
    int problemsBehind = problems.unsynced().isEmpty() ? 0 : problems.resync().size();
    return new CoexistTick(clock.instant(), gateTick, breached, incidentsBehind, problemsBehind, signalsProcessed,
        false);
  }

  /**
   * The live DORA and ITSM KPIs, fed by core itself with every finished deployment, every move of a
   * change or incident and every satisfaction answer.
   */
  public KpiEngine kpis() {
    return kpis;
  }

  /**
   * Registers {@code service} with the in-memory service directory and its owner with the KPIs;
   * with a store, the service is kept (committed before this returns, or once this instance
   * holds the lease) and is there after a restart. A service directory kept elsewhere (a CMDB) is {@link CoexistError.InvalidInput}:
   * register the service there.
   */
  public Either<CoexistError, Service> register(Service service) {
    if (!(services instanceof InMemoryServiceDirectory directory)) {
      return Either.left(CoexistError.invalid("the service directory is " + services.getClass().getSimpleName()
          + ", not coexist's own; register " + service.id() + " there"));
    }
    directory.register(service);
    kpis.assign(service.id(), service.owner());
    if (durable.isEmpty()) {
      return Either.right(service);
    }
    durable.get().keeping().put(new StoredRecord.OfService(service));
    // A standby keeps it for when it holds the lease: every instance registers the same services.
    return durable.get().holdsLease() ? commit().map(done -> service) : Either.right(service);
  }

  /** The change gate. */
  public ChangeGate gate() {
    return gate;
  }

  /** The incident desk: alerts and reports become incidents, correlated with the gate's changes. */
  public IncidentDesk incidents() {
    return incidents;
  }

  /** Problem management: problems raised from recurring incidents or by hand, known errors. */
  public ProblemManager problems() {
    return problems;
  }

  /** The self-service catalog's requests. */
  public RequestDesk requests() {
    return requests;
  }

  /** Satisfaction surveys, offered on resolved incidents and fulfilled requests. */
  public SurveyDesk surveys() {
    return surveys;
  }

  /** Blameless postmortem drafts of incidents. */
  public PostmortemDrafter postmortems() {
    return postmortems;
  }

  /**
   * Published postmortems and their action items, followed up: a P1 or major incident closes
   * only once its postmortem is published, and overdue action items count as risk for their
   * service's changes.
   */
  public PostmortemBook postmortemBook() {
    return postmortemBook;
  }

  /** The deployments correlation reads; record every deployment here. */
  public DeploymentLog deployments() {
    return deployments;
  }

  /** The hash-chained audit trail every decision and transition is appended to. */
  public AuditTrail audit() {
    return audit;
  }

  /** The service directory. */
  public ServiceDirectory services() {
    return services;
  }

  /** Where changes are recorded. */
  public ChangeRecords changeRecords() {
    return changeRecords;
  }

  /** How pipelines are answered. */
  public GateReplies gateReplies() {
    return gateReplies;
  }

  /** The clock every time comes from. */
  public Clock clock() {
    return clock;
  }

  /**
   * Closes the {@link Builder#itsm(ItsmAdapter) ITSM bundle}, then every resource given to {@link
   * Builder#closeOnClose(AutoCloseable)} in the order given, each once however often it was given.
   * One that fails to close is logged and the others are still closed. Ports set on their own
   * setters are not closed.
   */
  @Override
  public void close() {
    durable.ifPresent(kept -> {
      kept.flush().peekLeft(error -> LOG.warn("closing with work not committed: {}", error.message()));
      kept.release();
    });
    Map<AutoCloseable, Boolean> closed = new IdentityHashMap<>();
    for (AutoCloseable resource : owned) {
      if (closed.put(resource, Boolean.TRUE) == null) {
        try {
          resource.close();
        } catch (Exception e) {
          LOG.warn("could not close {}: {}", resource.getClass().getName(), e.toString());
        }
      }
    }
  }

  /**
   * Wires a {@link Coexist}. Not thread-safe. Core never reads the system clock itself, so the
   * clock is the one required part: pass {@code Clock.systemUTC()} in production. Every other
   * part has the default its setter names. A {@code null} argument throws {@link
   * NullPointerException} naming it; {@link #build()} without a clock throws {@link
   * IllegalStateException}.
   */
  public static final class Builder {
    private Clock clock;
    private RiskAssessor riskAssessor;
    private ServiceDirectory serviceDirectory;
    private ChangeRecords changeRecords;
    private GateReplies gateReplies;
    private AuditStore auditStore;
    private ChangeCalendar calendar;
    private ApprovalPolicy approvalPolicy;
    private SlaPolicy slaPolicy = SlaPolicy.defaults();
    private ServiceHealth serviceHealth;
    private IncidentRecords incidentRecords;
    private ProblemRecords problemRecords;
    private ActionItemRecords actionItemRecords = new InMemoryActionItemRecords();
    private FeedbackRecords feedbackRecords;
    private Catalog catalog = new Catalog();
    private DeploymentLog deployments = new DeploymentLog();
    private IncidentListener incidentListener = IncidentListener.noop();
    private final List<ChangeListener> changeListeners = new ArrayList<>();
    private final List<SignalObserver> signalObservers = new ArrayList<>();
    private FeedbackListener feedbackListener = event -> { };
    private Optional<Supplier<IncidentId>> incidentIds = Optional.empty();
    private Optional<Supplier<ProblemId>> problemIds = Optional.empty();
    private Optional<Supplier<RequestId>> requestIds = Optional.empty();
    private ProductionEnvironments production = ProductionEnvironments.defaults();
    private final List<FactListener> factListeners = new ArrayList<>();
    private Optional<ItsmAdapter> itsm = Optional.empty();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private Optional<StateStore> store = Optional.empty();
    private String instance = "coexist-" + Long.toHexString(new SecureRandom().nextLong());
    private Duration leaseTtl = Duration.ofSeconds(10);
    private Optional<Executor> itsmWorkers = Optional.empty();
    private Optional<Executor> pipelineWorkers = Optional.empty();

    private Builder() {}

    /**
     * Where the writes to the ITSM tool run (change, incident and problem records): on {@code
     * workers}, so a gate decision, a vote or an alert returns once it is decided and kept, and a
     * hanging tool slows nothing but these workers. Per record the writes stay in order, one at a
     * time; a write the workers refuse or the tool does not take stays owed and {@link Coexist#tick()}
     * retries it. Unless set, on the caller's thread before the call returns (deterministic).
     */
    public Builder deliverToItsmOn(Executor workers) {
      this.itsmWorkers = Optional.of(Objects.requireNonNull(workers, "workers"));
      return this;
    }

    /**
     * Where the answers to pipelines run ({@link GateReplies}): on {@code workers}, apart from the
     * ITSM writes, so an answer never waits behind the ITSM tool. Same rules as {@link
     * #deliverToItsmOn}. Unless set, on the caller's thread, after the change's ITSM record.
     */
    public Builder deliverToPipelinesOn(Executor workers) {
      this.pipelineWorkers = Optional.of(Objects.requireNonNull(workers, "workers"));
      return this;
    }

    /**
     * Where coexist keeps its state, so a restart, a crash or a second instance finds it: every
     * record the services produce is committed before the call that produced it returns, the
     * inbox ({@link Coexist#receive}) keeps signals before they are acknowledged, and with several
     * instances on one store the one holding the lease does the work ({@link Coexist#tick()}).
     * {@link #build()} reads everything the store holds. None unless set: state lives in memory
     * only. The store stays its giver's to close (or pass it to {@link #closeOnClose}).
     */
    public Builder store(StateStore store) {
      this.store = Optional.of(Objects.requireNonNull(store, "store"));
      return this;
    }

    /**
     * This instance's name, which the lease shows (host and process id are a good choice); a
     * random {@code coexist-...} name unless set.
     */
    public Builder instance(String instance) {
      this.instance = Objects.requireNonNull(instance, "instance");
      return this;
    }

    /**
     * How long the lease holder's lease lasts unless renewed: when the holder dies, another
     * instance takes over at its first tick after this; 10 seconds unless set. Renew it (by
     * ticking) well within it: a {@link TickScheduler} renews at a third of it.
     */
    public Builder leaseTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("the lease must last a positive time, not " + ttl);
      }
      this.leaseTtl = ttl;
      return this;
    }

    /**
     * The ITSM tool whose bundle of ports coexist records in: its change, incident, problem and
     * feedback records, and its service directory when it has one. A port set on its own setter
     * wins over the bundle's, whichever is called first. {@link Coexist#close()} closes the
     * bundle. None unless set: every port not set on its own is then in memory. Setting another
     * bundle replaces this one.
     */
    public Builder itsm(ItsmAdapter itsm) {
      this.itsm = Optional.of(Objects.requireNonNull(itsm, "itsm"));
      return this;
    }

    /**
     * A resource {@link Coexist#close()} closes after the ITSM bundle, in the order given (a
     * store's connection pool, an adapter whose ports were set one by one). None unless given.
     */
    public Builder closeOnClose(AutoCloseable resource) {
      resources.add(Objects.requireNonNull(resource, "resource"));
      return this;
    }

    /** Required, no default: the clock every time comes from. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How a change's risk is assessed; {@link io.github.coexist.core.risk.StandardRiskAssessor#defaults()} unless set. */
    public Builder riskAssessor(RiskAssessor riskAssessor) {
      this.riskAssessor = Objects.requireNonNull(riskAssessor, "riskAssessor");
      return this;
    }

    /**
     * Where services are read; the {@link #itsm(ItsmAdapter) ITSM bundle}'s directory when it has
     * one, else an empty {@link InMemoryServiceDirectory}, unless set.
     */
    public Builder serviceDirectory(ServiceDirectory serviceDirectory) {
      this.serviceDirectory = Objects.requireNonNull(serviceDirectory, "serviceDirectory");
      return this;
    }

    /** Where changes are recorded; the ITSM bundle's, else a new {@link InMemoryChangeRecords}, unless set. */
    public Builder changeRecords(ChangeRecords changeRecords) {
      this.changeRecords = Objects.requireNonNull(changeRecords, "changeRecords");
      return this;
    }

    /** How pipelines are answered; a new {@link InMemoryGateReplies} unless set. */
    public Builder gateReplies(GateReplies gateReplies) {
      this.gateReplies = Objects.requireNonNull(gateReplies, "gateReplies");
      return this;
    }

    /**
     * Where audit entries are kept; a new {@link InMemoryAuditStore} unless set. With a {@link
     * #store(StateStore) store}, the trail is the store's own ({@link StateStore#audit()}), written
     * in the same commits as the state it records: leave this unset.
     */
    public Builder auditStore(AuditStore auditStore) {
      this.auditStore = Objects.requireNonNull(auditStore, "auditStore");
      return this;
    }

    /** The change calendar; {@link ChangeCalendar#empty()} (no windows) unless set. */
    public Builder calendar(ChangeCalendar calendar) {
      this.calendar = Objects.requireNonNull(calendar, "calendar");
      return this;
    }

    /** The approval policy; {@link ApprovalPolicy#defaults()} unless set. */
    public Builder approvalPolicy(ApprovalPolicy approvalPolicy) {
      this.approvalPolicy = Objects.requireNonNull(approvalPolicy, "approvalPolicy");
      return this;
    }

    /**
     * The incidents' response and resolution targets, which the incident desk's SLA clocks and the
     * KPIs' SLA compliance both measure by; {@link SlaPolicy#defaults()} unless set.
     */
    public Builder slaPolicy(SlaPolicy slaPolicy) {
      this.slaPolicy = Objects.requireNonNull(slaPolicy, "slaPolicy");
      return this;
    }

    /**
     * Open incidents and problems per service, as the gate's risk reads them; the incident desk's
     * and problem management's own counts unless set.
     */
    public Builder serviceHealth(ServiceHealth serviceHealth) {
      this.serviceHealth = Objects.requireNonNull(serviceHealth, "serviceHealth");
      return this;
    }

    /** Where incidents are mirrored; the ITSM bundle's, else a new {@link InMemoryIncidentRecords}, unless set. */
    public Builder incidentRecords(IncidentRecords records) {
      this.incidentRecords = Objects.requireNonNull(records, "records");
      return this;
    }

    /** Where problems are mirrored; the ITSM bundle's, else a new {@link InMemoryProblemRecords}, unless set. */
    public Builder problemRecords(ProblemRecords records) {
      this.problemRecords = Objects.requireNonNull(records, "records");
      return this;
    }

    /**
     * Where postmortem action items get their tickets; a new {@link InMemoryActionItemRecords}
     * unless set.
     */
    public Builder actionItemRecords(ActionItemRecords records) {
      this.actionItemRecords = Objects.requireNonNull(records, "records");
      return this;
    }

    /** Where satisfaction answers are kept; the ITSM bundle's, else a new {@link InMemoryFeedbackRecords}, unless set. */
    public Builder feedbackRecords(FeedbackRecords records) {
      this.feedbackRecords = Objects.requireNonNull(records, "records");
      return this;
    }

    /** The self-service catalog; a new empty {@link Catalog} unless set. */
    public Builder catalog(Catalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /** The deployment log correlation and postmortems read; a new empty one unless set. */
    public Builder deployments(DeploymentLog deployments) {
      this.deployments = Objects.requireNonNull(deployments, "deployments");
      return this;
    }

    /**
     * Also hears every move of every change the gate tracks, in the order added; none unless
     * added. Add as many as needed (metrics, an event log).
     */
    public Builder changeListener(ChangeListener listener) {
      changeListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Also hears what became of every signal at the door ({@link Coexist#receive}, {@link
     * Coexist#accept}), in the order added; none unless added.
     */
    public Builder signalObserver(SignalObserver observer) {
      signalObservers.add(Objects.requireNonNull(observer, "observer"));
      return this;
    }

    /**
     * Also hears every incident event, after problem management and surveys; {@link
     * IncidentListener#noop()} unless set.
     */
    public Builder incidentListener(IncidentListener listener) {
      this.incidentListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Hears every survey offered and answered; a listener that does nothing unless set. */
    public Builder feedbackListener(FeedbackListener listener) {
      this.feedbackListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Where new incident ids come from; {@code INC-00000001}, {@code INC-00000002}, ... unless set (with a store, numbers reserved from it). Must never repeat. */
    public Builder incidentIds(Supplier<IncidentId> ids) {
      this.incidentIds = Optional.of(Objects.requireNonNull(ids, "ids"));
      return this;
    }

    /** Where new problem ids come from; {@code PRB-00000001}, ... unless set (with a store, numbers reserved from it). Must never repeat. */
    public Builder problemIds(Supplier<ProblemId> ids) {
      this.problemIds = Optional.of(Objects.requireNonNull(ids, "ids"));
      return this;
    }

    /** Where new request ids come from; {@code REQ-00000001}, ... unless set (with a store, numbers reserved from it). Must never repeat. */
    public Builder requestIds(Supplier<RequestId> ids) {
      this.requestIds = Optional.of(Objects.requireNonNull(ids, "ids"));
      return this;
    }

    /** Which environments count as production for the KPIs; {@code production} and {@code prod} unless set. */
    public Builder production(ProductionEnvironments production) {
      this.production = Objects.requireNonNull(production, "production");
      return this;
    }

    /** Also hears every KPI fact, after the KPI engine (an event log); add as many as needed. */
    public Builder factListener(FactListener listener) {
      factListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Wires everything, each part not set at its default.
     *
     * @throws IllegalStateException naming every required part not set (the clock)
     */
    public Coexist build() {
      List<String> missing = new ArrayList<>();
      if (clock == null) {
        missing.add("a clock (Clock.systemUTC() in production)");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("coexist needs " + String.join(" and ", missing));
      }
      riskAssessor = riskAssessor != null ? riskAssessor : io.github.coexist.core.risk.StandardRiskAssessor.defaults();
      serviceDirectory = serviceDirectory != null ? serviceDirectory
          : itsm.flatMap(ItsmAdapter::serviceDirectory).orElseGet(InMemoryServiceDirectory::new);
      changeRecords = changeRecords != null ? changeRecords
          : itsm.map(ItsmAdapter::changeRecords).orElseGet(InMemoryChangeRecords::new);
      gateReplies = gateReplies != null ? gateReplies : new InMemoryGateReplies();
      if (store.isPresent() && auditStore != null && auditStore != store.get().audit()) {
        throw new IllegalStateException("a store keeps the audit trail itself, in the same commits as the state: "
            + "leave auditStore unset (or set it to the store's audit())");
      }
      auditStore = auditStore != null ? auditStore : new InMemoryAuditStore();
      calendar = calendar != null ? calendar : ChangeCalendar.empty();
      approvalPolicy = approvalPolicy != null ? approvalPolicy : ApprovalPolicy.defaults();
      incidentRecords = incidentRecords != null ? incidentRecords
          : itsm.map(ItsmAdapter::incidentRecords).orElseGet(InMemoryIncidentRecords::new);
      problemRecords = problemRecords != null ? problemRecords
          : itsm.map(ItsmAdapter::problemRecords).orElseGet(InMemoryProblemRecords::new);
      feedbackRecords = feedbackRecords != null ? feedbackRecords
          : itsm.map(ItsmAdapter::feedbackRecords).orElseGet(InMemoryFeedbackRecords::new);
      return new Coexist(this);
    }
  }
}
