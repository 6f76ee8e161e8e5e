package io.github.coexist.app.app;

import io.github.coexist.core.Coexist;
import io.github.coexist.core.catalog.Catalog;
import io.github.coexist.core.catalog.RequestDesk;
import io.github.coexist.core.catalog.RequestId;
import io.github.coexist.core.change.ApprovalPolicy;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.GateReplies;
import io.github.coexist.core.change.InMemoryGateReplies;
import io.github.coexist.core.calendar.ChangeCalendar;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.DeploymentLog;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.feedback.SurveyDesk;
import io.github.coexist.core.gate.ChangeGate;
import io.github.coexist.core.gate.GateDecision;
import io.github.coexist.core.gate.GateTick;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.incident.IncidentDesk;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kernel.ProblemId;
import io.github.coexist.core.kpi.KpiEngine;
import io.github.coexist.core.kpi.ProductionEnvironments;
import io.github.coexist.core.postmortem.PostmortemDrafter;
import io.github.coexist.core.problem.ProblemManager;
import io.github.coexist.core.risk.RiskAssessor;
import io.github.coexist.core.risk.StandardRiskAssessor;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceDirectory;
import io.github.coexist.app.events.EventSink;
import io.vavr.control.Either;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The whole of coexist wired for one application: the change gate ({@link Coexist}), the incident
 * desk with change correlation, problems raised from recurring incidents, the request catalog,
 * satisfaction surveys, postmortem drafts, the deployment log and live KPIs, all on one clock and
 * one audit trail. The gate reads open incidents and problems as risk; the desk reads the gate's
 * changes as suspects. {@code demo}, {@code serve} and {@code replay} all run on this.
 *
 * <p>Every move of a change, incident or survey reaches the live KPIs (and the event log sinks)
 * through core's listeners. Deployments go through {@link #deployment} so the log, the KPIs and
 * the change move together. Thread-safe.
 */
public final class CoexistApp implements AutoCloseable {
  private final Coexist coexist;
  private final Itsm itsm;
  private final FactFeed facts;

  private CoexistApp(Builder b) {
    this.itsm = b.itsm;
    this.facts = new FactFeed(KpiEngine.builder().production(b.production).build(), b.sinks);
    this.coexist = Coexist.builder()
        .clock(b.clock)
        .riskAssessor(b.riskAssessor)
        .approvalPolicy(b.approvalPolicy)
        .calendar(b.calendar)
        .serviceDirectory(b.directory != null ? b.directory
            : itsm.directory().orElseGet(InMemoryServiceDirectory::new))
        .changeRecords(itsm.changes())
        .incidentRecords(itsm.incidents())
        .problemRecords(itsm.problems())
        .feedbackRecords(itsm.feedback())
        .gateReplies(b.gateReplies)
        .catalog(b.catalog)
        .changeListener(change -> facts.change(change.change()))
        .incidentListener(facts.incidentListener())
        .feedbackListener(facts.feedbackListener())
        .incidentIds(sequence("INC-", IncidentId::of))
        .problemIds(sequence("PRB-", ProblemId::of))
        .requestIds(sequence("REQ-", RequestId::of))
        .build();
  }

  /** A builder on {@code clock}; everything else has an in-memory default. */
  public static Builder builder(Clock clock) {
    return new Builder(clock);
  }

  /** The gate, the audit trail and the service directory. */
  public Coexist coexist() {
    return coexist;
  }

  /** The change gate. */
  public ChangeGate gate() {
    return coexist.gate();
  }

  /** The ITSM tool the app records in. */
  public Itsm itsm() {
    return itsm;
  }

  /** The incident desk. */
  public IncidentDesk incidents() {
    return coexist.incidents();
  }

  /** Problem management. */
  public ProblemManager problems() {
    return coexist.problems();
  }

  /** The self-service catalog's requests. */
  public RequestDesk requests() {
    return coexist.requests();
  }

  /** Satisfaction surveys. */
  public SurveyDesk surveys() {
    return coexist.surveys();
  }

  /** Postmortem drafts. */
  public PostmortemDrafter postmortems() {
    return coexist.postmortems();
  }

  /** Every deployment seen. */
  public DeploymentLog deployments() {
    return coexist.deployments();
  }

  /** The live KPIs. */
  public KpiEngine kpis() {
    return facts.kpis();
  }

  /** The clock. */
  public Clock clock() {
    return coexist.clock();
  }

  /** Asks the gate, and tells the KPIs about the change. */
  public Either<CoexistError, GateDecision> decide(DeploymentRequest.Builder request) {
    return gate().decide(request);
  }

  /** Asks the gate, and tells the KPIs about the change. */
  public Either<CoexistError, GateDecision> decide(DeploymentRequest request) {
    return gate().decide(request);
  }

  /** An authority member approves. */
  public Either<CoexistError, GateDecision> approve(ChangeId change, Actor approver, String comment) {
    return gate().approve(change, approver, comment);
  }

  /** An authority member rejects. */
  public Either<CoexistError, GateDecision> reject(ChangeId change, Actor approver, String comment) {
    return gate().reject(change, approver, comment);
  }

  /**
   * A deployment started or finished: it goes into the deployment log (for correlation and the
   * KPIs) and moves its change, found by the deployment's change id or else by {@code gateKey},
   * to Implement, Review or Closed. A deployment without a change is recorded all the same.
   */
  public Either<CoexistError, Deployment> deployment(Deployment deployment, Optional<IdempotencyKey> gateKey) {
    Optional<TrackedChange> change = deployment.changeId().flatMap(gate()::change)
        .or(() -> gateKey.flatMap(gate()::byKey));
    Either<CoexistError, Deployment> recorded = deployments().record(
        change.isPresent() && deployment.changeId().isEmpty() ? withChange(deployment, change.get().change()) : deployment);
    if (recorded.isLeft() || change.isEmpty()) {
      recorded.peek(facts::deployment);
      return recorded;
    }
    // The log keeps a finished deployment over a late in-progress status: move the change by what it holds.
    Deployment held = recorded.get();
    facts.deployment(held);
    ChangeId id = change.get().change().id();
    Either<CoexistError, Change> moved = held.finishedAt().isPresent()
        ? gate().deploymentFinished(id, held.status() == Deployment.Status.SUCCESS, held.finishedAt().get())
        : gate().deploymentStarted(id, held.startedAt());
    return moved.map(c -> held);
  }

  /**
   * Moves time on: the gate reads approvals back from the ITSM tool, expires and resumes, retries,
   * forgets old finished changes; the desk checks SLAs. Call it every few seconds.
   */
  public GateTick tick() {
    GateTick tick = gate().tick();
    incidents().checkSlas();
    return tick;
  }

  /** Registers {@code service} with the in-memory directory, when that is the directory in use. */
  public Either<CoexistError, Service> register(Service service) {
    if (!(coexist.services() instanceof InMemoryServiceDirectory directory)) {
      return Either.left(CoexistError.invalid("the service directory is " + itsm.name()
          + "'s CMDB; register " + service.id() + " there"));
    }
    directory.register(service);
    facts.kpis().assign(service.id(), service.owner());
    return Either.right(service);
  }

  /** Closes the ITSM adapter, if any, and every port coexist holds. */
  @Override
  public void close() {
    coexist.close();
    itsm.resource().ifPresent(resource -> {
      try {
        resource.close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(CoexistApp.class).warn("could not close {}: {}", itsm.name(), e.toString());
      }
    });
  }

  /** {@code d} made under {@code change}; a hotfix mark the pipeline left off comes from the change's request. */
  private static Deployment withChange(Deployment d, Change change) {
    return new Deployment(d.id(), d.service(), d.environment(), d.status(), d.startedAt(), d.finishedAt(), d.commits(),
        Optional.of(change.id()), d.hotfixFor().or(() -> change.request().hotfixFor()), d.repository(), d.sha());
  }

  private static <T> Supplier<T> sequence(String prefix, java.util.function.Function<String, T> id) {
    AtomicLong next = new AtomicLong();
    return () -> id.apply(prefix + String.format("%04d", next.incrementAndGet()));
  }

  /** Wires a {@link CoexistApp}. Not thread-safe. */
  public static final class Builder {
    private final Clock clock;
    private Itsm itsm = Itsm.inMemory();
    private ServiceDirectory directory;
    private GateReplies gateReplies = new InMemoryGateReplies();
    private RiskAssessor riskAssessor = StandardRiskAssessor.defaults();
    private ApprovalPolicy approvalPolicy = ApprovalPolicy.defaults();
    private ChangeCalendar calendar = ChangeCalendar.empty();
    private Catalog catalog = new Catalog();
    private ProductionEnvironments production = ProductionEnvironments.defaults();
    private final List<EventSink> sinks = new ArrayList<>();

    private Builder(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The ITSM tool; {@link Itsm#inMemory()} unless set. */
    public Builder itsm(Itsm itsm) {
      this.itsm = Objects.requireNonNull(itsm, "itsm");
      return this;
    }

    /** The service directory; the ITSM tool's CMDB if it has one, else an empty in-memory one. */
    public Builder services(ServiceDirectory directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** How pipelines are answered; kept in memory unless set. */
    public Builder gateReplies(GateReplies replies) {
      this.gateReplies = Objects.requireNonNull(replies, "replies");
      return this;
    }

    /** The risk assessor; {@link StandardRiskAssessor#defaults()} unless set. */
    public Builder riskAssessor(RiskAssessor assessor) {
      this.riskAssessor = Objects.requireNonNull(assessor, "assessor");
      return this;
    }

    /** The approval policy; {@link ApprovalPolicy#defaults()} unless set. */
    public Builder approvalPolicy(ApprovalPolicy policy) {
      this.approvalPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Freeze and maintenance windows; none unless set. */
    public Builder calendar(ChangeCalendar calendar) {
      this.calendar = Objects.requireNonNull(calendar, "calendar");
      return this;
    }

    /** The self-service catalog; empty unless set. */
    public Builder catalog(Catalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /** Which environments count as production for the KPIs; {@code production} and {@code prod} unless set. */
    public Builder production(ProductionEnvironments production) {
      this.production = Objects.requireNonNull(production, "production");
      return this;
    }

    /** Also sends every KPI fact to {@code sink} (an event log). */
    public Builder sink(EventSink sink) {
      sinks.add(Objects.requireNonNull(sink, "sink"));
      return this;
    }

    /** The app. */
    public CoexistApp build() {
      return new CoexistApp(this);
    }
  }
}
