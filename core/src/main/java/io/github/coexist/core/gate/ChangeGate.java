package io.github.coexist.core.gate;

import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.audit.InMemoryAuditStore;
import io.github.coexist.core.calendar.ChangeCalendar;
import io.github.coexist.core.calendar.WindowOccurrence;
import io.github.coexist.core.change.ApprovalPolicy;
import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.change.Approvals;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeAuthority;
import io.github.coexist.core.change.ChangeLifecycle;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.GateReplies;
import io.github.coexist.core.change.InMemoryChangeRecords;
import io.github.coexist.core.change.InMemoryGateReplies;
import io.github.coexist.core.change.PolicyVerdict;
import io.github.coexist.core.change.RecordedChange;
import io.github.coexist.core.change.StandardClaimFacts;
import io.github.coexist.core.change.Vote;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.LogContext;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.internal.delivery.Lane;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.Durability;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.risk.RiskAssessment;
import io.github.coexist.core.risk.RiskAssessor;
import io.github.coexist.core.risk.RiskContext;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceDirectory;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.jspecify.annotations.NullUnmarked;

/**
 * The change gate: decides whether a deployment may go ahead, and keeps its change moving until
 * it is closed.
 *
 * <p>{@link #decide} takes a deployment request and answers approved, rejected, or pending with
 * what it waits for, together with the change it created or found by the request's idempotency
 * key: the same key never creates a second change, also under concurrent calls. To decide it
 * gathers the {@link RiskContext} (the service and its blast radius from the service directory,
 * the service's recent changes and the changes planned in the same window from its own ledger,
 * open incidents and problems from {@link ServiceHealth}, freezes from the calendar), asks the
 * {@link RiskAssessor}, and applies the {@link ApprovalPolicy}. A change inside a freeze is held
 * unless it is an emergency.
 *
 * <p>A pending change is decided later by its authority's votes ({@link #approve}, {@link
 * #reject}), by the ITSM tool (read on {@link #tick()}), by expiry (on {@link #tick()}) or by
 * {@link #withdraw}; the pipeline is told through {@link GateReplies}. The deployment's outcome
 * ({@link #deploymentStarted}, {@link #deploymentFinished}) moves it to Review and Closed; an
 * emergency change stays in Review until {@link #closeRetrospective}.
 *
 * <p>Every decision and transition is appended to the {@link AuditTrail}; every snapshot is
 * mirrored to {@link ChangeRecords}. What the ITSM tool and the pipeline are owed is part of the
 * change's state: a move first records the writes it owes and publishes that state, then delivers
 * them outside the change's lock: before the call returns, or on workers ({@link
 * Builder#deliverRecordsOn}, {@link Builder#deliverRepliesOn}); a write a tool did not take stays
 * owed and is retried on {@link #tick()}.
 *
 * <p>Durable state: every published state of a change goes, as a {@link GateRecord}, to the
 * {@linkplain Builder#keeper keeper}, and {@link #restore} rebuilds a gate from the latest record
 * of each change, so that it goes on exactly where the one that wrote them stopped.
 *
 * <p>Thread-safe: calls about one change are serialised, calls about different changes run in
 * parallel.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public final class ChangeGate {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeGate.class);

  /** The team a change is assigned to when the service directory does not know its service. */
  public static final TeamId UNASSIGNED = TeamId.of("unassigned");

  /** How many taken ids in a row a number source may give before it is taken for broken. */
  private static final int MAX_TAKEN_IDS = 1000;

  private final Clock clock;
  private final RiskAssessor assessor;
  private final ChangeCalendar calendar;
  private final ServiceHealth health;
  private final Duration historyWindow;
  private final Duration retention;
  private final ChangeListener listener;
  /** Null unless set: no record is made then. */
  private final Consumer<GateRecord> keeper;
  private final Consumer<TemplateReenabled> templateKeeper;
  private final GraphCache graph;
  private final Ledger ledger = new Ledger();
  private final Templates templates = new Templates();
  private final GateAudit audit;
  private final Outbound outbound;
  private final ReportedCauses readFailures = new ReportedCauses();
  /** The read-backs on the ITSM tool's workers: one at a time, asks meanwhile folded in. */
  private final Lane readBacks = new Lane();
  /** Changes the workers' read-backs found decided since the last tick. */
  private final AtomicInteger decidedOnWorkers = new AtomicInteger();
  /** The highest change number handed out or restored: the default number source counts on from it. */
  private final AtomicLong highest = new AtomicLong();
  private final LongSupplier numbers;
  private volatile ApprovalPolicy policy;

  private ChangeGate(Builder b) {
    this.clock = b.clock;
    this.assessor = b.assessor;
    this.calendar = b.calendar;
    this.health = b.health;
    this.historyWindow = b.historyWindow;
    this.retention = b.retention;
    this.listener = b.listener;
    this.keeper = b.keeper;
    this.templateKeeper = b.templateKeeper;
    this.numbers = b.numbers != null ? b.numbers : highest::incrementAndGet;
    this.graph = new GraphCache(b.directory, b.directoryRefresh, b.clock, b.recordWorkers);
    this.audit = new GateAudit(b.audit != null ? b.audit : new AuditTrail(new InMemoryAuditStore(), b.clock));
    this.outbound = new Outbound(b.records, b.replies, ledger, this::publish, this::refusedByTool,
        b.recordWorkers, b.replyWorkers, b.durability);
    this.policy = b.policy;
  }

  /** A builder; a clock and a risk assessor are required, everything else has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The policy new decisions are made by. */
  public ApprovalPolicy policy() {
    return policy;
  }

  /**
   * Puts {@code next} in force for decisions from now on; changes already waiting keep the
   * authority they were sent to. Recorded in the audit trail.
   */
  public void usePolicy(ApprovalPolicy next, Actor actor) {
    ApprovalPolicy previous = policy;
    policy = Objects.requireNonNull(next, "next");
    audit.policyChanged(actor, previous.version(), next.version());
  }

  // ---------------------------------------------------------------- deciding

  /**
   * Decides on the request being built; every problem with it (a missing service, a negative
   * size, a blank idempotency key, an environment the policy does not know, ...) comes back
   * together as one {@link CoexistError.InvalidInput}.
   */
  public Either<CoexistError, GateDecision> decide(DeploymentRequest.Builder request) {
    ApprovalPolicy current = policy;
    return request.build(current::isKnownEnvironment).flatMap(r -> decide(r, current, null));
  }

  /**
   * Decides on {@code request}, or returns the decision already made for its idempotency key.
   * A key seen before with another service or environment is a {@link CoexistError.Conflict}.
   */
  public Either<CoexistError, GateDecision> decide(DeploymentRequest request) {
    return decide(request, policy, null);
  }

  /**
   * As {@link #decide(DeploymentRequest)}, for a pipeline that stops waiting at {@code deadline}:
   * a change still pending then is resolved with the deadline's answer on the next {@link #tick()},
   * and the pipeline is told, so its reply and the change agree. Asking again (a re-run) sets the
   * new deadline.
   */
  public Either<CoexistError, GateDecision> decide(DeploymentRequest request, PipelineDeadline deadline) {
    return decide(request, policy, Objects.requireNonNull(deadline, "deadline"));
  }

  private Either<CoexistError, GateDecision> decide(DeploymentRequest request, ApprovalPolicy current,
      PipelineDeadline deadline) {
    List<String> problems = current.problemsWith(request);
    if (!problems.isEmpty()) {
      return Either.left(new CoexistError.InvalidInput(io.vavr.collection.List.ofAll(problems)));
    }
    Tracked t = attemptFor(ledger.track(request.idempotencyKey(), this::nextId), request);
    return command(t, () -> {
      if (!t.exists()) {
        t.deadline = deadline;
        return Either.right(create(t, request, current));
      }
      if (deadline != null && !deadline.equals(t.deadline)) {
        t.deadline = deadline;
        keep(t);
      }
      return reuse(t, request);
    }, GateDecision::recordedAs);
  }

  /**
   * The change a request under {@code root}'s key is about: the latest attempt, or a new attempt
   * when the latest failed or closed (a re-run of the same deployment) and the request is for
   * the same service and environment. A redelivery while the change is open finds it again.
   */
  private Tracked attemptFor(Tracked root, DeploymentRequest request) {
    synchronized (root) {
      Tracked latest = ledger.latestAttempt(root);
      synchronized (latest) {
        if (!latest.exists() || !retryable(latest.change, request)) {
          return latest;
        }
        ChangeId id = nextId();
        Tracked next = new Tracked(IdempotencyKey.of(root.key.value() + "#" + id.value()), id);
        next.retryOf = latest.id;
        ledger.attempt(root.key, next);
        return next;
      }
    }
  }

  private static boolean retryable(Change change, DeploymentRequest request) {
    boolean over = change.state() == ChangeState.CLOSED || change.closeCode().equals(Optional.of(CloseCode.UNSUCCESSFUL));
    DeploymentRequest first = change.request();
    return over && first.service().equals(request.service()) && first.environment().equalsIgnoreCase(request.environment());
  }

  private Either<CoexistError, GateDecision> reuse(Tracked t, DeploymentRequest request) {
    DeploymentRequest first = t.change.request();
    if (!first.service().equals(request.service())
        || !first.environment().equalsIgnoreCase(request.environment())) {
      return Either.left(new CoexistError.Conflict("idempotency key '" + request.idempotencyKey()
          + "' already names change " + t.id + " for " + first.service() + " in " + first.environment()));
    }
    return Either.right(decisionOf(t, false));
  }

  private GateDecision create(Tracked t, DeploymentRequest r, ApprovalPolicy current) {
    Instant now = clock.instant();
    Instant start = r.plannedStart().orElse(now);
    Assessment a = assess(t, r, start, start.plus(r.plannedDuration()), now, current);
    t.verdict = a.verdict;
    t.explanation = a.risk.explanation();
    t.change = Change.builder()
        .id(t.id)
        .idempotencyKey(t.key)
        .type(a.verdict.type())
        .model(a.verdict.model().name())
        .state(ChangeState.NEW)
        .request(r)
        .assignmentGroup(a.owner)
        .risk(a.risk)
        .decision(new Decision(Decision.Outcome.PENDING, List.of("recorded, being decided"),
            current.version(), Optional.empty(), Optional.empty(), Actor.COEXIST, now, Optional.empty()))
        .plannedStart(start)
        .plannedEnd(a.end)
        .createdAt(now)
        .updatedAt(now)
        .retrospectiveReviewRequired(a.verdict.retrospectiveReview())
        .retryOf(Optional.ofNullable(t.retryOf))
        .build();
    ledger.created(t);
    apply(t, a, now);
    finish(t, true);
    LOG.debug("change {} for {}: {}", t.id, r.idempotencyKey(), t.change.decision().outcome());
    return decisionOf(t, true);
  }

  /** What the gate found out about a request before deciding. */
  private record Assessment(
      RiskAssessment risk, PolicyVerdict verdict, TeamId owner, RiskContext.Overlaps conflicts,
      List<WindowOccurrence> freezes, Optional<Lockdown> lockdown, Instant end) {
    Assessment withVerdict(PolicyVerdict other) {
      return new Assessment(risk, other, owner, conflicts, freezes, lockdown, end);
    }
  }

  private Assessment assess(Tracked t, DeploymentRequest r, Instant start, Instant end, Instant now, ApprovalPolicy current) {
    ServiceId service = r.service();
    String environment = r.environment();
    GraphCache.Reach reach = graph.current(now).reach(service);
    Overlapping found = new Overlapping(service, start);
    // History and conflicts are the environment's own: staging neither fails nor crowds production.
    Ledger.ServiceBook book = ledger.book(service, environment);
    book.overlaps(t, start, end, now, found);
    for (ServiceId dependency : reach.dependencies()) {
      ledger.book(dependency, environment).overlaps(t, start, end, now, found);
    }
    RiskContext.Overlaps overlaps = found.result();
    ServiceHealth.OpenWork open = health.openOn(service);
    List<RiskContext.CommitRuns> elsewhere = r.headSha()
        .map(sha -> ledger.sameCommitElsewhere(service, environment, sha, now, historyWindow)).orElse(List.of());
    RiskContext context = new RiskContext(r, reach.service(), reach.blastRadius(), reach.dependencies(),
        book.recent(now, historyWindow), open.incidents(), open.problems(), overlaps, start, now, elsewhere,
        open.overdueActions());
    RiskAssessment risk = assessor.assess(context);
    StandardClaimFacts facts = new StandardClaimFacts(reach.service().map(Service::tier), open.urgentIncidents(),
        r.changeModel().flatMap(templates::demotion));
    PolicyVerdict verdict = MaintenanceRule.apply(current.evaluate(r, risk, facts), calendar, current, r, risk, start, end);
    boolean production = current.isProduction(environment);
    return new Assessment(risk, verdict, reach.service().map(Service::owner).orElse(UNASSIGNED), overlaps,
        calendar.freezes(service, environment, production, start, end),
        production ? lockdown(service, open, reach.dependencies()) : Optional.empty(), end);
  }

  /** The lockdown holding a production change to {@code service}, whose open work is {@code open}. */
  private Optional<Lockdown> lockdown(ServiceId service, ServiceHealth.OpenWork open, Collection<ServiceId> dependencies) {
    if (!open.majorIncidents().isEmpty()) {
      return Optional.of(new Lockdown(open.majorIncidents().get(0), service));
    }
    for (ServiceId dependency : dependencies) {
      List<IncidentId> major = health.openOn(dependency).majorIncidents();
      if (!major.isEmpty()) {
        return Optional.of(new Lockdown(major.get(0), dependency));
      }
    }
    return Optional.empty();
  }

  /** The lockdown holding {@code change} now, if one does (production changes only). */
  private Optional<Lockdown> lockdown(Change change, Instant now) {
    if (!policy.isProduction(change.request().environment())) {
      return Optional.empty();
    }
    GraphCache.Reach reach = graph.current(now).reach(change.service());
    return lockdown(change.service(), health.openOn(change.service()), reach.dependencies());
  }

  /** The freezes covering {@code change}'s environment over [from, to). */
  private List<WindowOccurrence> freezes(Change change, Instant from, Instant to) {
    String environment = change.request().environment();
    return calendar.freezes(change.service(), environment, policy.isProduction(environment), from, to);
  }

  /** Turns a policy verdict into the change's decision and moves. */
  private void apply(Tracked t, Assessment a, Instant now) {
    t.conflicts = a.conflicts;
    List<String> reasons = new ArrayList<>(a.verdict.reasons());
    for (RiskContext.Overlap o : a.conflicts.nearest()) {
      reasons.add(conflictReason(o));
    }
    if (a.conflicts.more() > 0) {
      reasons.add("conflicts with " + a.conflicts.more() + " more " + (a.conflicts.more() == 1 ? "change" : "changes")
          + " planned in the same window on " + t.change.service() + " or its dependencies");
    }
    boolean emergency = t.change.type() == ChangeType.EMERGENCY;
    WindowOccurrence freeze = a.freezes.isEmpty() ? null : a.freezes.get(0);
    if (freeze != null && emergency) {
      reasons.add("inside freeze '" + freeze.window() + "' until " + Times.iso(freeze.end()) + ", which an emergency may pass");
    }
    Lockdown lockdown = a.lockdown.orElse(null);
    if (lockdown != null && emergency) {
      reasons.add(lockdown.reason() + ", which an emergency may pass");
    }
    // A normal change is assessed first: its walk passes Assess whatever comes next.
    boolean assess = t.change.type() == ChangeType.NORMAL && t.change.state() == ChangeState.NEW;
    String assessed = assess ? "risk assessed; " : "";
    String version = a.verdict.policyVersion();
    if (a.verdict.kind() == PolicyVerdict.Kind.REJECT) {
      decided(t, new Decision(Decision.Outcome.REJECTED, reasons, version, Optional.empty(), Optional.empty(),
          Actor.COEXIST, now, Optional.empty()), now);
      walk(t, assess, ChangeState.CANCELED, Actor.COEXIST, assessed + "rejected by policy " + version, now);
    } else if (lockdown != null && !emergency) {
      lock(t, lockdown, reasons, version, Optional.empty(), now);
      if (assess) {
        walk(t, false, ChangeState.ASSESS, Actor.COEXIST, "risk assessed; held by a lockdown", now);
      }
    } else if (freeze != null && !emergency) {
      hold(t, freeze, reasons, version, Optional.empty(), now);
      if (assess) {
        walk(t, false, ChangeState.ASSESS, Actor.COEXIST, "risk assessed; held by a freeze", now);
      }
    } else if (a.verdict.kind() == PolicyVerdict.Kind.APPROVE) {
      decided(t, new Decision(Decision.Outcome.APPROVED, reasons, version, Optional.empty(), Optional.empty(),
          Actor.COEXIST, now, Optional.empty()), now);
      walk(t, assess, ChangeState.SCHEDULED, Actor.COEXIST, assessed + "approved by policy " + version, now);
    } else {
      ChangeAuthority authority = a.verdict.authority().orElseThrow();
      t.approvals = Approvals.requested(authority, t.change.request().requester(), now);
      decided(t, new Decision(Decision.Outcome.PENDING, reasons, version, Optional.of(authority.name()),
          Optional.of(t.approvals.waitingFor()), Actor.COEXIST, now, Optional.of(t.approvals.expiresAt())), now);
      walk(t, assess, ChangeState.AUTHORIZE, Actor.COEXIST, assessed + "approval requested from " + authority.name(), now);
      ledger.waiting().add(t);
    }
  }

  /** "conflicts with change ... planned ... to ...", written once (instants are 24 chars to the millisecond). */
  private static String conflictReason(RiskContext.Overlap o) {
    StringBuilder reason = new StringBuilder(96 + o.changeId().length() + o.service().value().length())
        .append("conflicts with change ").append(o.changeId()).append(" on ").append(o.service()).append(" planned ");
    Times.append(reason, o.start()).append(" to ");
    return Times.append(reason, o.end()).toString();
  }

  private void hold(Tracked t, WindowOccurrence freeze, List<String> reasons, String version,
      Optional<String> authority, Instant now) {
    t.hold = freeze;
    List<String> held = new ArrayList<>(reasons);
    held.add("held: inside freeze '" + freeze.window() + "' until " + Times.iso(freeze.end()));
    decided(t, new Decision(Decision.Outcome.PENDING, held, version, authority,
        Optional.of("the freeze '" + freeze.window() + "' to end at " + Times.iso(freeze.end())), Actor.COEXIST, now,
        Optional.empty()), now);
    ledger.waiting().add(t);
  }

  /** Holds the change until the major incident behind {@code lockdown} is resolved. */
  private void lock(Tracked t, Lockdown lockdown, List<String> reasons, String version, Optional<String> authority,
      Instant now) {
    t.lockdown = lockdown;
    decided(t, new Decision(Decision.Outcome.PENDING, append(reasons, lockdown.reason()), version, authority,
        Optional.of("major incident " + lockdown.incident() + " on " + lockdown.service() + " to be resolved"),
        Actor.COEXIST, now, Optional.empty()), now);
    ledger.waiting().add(t);
  }

  // ---------------------------------------------------------------- later decisions

  /**
   * Counts {@code approver}'s approval. Once the authority's quorum of different approvers is
   * reached the change is approved (or held, if a freeze has begun). A second approval by the
   * same actor counts once; an actor the authority does not accept, or one who took part in the
   * change (its requester, a commit author, a pull request merger: separation of duties), is
   * {@link CoexistError.Forbidden}.
   */
  public Either<CoexistError, GateDecision> approve(ChangeId change, Actor approver, String comment) {
    return vote(change, approver, Vote.Verdict.APPROVE, comment);
  }

  /** Rejects the change on behalf of a member of its authority; one rejection rejects. */
  public Either<CoexistError, GateDecision> reject(ChangeId change, Actor approver, String comment) {
    return vote(change, approver, Vote.Verdict.REJECT, comment);
  }

  private Either<CoexistError, GateDecision> vote(ChangeId id, Actor voter, Vote.Verdict verdict, String comment) {
    Objects.requireNonNull(voter, "voter");
    Objects.requireNonNull(comment, "comment");
    return existing(id).flatMap(t -> command(t, () -> {
      Decision decision = t.change.decision();
      if (t.approvals == null) {
        return Either.left(new CoexistError.Conflict("change " + id + " does not wait for an authority: "
            + describe(t)));
      }
      ChangeAuthority authority = t.approvals.authority();
      Actor requester = t.change.request().requester();
      Optional<String> barred = verdict == Vote.Verdict.APPROVE ? involvement(t.change.request(), voter) : Optional.empty();
      if (barred.isPresent()) {
        return Either.left(new CoexistError.Forbidden(voter + " " + barred.get() + " change " + id
            + " and cannot approve it: separation of duties"));
      }
      if (!authority.accepts(voter, requester)) {
        return Either.left(new CoexistError.Forbidden(voter.isSameAs(requester)
            ? voter + " asked for change " + id + " and cannot approve it"
            : voter + " is not an approver of " + authority.name()));
      }
      Decision.Outcome wanted = verdict == Vote.Verdict.APPROVE ? Decision.Outcome.APPROVED : Decision.Outcome.REJECTED;
      boolean authorityDone = t.approvals.status() != ApprovalStatus.REQUESTED || !decision.isPending();
      if (authorityDone) {
        boolean same = decision.outcome() == wanted
            || (decision.isPending() && t.approvals.status() == ApprovalStatus.APPROVED && wanted == Decision.Outcome.APPROVED);
        return same ? Either.right(decisionOf(t, false))
            : Either.left(new CoexistError.Conflict("change " + id + " was already decided: " + describe(t)));
      }
      Instant now = clock.instant();
      if (t.approvals.expiredAt(now)) {
        expire(t, now);
        finish(t, true);
        return Either.left(new CoexistError.Conflict("the approval of change " + id + " expired at "
            + Times.iso(t.approvals.expiresAt())));
      }
      Vote vote = new Vote(voter, verdict, comment, now);
      t.approvals = t.approvals.with(vote);
      audit.voted(t.change, vote, t.approvals);
      switch (t.approvals.status()) {
        case APPROVED -> authorised(t, quorumActor(t.approvals, voter), "approved by " + approvers(t.approvals), now);
        case REJECTED -> refused(t, voter, "rejected by " + voter.name()
            + (comment.isBlank() ? "" : ": " + comment), now);
        default -> decided(t, new Decision(Decision.Outcome.PENDING, decision.reasons(), decision.policyVersion(),
            decision.authority(), Optional.of(t.approvals.waitingFor()), Actor.COEXIST, now, decision.expiresAt()), now);
      }
      finish(t, true);
      return Either.right(decisionOf(t, false));
    }, GateDecision::recordedAs));
  }

  /**
   * Withdraws a change that has not started deploying: by its requester, or by a member of the
   * authority it waits for. The change is canceled and, if the pipeline was waiting, told so.
   */
  public Either<CoexistError, GateDecision> withdraw(ChangeId change, Actor actor) {
    Objects.requireNonNull(actor, "actor");
    return existing(change).flatMap(t -> command(t, () -> {
      ChangeState state = t.change.state();
      if (state == ChangeState.CANCELED) {
        return Either.right(decisionOf(t, false));
      }
      if (state.ordinal() >= ChangeState.IMPLEMENT.ordinal()) {
        return Either.left(new CoexistError.IllegalTransition("change " + change, lower(state), "canceled",
            "its deployment has already started"));
      }
      Actor requester = t.change.request().requester();
      boolean allowed = actor.equals(requester)
          || (t.approvals != null && t.approvals.authority().accepts(actor, requester));
      if (!allowed) {
        return Either.left(new CoexistError.Forbidden(actor + " may not withdraw change " + change
            + ": only its requester or its authority may"));
      }
      boolean pipelineWaiting = t.change.decision().isPending();
      refused(t, actor, "withdrawn by " + actor.name(), clock.instant());
      finish(t, pipelineWaiting);
      return Either.right(decisionOf(t, false));
    }, GateDecision::recordedAs));
  }

  /**
   * Moves time on: reads pending approvals back from the ITSM tool, every waiting change in one
   * batch ({@link ChangeRecords#readAll}, outside the changes' locks),
   * expires the ones past their expiry, resumes changes whose freeze ended, and delivers the
   * ITSM records and pipeline replies still owed (a tool failed transiently, or the gate was
   * restored with them owed). Changes are visited in id order, so a gate restored from its
   * records does what the original would. Call it periodically (every few seconds to a minute).
   *
   * <p>Given the ITSM tool's workers ({@link Builder#deliverRecordsOn}), the tick reads nothing
   * itself: the read-back and the service directory's refresh are handed to those workers (one
   * read-back at a time), which apply what they read as they get it, so a hanging tool holds up
   * neither the tick nor anyone else. The changes they find decided count in the next tick's
   * {@link GateTick#decidedInTool()}.
   */
  public GateTick tick() {
    Instant now = clock.instant();
    graph.refreshSoon(now);
    int[] counts = new int[Waited.values().length];
    List<Tracked> waiting = List.copyOf(ledger.waiting());
    ReadBacks reads = outbound.readOnWorkers(readBacks, this::readBackPass)
        ? ReadBacks.NONE : readBack(waiting, now);
    for (Tracked t : waiting) {
      Optional<Either<CoexistError, RecordedChange>> read = reads.of(t);
      Waited waited = command(t, () -> Either.<CoexistError, Waited>right(waited(t, now, read)), (w, k) -> w).get();
      counts[waited.ordinal()]++;
    }
    int retried = 0;
    for (Tracked t : ledger.retries()) {
      retried += deliver(t) ? 1 : 0;
    }
    int decidedInTool = counts[Waited.DECIDED_IN_TOOL.ordinal()] + decidedOnWorkers.getAndSet(0);
    return new GateTick(counts[Waited.EXPIRED.ordinal()], decidedInTool,
        counts[Waited.RESUMED.ordinal()], retried, ledger.waiting().size(), forgetFinished(now),
        counts[Waited.TIMED_OUT.ordinal()]);
  }

  /**
   * One read-back on the ITSM tool's workers: reads every waiting change in one batch, then moves
   * each the tool decided, under its lock, if it still waits for that decision. Always true (a
   * failed read is logged once per cause; the next tick asks again).
   */
  private boolean readBackPass() {
    Instant now = clock.instant();
    List<Tracked> waiting = List.copyOf(ledger.waiting());
    ReadBacks reads = readBack(waiting, now);
    for (Tracked t : waiting) {
      Optional<Either<CoexistError, RecordedChange>> read = reads.of(t);
      if (read.isEmpty()) {
        continue;
      }
      boolean decided = command(t, () -> Either.<CoexistError, Boolean>right(readBackApplied(t, read.get())),
          (d, k) -> d).get();
      decidedOnWorkers.addAndGet(decided ? 1 : 0);
    }
    return true;
  }

  /** Applies {@code read} to {@code t} if it still waits for its authority; under its lock. */
  private boolean readBackApplied(Tracked t, Either<CoexistError, RecordedChange> read) {
    Instant now = clock.instant();
    boolean asks = t.change.decision().isPending() && (t.deadline == null || now.isBefore(t.deadline.at()))
        && !t.held();
    if (asks && decidedInTool(t, read, now)) {
      finish(t, true);
      return true;
    }
    return false;
  }

  /** What a tick did with one waiting change. */
  private enum Waited { NOTHING, TIMED_OUT, RESUMED, DECIDED_IN_TOOL, EXPIRED }

  /**
   * How the ITSM tool holds the {@code waiting} changes that wait for their authority, read in one
   * batch outside the changes' locks. A change the tick does not ask about (not waiting for an
   * authority, held, past its deadline, or not recorded in the tool) has no read-back.
   */
  private ReadBacks readBack(List<Tracked> waiting, Instant now) {
    Map<Tracked, ExternalKey> asked = new HashMap<>();
    for (Tracked t : waiting) {
      synchronized (t) {
        boolean asks = t.change.decision().isPending() && (t.deadline == null || now.isBefore(t.deadline.at()))
            && !t.held() && t.approvals != null;
        if (asks) {
          t.change.externalKey().ifPresent(key -> asked.put(t, key));
        }
      }
    }
    if (asked.isEmpty()) {
      return new ReadBacks(asked, Either.right(Map.of()));
    }
    return new ReadBacks(asked, outbound.readAll(new LinkedHashSet<>(asked.values())));
  }

  /** The read-backs of one tick: which change was asked under which key, and the batch's answer. */
  private record ReadBacks(Map<Tracked, ExternalKey> asked,
      Either<CoexistError, Map<ExternalKey, RecordedChange>> read) {
    /** Nothing asked: the workers read back. */
    static final ReadBacks NONE = new ReadBacks(Map.of(), Either.right(Map.of()));

    /** The read-back of {@code t}: empty when not asked; a record the tool did not give is {@code NotFound}. */
    Optional<Either<CoexistError, RecordedChange>> of(Tracked t) {
      ExternalKey key = asked.get(t);
      if (key == null) {
        return Optional.empty();
      }
      if (read.isLeft()) {
        return Optional.of(Either.left(read.getLeft()));
      }
      RecordedChange recorded = read.get().get(key);
      return Optional.of(recorded != null ? Either.right(recorded)
          : Either.left(new CoexistError.NotFound("change record", key.display())));
    }
  }

  /** Moves one waiting change on, under its lock: deadline, freeze, the ITSM tool's decision, expiry. */
  private Waited waited(Tracked t, Instant now, Optional<Either<CoexistError, RecordedChange>> read) {
    if (!t.change.decision().isPending()) {
      ledger.waiting().remove(t);
      return Waited.NOTHING;
    }
    Waited waited;
    if (t.deadline != null && !now.isBefore(t.deadline.at())) {
      timeOut(t, now);
      waited = Waited.TIMED_OUT;
    } else if (t.held()) {
      waited = resume(t, now) ? Waited.RESUMED : Waited.NOTHING;
    } else if (read.isPresent() && decidedInTool(t, read.get(), now)) {
      waited = Waited.DECIDED_IN_TOOL;
    } else if (t.approvals != null && t.approvals.expiredAt(now)) {
      expire(t, now);
      waited = Waited.EXPIRED;
    } else {
      waited = Waited.NOTHING;
    }
    if (waited != Waited.NOTHING) {
      finish(t, true);
    }
    return waited;
  }

  /**
   * The pipeline stopped waiting: the change gets the answer the pipeline gave. A change held by a
   * freeze cannot be approved, so it is rejected whatever the deadline's answer.
   */
  private void timeOut(Tracked t, Instant now) {
    String reason = "no decision by the pipeline's deadline " + Times.iso(t.deadline.at()) + ": the pipeline's time-out";
    if (t.deadline.answer() == Decision.Outcome.APPROVED && !t.held()) {
      authorised(t, Actor.COEXIST, reason + " approves", now);
    } else {
      refused(t, Actor.COEXIST, reason + " rejects", now);
    }
  }

  /**
   * The ITSM tool decided the change it holds under {@code key} (its webhook said so), as a
   * read-back on {@link #tick()} would find: {@code verdict} approved authorises the change (or
   * holds it, if a freeze has begun), rejected cancels it. The same verdict again is harmless; a
   * change already decided otherwise is a {@link CoexistError.Conflict}, an unknown key {@link
   * CoexistError.NotFound}.
   */
  public Either<CoexistError, GateDecision> decidedInTool(ExternalKey key, Decision.Outcome verdict, Actor by,
      String reason) {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(reason, "reason");
    return existing(key).flatMap(t -> command(t, () -> {
      Decision decision = t.change.decision();
      if (!decision.isPending() || verdict == Decision.Outcome.PENDING) {
        return decision.outcome() == verdict ? Either.right(decisionOf(t, false))
            : Either.left(new CoexistError.Conflict("change " + t.id + " was already decided: " + describe(t)));
      }
      String why = lower(verdict) + " in " + outbound.system() + " (" + key.display() + ")"
          + (reason.isBlank() ? "" : ": " + reason);
      if (verdict == Decision.Outcome.APPROVED) {
        authorised(t, by, why, clock.instant());
      } else {
        refused(t, by, why, clock.instant());
      }
      finish(t, true);
      return Either.right(decisionOf(t, false));
    }, GateDecision::recordedAs));
  }

  /**
   * The change the ITSM tool holds under {@code key} was cancelled there: one that has not started
   * deploying is canceled and, if the pipeline was waiting, told so. Cancelling it again is
   * harmless; one already deploying is an {@link CoexistError.IllegalTransition}.
   */
  public Either<CoexistError, GateDecision> cancelledInTool(ExternalKey key, Actor by, String reason) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(reason, "reason");
    return existing(key).flatMap(t -> command(t, () -> {
      ChangeState state = t.change.state();
      if (state == ChangeState.CANCELED) {
        return Either.right(decisionOf(t, false));
      }
      if (state.ordinal() >= ChangeState.IMPLEMENT.ordinal()) {
        return Either.left(new CoexistError.IllegalTransition("change " + t.id, lower(state), "canceled",
            "its deployment has already started"));
      }
      boolean pipelineWaiting = t.change.decision().isPending();
      refused(t, by, "cancelled in " + outbound.system() + " (" + key.display() + ")"
          + (reason.isBlank() ? "" : ": " + reason), clock.instant());
      finish(t, pipelineWaiting);
      return Either.right(decisionOf(t, false));
    }, GateDecision::recordedAs));
  }

  /**
   * Forgets closed and canceled changes last updated before the retention: a long-running gate
   * must not hold every change it ever saw. Their records stay in the ITSM tool and the audit
   * trail; a change with a reply or record still to retry is kept until that succeeds.
   */
  private int forgetFinished(Instant now) {
    Instant cutoff = now.minus(retention);
    int forgotten = 0;
    for (Tracked t : ledger.all()) {
      synchronized (t) {
        if (forgettable(t, cutoff)) {
          ledger.forget(t);
          forgotten++;
          if (keeper != null) {
            keeper.accept(t.record(Optional.of(now)));
          }
        }
      }
    }
    return forgotten;
  }

  /** Whether {@code t} finished before {@code cutoff} and owes nothing more; under its lock. */
  private boolean forgettable(Tracked t, Instant cutoff) {
    return t.change != null && t.change.state().isTerminal() && t.change.updatedAt().isBefore(cutoff)
        && !ledger.retries().contains(t) && t.pendingReply == null;
  }

  private boolean resume(Tracked t, Instant now) {
    Instant end = now.plus(t.change.request().plannedDuration());
    if (!freezes(t.change, now, end).isEmpty() || lockdown(t.change, now).isPresent()) {
      return false;
    }
    String ended = t.hold != null ? "the freeze '" + t.hold.window() + "' ended"
        : "the lockdown ended: major incident " + t.lockdown.incident() + " is no longer open";
    t.hold = null;
    t.lockdown = null;
    t.change = t.change.replanned(now, end);
    if (t.authorisedBeforeHold != null) {
      authorised(t, t.authorisedBeforeHold, ended, now);
      return true;
    }
    ApprovalPolicy current = policy;
    Assessment a = assess(t, t.change.request(), now, end, now, current);
    if (a.verdict.type() != t.change.type()) {
      // The policy changed the type while the change was held; a change keeps its type.
      a = a.withVerdict(t.verdict);
    }
    t.change = t.change.reassessed(a.risk);
    t.explanation = a.risk.explanation();
    apply(t, a, now);
    return true;
  }

  /** Whether {@code read}, the ITSM tool's record of {@code t}, says its authority decided; if so, applies it. */
  private boolean decidedInTool(Tracked t, Either<CoexistError, RecordedChange> read, Instant now) {
    Optional<ExternalKey> key = t.change.externalKey();
    if (t.approvals == null || key.isEmpty()) {
      return false;
    }
    if (read.isLeft()) {
      // A batch that fails fails for every change: its cause is logged once, not once per change and tick.
      if (!read.getLeft().isTransient() && readFailures.first(outbound.system(), read.getLeft())) {
        LOG.warn("could not read change {} back from {}: {} (logged once per cause)", t.id, outbound.system(),
            read.getLeft().message());
      }
      return false;
    }
    Actor tool = Actor.system(outbound.system());
    String where = " in " + outbound.system() + " (" + key.get().display() + ")";
    if (read.get().approval() == ApprovalStatus.APPROVED) {
      authorised(t, tool, "approved" + where, now);
      return true;
    }
    if (read.get().approval() == ApprovalStatus.REJECTED) {
      refused(t, tool, "rejected" + where, now);
      return true;
    }
    return false;
  }

  private void expire(Tracked t, Instant now) {
    refused(t, Actor.COEXIST, "no decision from " + t.approvals.authority().name() + " by "
        + Times.iso(t.approvals.expiresAt()) + ": the request expired", now);
  }

  /** The authority approved: approve, unless a freeze has begun, which holds the change. */
  private void authorised(Tracked t, Actor by, String reason, Instant now) {
    Decision old = t.change.decision();
    List<String> reasons = append(old.reasons(), reason);
    if (t.change.type() != ChangeType.EMERGENCY) {
      Instant start = later(now, t.change.plannedStart());
      Optional<Lockdown> lockdown = lockdown(t.change, now);
      if (lockdown.isPresent()) {
        t.authorisedBeforeHold = by;
        lock(t, lockdown.get(), reasons, old.policyVersion(), old.authority(), now);
        return;
      }
      List<WindowOccurrence> freezes = freezes(t.change, start, start.plus(t.change.request().plannedDuration()));
      if (!freezes.isEmpty()) {
        t.authorisedBeforeHold = by;
        hold(t, freezes.get(0), reasons, old.policyVersion(), old.authority(), now);
        return;
      }
    }
    if (t.change.plannedStart().isBefore(now)) {
      t.change = t.change.replanned(now, now.plus(t.change.request().plannedDuration()));
    }
    decided(t, new Decision(Decision.Outcome.APPROVED, reasons, old.policyVersion(), old.authority(),
        Optional.empty(), by, now, Optional.empty()), now);
    walk(t, ChangeState.SCHEDULED, by, reason, now);
    ledger.waiting().remove(t);
  }

  private void refused(Tracked t, Actor by, String reason, Instant now) {
    Decision old = t.change.decision();
    t.hold = null;
    t.lockdown = null;
    decided(t, new Decision(Decision.Outcome.REJECTED, append(old.reasons(), reason), old.policyVersion(),
        old.authority(), Optional.empty(), by, now, Optional.empty()), now);
    walk(t, ChangeState.CANCELED, by, reason, now);
    ledger.waiting().remove(t);
  }

  // ---------------------------------------------------------------- deployment outcome

  /** The deployment of the change started: Scheduled to Implement. Repeating it is harmless. */
  public Either<CoexistError, Change> deploymentStarted(ChangeId change, Instant at) {
    return existing(change).flatMap(t -> started(t, at));
  }

  /** As {@link #deploymentStarted(ChangeId, Instant)}, finding the change by its idempotency key. */
  public Either<CoexistError, Change> deploymentStarted(IdempotencyKey key, Instant at) {
    return existing(key).flatMap(t -> started(t, at));
  }

  /**
   * The deployment finished: the change moves to Review and, unless it awaits a retrospective
   * review, to Closed, successful or unsuccessful. A report that was already applied is
   * harmless; a contradicting one is a {@link CoexistError.Conflict}.
   */
  public Either<CoexistError, Change> deploymentFinished(ChangeId change, boolean success, Instant at) {
    return existing(change).flatMap(t -> finished(t, success, at));
  }

  /** As {@link #deploymentFinished(ChangeId, boolean, Instant)}, by idempotency key. */
  public Either<CoexistError, Change> deploymentFinished(IdempotencyKey key, boolean success, Instant at) {
    return existing(key).flatMap(t -> finished(t, success, at));
  }

  private Either<CoexistError, Change> started(Tracked t, Instant at) {
    Objects.requireNonNull(at, "at");
    return command(t, () -> {
      ChangeState state = t.change.state();
      if (state == ChangeState.IMPLEMENT || state == ChangeState.REVIEW || state == ChangeState.CLOSED) {
        return Either.right(t.change);
      }
      if (state != ChangeState.SCHEDULED) {
        return Either.left(notAuthorised(t, ChangeState.IMPLEMENT));
      }
      walk(t, ChangeState.IMPLEMENT, deployer(t), "deployment started at " + Times.iso(at), clock.instant());
      finish(t, false);
      return Either.right(t.change);
    }, ChangeGate::recordedAs);
  }

  private Either<CoexistError, Change> finished(Tracked t, boolean success, Instant at) {
    Objects.requireNonNull(at, "at");
    return command(t, () -> {
      CloseCode code = !success ? CloseCode.UNSUCCESSFUL
          : !t.causedAnyIncident() ? CloseCode.SUCCESSFUL : CloseCode.SUCCESSFUL_WITH_ISSUES;
      ChangeState state = t.change.state();
      if (state == ChangeState.REVIEW || state == ChangeState.CLOSED) {
        boolean reviewed = state == ChangeState.CLOSED && t.change.retrospectiveReviewRequired();
        return t.change.closeCode().equals(Optional.of(code)) || reviewed ? Either.right(t.change)
            : Either.left(new CoexistError.Conflict("change " + t.id + " already finished "
                + t.change.closeCode().map(ChangeGate::lower).orElse("")));
      }
      if (state != ChangeState.SCHEDULED && state != ChangeState.IMPLEMENT) {
        return Either.left(notAuthorised(t, ChangeState.REVIEW));
      }
      Instant now = clock.instant();
      Actor deployer = deployer(t);
      String outcome = "deployment " + (success ? "succeeded" : "failed") + " at " + Times.iso(at);
      t.change = t.change.withOutcome(code, outcome);
      walk(t, ChangeState.REVIEW, deployer, outcome, now);
      if (!t.change.retrospectiveReviewRequired()) {
        walk(t, ChangeState.CLOSED, deployer, "closed " + lower(code), now);
        ledger.book(t.change).closed(t.id, t.change.request().headSha(), now, code != CloseCode.SUCCESSFUL);
        templateClosed(t, code != CloseCode.SUCCESSFUL);
      }
      finish(t, false);
      return Either.right(t.change);
    }, ChangeGate::recordedAs);
  }

  /**
   * Records that {@code change} caused {@code incident}, as confirmed on the incident desk (wire it
   * as the desk's {@code ChangeLinks}). A change that deployed successfully is reclassified
   * successful with issues, its close notes name the incident, and the service's recent change
   * failure rate counts it as failed; one still being deployed gets that close code when its
   * deployment succeeds. The ITSM record is updated and the link audited. Linking the same incident
   * again changes nothing.
   */
  public Either<CoexistError, Change> incidentCaused(ChangeId change, IncidentId incident, Actor by) {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(by, "by");
    return existing(change).flatMap(t -> command(t, () -> {
      if (!t.causedIncident(incident)) {
        return Either.right(t.change);
      }
      if (t.change.closeCode().equals(Optional.of(CloseCode.SUCCESSFUL))) {
        reclose(t, CloseCode.SUCCESSFUL_WITH_ISSUES, "caused incident " + incident);
      }
      // Also one closed with issues by its review: it failed after all, as a restored gate counts it.
      recount(t, true);
      audit.causedIncident(t.change, incident.value(), by);
      finish(t, false);
      return Either.right(t.change);
    }, ChangeGate::recordedAs));
  }

  /**
   * Takes back that {@code change} caused {@code incident}: the heuristic that counted it moved
   * on, or someone ruled the incident not change-related. A change with no other incident
   * against it counts as successful again in its service's failure history, and a close code
   * that only the incidents made successful with issues goes back to successful (the ITSM record
   * follows). A change whose deployment failed or was backed out stays unsuccessful. Releasing an
   * incident that was never counted against the change changes nothing. Audited.
   */
  public Either<CoexistError, Change> incidentReleased(ChangeId change, IncidentId incident, Actor by) {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(by, "by");
    return existing(change).flatMap(t -> command(t, () -> {
      if (!t.releasedIncident(incident)) {
        return Either.right(t.change);
      }
      if (!t.causedAnyIncident()) {
        boolean byIncidents = t.change.closeCode().equals(Optional.of(CloseCode.SUCCESSFUL_WITH_ISSUES))
            && !t.change.retrospectiveReviewRequired();
        if (byIncidents) {
          reclose(t, CloseCode.SUCCESSFUL, "incident " + incident + " no longer counted against it");
        }
        if (t.change.closeCode().equals(Optional.of(CloseCode.SUCCESSFUL))) {
          recount(t, false);
        }
      }
      audit.releasedIncident(t.change, incident.value(), by);
      finish(t, false);
      return Either.right(t.change);
    }, ChangeGate::recordedAs));
  }

  /**
   * Records that {@code change} was backed out: a deployment that rolls back or reverts its
   * deployment ({@code rollback}, a description such as "deployment 42 of change ch-9") succeeded
   * at {@code at}. In ServiceNow's terms a backed-out change is unsuccessful, so its close code
   * becomes {@link CloseCode#UNSUCCESSFUL} (whatever its deployment reported), its close notes say
   * why, its service's recent failure history counts it as failed, and the ITSM record is updated.
   * A change not deployed yet (before Review) is a {@link CoexistError.Conflict}; backing out a
   * change already unsuccessful changes nothing.
   */
  public Either<CoexistError, Change> backedOut(ChangeId change, String rollback, Instant at) {
    Objects.requireNonNull(rollback, "rollback");
    Objects.requireNonNull(at, "at");
    return existing(change).flatMap(t -> command(t, () -> {
      ChangeState state = t.change.state();
      if (state != ChangeState.REVIEW && state != ChangeState.CLOSED) {
        return Either.left(new CoexistError.Conflict("change " + change + " cannot be backed out while "
            + lower(state) + ": only a deployed change can"));
      }
      if (t.change.closeCode().equals(Optional.of(CloseCode.UNSUCCESSFUL))) {
        return Either.right(t.change);
      }
      reclose(t, CloseCode.UNSUCCESSFUL, "backed out: " + rollback + " rolled it back at " + Times.iso(at));
      recount(t, true);
      audit.backedOut(t.change, rollback, deployer(t));
      finish(t, false);
      return Either.right(t.change);
    }, ChangeGate::recordedAs));
  }

  /**
   * Closes an emergency change after its retrospective review, by a member of the emergency
   * authority other than the requester, with the close code the review found.
   */
  public Either<CoexistError, Change> closeRetrospective(ChangeId change, Actor reviewer, CloseCode code, String notes) {
    Objects.requireNonNull(reviewer, "reviewer");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(notes, "notes");
    return existing(change).flatMap(t -> command(t, () -> {
      if (!t.change.retrospectiveReviewRequired()) {
        return Either.left(new CoexistError.Conflict("change " + change + " needs no retrospective review"));
      }
      ChangeState state = t.change.state();
      if (state == ChangeState.CLOSED) {
        return t.change.closeCode().equals(Optional.of(code)) ? Either.right(t.change)
            : Either.left(new CoexistError.Conflict("change " + change + " was already reviewed and closed "
                + t.change.closeCode().map(ChangeGate::lower).orElse("")));
      }
      if (state != ChangeState.REVIEW) {
        return Either.left(new CoexistError.IllegalTransition("change " + change, lower(state), "closed",
            "the retrospective review follows the deployment"));
      }
      ChangeAuthority reviewers = t.approvals != null ? t.approvals.authority() : policy.emergencyAuthority();
      if (!reviewers.accepts(reviewer, t.change.request().requester())) {
        return Either.left(new CoexistError.Forbidden(reviewer + " may not review change " + change
            + ": only " + reviewers.name() + " other than its requester may"));
      }
      if (approvedBy(t, reviewer)) {
        return Either.left(new CoexistError.Forbidden(reviewer + " approved emergency change " + change
            + " and may not also review it: another member of " + reviewers.name() + " must"));
      }
      Instant now = clock.instant();
      t.change = t.change.withOutcome(code, notes);
      audit.reviewed(t.change, reviewer, notes);
      walk(t, ChangeState.CLOSED, reviewer, "retrospective review: " + lower(code), now);
      ledger.book(t.change).closed(t.id, t.change.request().headSha(), now,
          code == CloseCode.UNSUCCESSFUL || t.causedAnyIncident());
      finish(t, false);
      return Either.right(t.change);
    }, ChangeGate::recordedAs));
  }

  /** Gives the change {@code code}, adding {@code note} to its close notes. */
  private static void reclose(Tracked t, CloseCode code, String note) {
    t.change = t.change.withOutcome(code, t.change.closeNotes().map(n -> n + "; ").orElse("") + note);
  }

  /** Counts a closed change again, as failed or not, in its service's failure history and for its template. */
  private void recount(Tracked t, boolean failed) {
    if (t.change.state() != ChangeState.CLOSED) {
      return;
    }
    if (failed) {
      ledger.book(t.change).failedAfterAll(t.id);
    } else {
      ledger.book(t.change).succeededAfterAll(t.id);
    }
    templateClosed(t, failed);
  }

  /** Counts a closed standard change's outcome for its template, which may demote it (audited). */
  private void templateClosed(Tracked t, boolean failed) {
    if (t.change.type() != ChangeType.STANDARD) {
      return;
    }
    String model = t.change.model();
    ApprovalPolicy current = policy;
    templates.closed(model, t.id, failed, current.limits(model))
        .ifPresent(why -> audit.templateDemoted(model, current.version(), why, t.id));
  }

  /**
   * Re-enables the standard change template {@code model} after it was demoted for failing too
   * often: its claims are pre-authorised again and its failures counted afresh. Recorded in the
   * audit trail. True when it was demoted; a name that is no standard change template of the
   * policy is {@link CoexistError.NotFound}.
   */
  public Either<CoexistError, Boolean> reenableTemplate(String model, Actor actor) {
    Objects.requireNonNull(actor, "actor");
    ApprovalPolicy current = policy;
    if (current.model(model).filter(m -> m.type() == ChangeType.STANDARD).isEmpty()) {
      return Either.left(new CoexistError.NotFound("standard change template", model));
    }
    Instant now = clock.instant();
    boolean wasDemoted = templates.reenable(model, now);
    if (wasDemoted) {
      audit.templateReenabled(model, current.version(), actor);
    }
    if (templateKeeper != null) {
      templateKeeper.accept(new TemplateReenabled(model, now, actor));
    }
    return Either.right(wasDemoted);
  }

  /**
   * The failure history of {@code service} in {@code environment} as the next risk assessment
   * reads it (the {@code recent-failure-rate} factor): changes closed within the history window,
   * and how many of them failed (unsuccessful, backed out, or an incident counted against them).
   */
  public RiskContext.RecentChanges recentChanges(ServiceId service, String environment) {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    return ledger.book(service, environment).recent(clock.instant(), historyWindow);
  }

  /** Why the standard change template {@code model} is demoted to normal, while it is. */
  public Optional<String> templateDemotion(String model) {
    return templates.demotion(model);
  }

  /**
   * How {@code voter} took part in the change, if they did (asked for it, wrote its commits,
   * merged its pull requests), compared by identity so no spelling of a name gets round it.
   */
  private static Optional<String> involvement(DeploymentRequest request, Actor voter) {
    for (var involved : request.involved()) {
      if (voter.isSameAs(involved.getValue())) {
        return Optional.of(involved.getKey());
      }
    }
    return Optional.empty();
  }

  /** Whether {@code actor} voted to approve the change: separation of duties keeps them from its review. */
  private static boolean approvedBy(Tracked t, Actor actor) {
    if (t.approvals == null) {
      return false;
    }
    for (Vote vote : t.approvals.votes()) {
      if (vote.actor().equals(actor) && vote.verdict() == Vote.Verdict.APPROVE) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- durable state

  /**
   * Rebuilds the gate's state from {@code records}, the latest {@link GateRecord} of each change a
   * gate handed its {@linkplain Builder#keeper keeper}: for a store at start-up, or a standby
   * catching up with what changed since it last read. An upsert: a record of a change the gate
   * tracks replaces its state, and every index is rebuilt from the records (ids, idempotency and
   * external keys, the changes waiting for a decision and those owed a write, each service's
   * planned windows and recent outcomes), so that the gate then behaves exactly as the one that
   * wrote them: votes, ticks, read-backs, new decisions (their overlaps and the service's recent
   * failures) and redelivered requests. Writes the records say are owed (an ITSM snapshot, a
   * reply) are delivered on the next {@link #tick()}. New change numbers continue above the
   * highest restored one unless a {@linkplain Builder#numbers number source} was set. A change
   * the writer {@linkplain GateRecord#forgotten() forgot} is left out but still counts in its
   * service's recent history; one it had not forgotten yet is tracked, however old, and the next
   * tick forgets it as the writer's would have. Nothing is heard, by the listener or the keeper:
   * the records are not moves.
   */
  public void restore(Collection<GateRecord> records) {
    for (GateRecord record : records) {
      ledger.restore(record);
      highest.accumulateAndGet(ChangeNumbers.number(record.change().id()), Math::max);
    }
    // Templates count their closed changes again, in close order: a demotion follows from them.
    records.stream().map(GateRecord::change)
        .filter(c -> c.type() == ChangeType.STANDARD && c.state() == ChangeState.CLOSED)
        .sorted(Comparator.comparing(Change::updatedAt).thenComparing(Change::id))
        .forEach(c -> templates.restored(c.model(), c.id(), c.closeCode().filter(code -> code != CloseCode.SUCCESSFUL)
            .isPresent(), policy.limits(c.model()), c.updatedAt()));
  }

  /**
   * Restores the templates people re-enabled, as the gate handed them its {@linkplain
   * Builder#templateKeeper template keeper}: call it before {@link #restore} so that the failures
   * a re-enabling forgot do not demote the template again. Nothing is audited: these are not moves.
   */
  public void restoreTemplates(Collection<TemplateReenabled> reenabled) {
    reenabled.forEach(r -> templates.reenable(r.model(), r.at()));
  }

  // ---------------------------------------------------------------- read side

  /**
   * How far back a service's closed changes count as its recent history: a forgotten change's
   * record matters until its last update is older than this.
   */
  public Duration historyWindow() {
    return historyWindow;
  }

  /** The change with this id, as the gate tracks it. */
  public Optional<TrackedChange> change(ChangeId id) {
    return ledger.byId(id).map(Tracked::view);
  }

  /**
   * The change asked for under {@code key}, as the gate tracks it: its latest attempt when the
   * key was asked again after its change failed or closed (each attempt also has its own key,
   * {@code key#id}).
   */
  public Optional<TrackedChange> byKey(IdempotencyKey key) {
    return ledger.byKey(key).map(Tracked::view);
  }

  /** The change the ITSM tool holds under {@code key}, as the gate tracks it. */
  public Optional<TrackedChange> byExternalKey(ExternalKey key) {
    return ledger.byExternalKey(key).map(Tracked::view);
  }

  /** Every change the gate tracks, oldest first. */
  public List<TrackedChange> changes() {
    List<TrackedChange> all = new ArrayList<>();
    for (Tracked t : ledger.all()) {
      TrackedChange view = t.view();
      if (view != null) {
        all.add(view);
      }
    }
    all.sort(Comparator.comparing(v -> v.change().id()));
    return all;
  }

  /**
   * A page of changes, newest first (the highest id first): at most {@code limit} of those {@code
   * filter} accepts, with ids below {@code before} (from the newest when empty). Reads only as far
   * as the page needs; {@code before} need not be tracked any more. Changes created meanwhile have
   * higher ids, so walking page after page gives every change tracked when the walk began once.
   */
  public List<TrackedChange> changes(Optional<ChangeId> before, Predicate<? super TrackedChange> filter, int limit) {
    List<TrackedChange> page = new ArrayList<>(Math.min(limit, 256));
    for (Tracked t : ledger.descending(before)) {
      if (page.size() >= limit) {
        break;
      }
      TrackedChange view = t.view();
      if (view != null && filter.test(view)) {
        page.add(view);
      }
    }
    return page;
  }

  // ---------------------------------------------------------------- helpers

  private Either<CoexistError, Tracked> existing(ChangeId id) {
    return ledger.byId(id).filter(t -> t.view() != null)
        .<Either<CoexistError, Tracked>>map(Either::right)
        .orElseGet(() -> Either.left(new CoexistError.NotFound("change", id.value())));
  }

  private Either<CoexistError, Tracked> existing(IdempotencyKey key) {
    return ledger.byKey(key).filter(t -> t.view() != null)
        .<Either<CoexistError, Tracked>>map(Either::right)
        .orElseGet(() -> Either.left(new CoexistError.NotFound("change with idempotency key", key.value())));
  }

  private Either<CoexistError, Tracked> existing(ExternalKey key) {
    return ledger.byExternalKey(key).filter(t -> t.view() != null)
        .<Either<CoexistError, Tracked>>map(Either::right)
        .orElseGet(() -> Either.left(new CoexistError.NotFound("change recorded as", key.display())));
  }

  /**
   * The id of a new change: the next number of the source, skipping ids a restored change holds
   * (a source that keeps repeating itself is a bug in its wiring).
   */
  private ChangeId nextId() {
    for (int attempt = 0; attempt < MAX_TAKEN_IDS; attempt++) {
      long n = numbers.getAsLong();
      highest.accumulateAndGet(n, Math::max);
      ChangeId id = ChangeNumbers.id(n);
      if (ledger.byId(id).isEmpty()) {
        return id;
      }
      LOG.warn("the change number source gave {} again, which change {} holds; taking the next", n, id);
    }
    throw new IllegalStateException("the change number source gave " + MAX_TAKEN_IDS
        + " numbers in a row that changes hold already: it does not give fresh numbers");
  }

  /** Records {@code decision} on the change and in the audit trail. */
  private void decided(Tracked t, Decision decision, Instant now) {
    t.change = t.change.decided(decision, now);
    audit.decided(t.change, !t.requestAudited, t.explanation, t.conflicts, t.hold);
    t.requestAudited = true;
  }

  private void walk(Tracked t, ChangeState target, Actor actor, String reason, Instant now) {
    walk(t, false, target, actor, reason, now);
  }

  /**
   * Walks the change along its type's legal path to {@code target} (through Assess first when
   * {@code viaAssess}), recording the walk, with every state it passes, as one audit entry.
   */
  private void walk(Tracked t, boolean viaAssess, ChangeState target, Actor actor, String reason, Instant now) {
    ChangeState from = t.change.state();
    List<ChangeState> steps;
    if (viaAssess) {
      steps = new ArrayList<>(legalPath(t, from, ChangeState.ASSESS));
      steps.addAll(legalPath(t, ChangeState.ASSESS, target));
    } else {
      steps = legalPath(t, from, target);
    }
    if (steps.isEmpty()) {
      return;
    }
    t.change = t.change.movedTo(target, now);
    audit.transitioned(t.change, from, steps, actor, reason);
  }

  private static List<ChangeState> legalPath(Tracked t, ChangeState from, ChangeState to) {
    return ChangeLifecycle.path(t.change.type(), from, to)
        .getOrElseThrow(error -> new IllegalStateException("gate bug: " + error.message()));
  }

  /**
   * The change moved: it owes the ITSM tool its new snapshot and, if {@code reply}, the pipeline its
   * decision; publishes that state. The writes are delivered once the caller let go of the lock
   * ({@link #command}), or on a tick.
   */
  private void finish(Tracked t, boolean reply) {
    t.owe(reply ? outbound.replyFor(t) : null);
    ledger.retries().add(t);
    publish(t);
    outbound.owed(t);
  }

  /**
   * Runs {@code command} under {@code t}'s lock; then, outside it, delivers the writes the command
   * made the change owe, so a slow tool holds up no other caller of the change. The answer is the
   * command's, naming the ITSM record when delivering created it ({@code recordedAs}).
   */
  private <T> Either<CoexistError, T> command(Tracked t, Supplier<Either<CoexistError, T>> command,
      BiFunction<T, ExternalKey, T> recordedAs) {
    try (MDC.MDCCloseable change = MDC.putCloseable(LogContext.CHANGE, t.id.value())) {
      return commanded(t, command, recordedAs);
    }
  }

  private <T> Either<CoexistError, T> commanded(Tracked t, Supplier<Either<CoexistError, T>> command,
      BiFunction<T, ExternalKey, T> recordedAs) {
    Either<CoexistError, T> answer;
    boolean moved;
    synchronized (t) {
      long before = t.moves;
      answer = command.get();
      moved = t.moves != before;
    }
    if (!moved) {
      return answer;
    }
    deliver(t);
    Optional<ExternalKey> key = t.view().change().externalKey();
    return key.isEmpty() ? answer : answer.map(a -> recordedAs.apply(a, key.get()));
  }

  /** Delivers what {@code t} owes, here or on the workers; true when nothing is owed any more. */
  private boolean deliver(Tracked t) {
    return outbound.deliver(t);
  }

  /**
   * The ITSM tool refused the record of {@code t} for good (a mandatory field, an ACL, a group it
   * does not know): nobody can approve there a change it does not hold, so one still waiting for a
   * decision is rejected with the tool's reason, at once rather than at its time-out, and its
   * pipeline told (the reply the caller owes). A change a retry may fix is never judged here: the
   * refusal is final for this change, whose deployment is re-run once the cause is fixed. A change
   * already decided keeps its decision; its refusal is shown with it. Under the change's lock;
   * true when it decided the change.
   */
  private boolean refusedByTool(Tracked t, CoexistError error) {
    if (!t.change.decision().isPending()) {
      return false;
    }
    refused(t, Actor.system(outbound.system()), outbound.system() + " refused the change's record, so nobody can"
        + " approve it there: " + Comments.excerpt(error.message()) + " (fix the cause and re-run the deployment)",
        clock.instant());
    return true;
  }

  private static Change recordedAs(Change change, ExternalKey key) {
    return change.externalKey().isPresent() ? change : change.recordedAs(key);
  }

  private void publish(Tracked t) {
    TrackedChange published = t.publish();
    ledger.published(t, published);
    keep(t);
    try {
      listener.changed(published);
    } catch (RuntimeException e) {
      LOG.warn("a change listener failed on {}: {}", t.id, e.toString());
    }
  }

  /** Hands the change's state to the keeper, if there is one; under the change's lock. */
  private void keep(Tracked t) {
    if (keeper != null) {
      keeper.accept(t.record());
    }
  }

  private GateDecision decisionOf(Tracked t, boolean created) {
    Decision decision = t.change.decision();
    return new GateDecision(decision.outcome(), t.change, created, decision.waitingFor(), t.conflicts);
  }

  private CoexistError notAuthorised(Tracked t, ChangeState to) {
    return new CoexistError.IllegalTransition("change " + t.id, lower(t.change.state()), lower(to),
        "it is not authorised to deploy: " + describe(t));
  }

  private static String describe(Tracked t) {
    Decision decision = t.change.decision();
    return lower(decision.outcome()) + decision.waitingFor().map(w -> ", waiting for " + w).orElse("")
        + (decision.reasons().isEmpty() ? "" : " (" + decision.reasons().get(decision.reasons().size() - 1) + ")");
  }

  private static Actor deployer(Tracked t) {
    return Actor.system(t.change.request().source());
  }

  private static Actor quorumActor(Approvals approvals, Actor last) {
    return approvals.authority().quorum() == 1 ? last : new Actor(Actor.Kind.GROUP, approvals.authority().name());
  }

  private static String approvers(Approvals approvals) {
    List<String> names = new ArrayList<>();
    for (Vote vote : approvals.votes()) {
      if (vote.verdict() == Vote.Verdict.APPROVE) {
        names.add(vote.actor().name());
      }
    }
    return String.join(", ", names) + " (" + approvals.waitingFor() + ")";
  }

  private static List<String> append(List<String> reasons, String reason) {
    List<String> next = new ArrayList<>(reasons.size() + 1);
    next.addAll(reasons);
    next.add(reason);
    return next;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static String lower(Enum<?> value) {
    return Names.lower(value);
  }

  /**
   * Wires a {@link ChangeGate}. A clock and a risk assessor are required; every port defaults to
   * its in-memory implementation, the policy to {@link ApprovalPolicy#defaults()}, the calendar
   * to one without windows, service health to nothing open. Not thread-safe.
   */
  public static final class Builder {
    private Clock clock;
    private RiskAssessor assessor;
    private ApprovalPolicy policy;
    private ChangeRecords records = new InMemoryChangeRecords();
    private GateReplies replies = new InMemoryGateReplies();
    private AuditTrail audit;
    private ChangeCalendar calendar = ChangeCalendar.empty();
    private ServiceDirectory directory = new InMemoryServiceDirectory();
    private ServiceHealth health = ServiceHealth.none();
    private Duration historyWindow = Duration.ofDays(30);
    private Duration retention = Duration.ofDays(90);
    private ChangeListener listener = ChangeListener.noop();
    private Consumer<GateRecord> keeper;
    private Consumer<TemplateReenabled> templateKeeper;
    private LongSupplier numbers;
    private Duration directoryRefresh = Duration.ofMinutes(1);
    private Optional<Executor> recordWorkers = Optional.empty();
    private Optional<Executor> replyWorkers = Optional.empty();
    private Durability durability = Durability.immediate();

    private Builder() {}

    /**
     * Outbox first: a write a move owes (the ITSM record, the pipeline's reply) goes out only once
     * {@code durability} says the state that owes it, as handed to the {@link #keeper}, is
     * committed; a write held meanwhile goes out from the commit that makes it durable. Unless set,
     * at once ({@link Durability#immediate()}: state kept in memory only).
     */
    public Builder deliverWhenDurable(Durability durability) {
      this.durability = Objects.requireNonNull(durability, "durability");
      return this;
    }

    /**
     * Where the ITSM records of changes are written: on {@code workers}, so a move returns once it
     * is decided and kept, and a slow ITSM tool holds up no caller and no reply. Per change the
     * writes stay in order, one at a time; a write the workers refuse stays owed for the next
     * tick. Unless set, on the thread that moved the change, before the call returns.
     */
    public Builder deliverRecordsOn(Executor workers) {
      this.recordWorkers = Optional.of(Objects.requireNonNull(workers, "workers"));
      return this;
    }

    /**
     * Where replies to pipelines are sent: on {@code workers}, apart from the ITSM writes, so a
     * reply never waits behind the ITSM tool (it names the ITSM record when it is known by then).
     * Same rules as {@link #deliverRecordsOn}. Unless set, on the thread that moved the change,
     * after its ITSM record was written.
     */
    public Builder deliverRepliesOn(Executor workers) {
      this.replyWorkers = Optional.of(Objects.requireNonNull(workers, "workers"));
      return this;
    }

    /** Required: the clock every time comes from. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Required: how a change's risk is assessed. */
    public Builder riskAssessor(RiskAssessor assessor) {
      this.assessor = Objects.requireNonNull(assessor, "assessor");
      return this;
    }

    /** The approval policy; {@link ApprovalPolicy#defaults()} unless set. */
    public Builder approvalPolicy(ApprovalPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Where changes are recorded; in memory unless set. */
    public Builder changeRecords(ChangeRecords records) {
      this.records = Objects.requireNonNull(records, "records");
      return this;
    }

    /** How pipelines are answered; kept in memory unless set. */
    public Builder gateReplies(GateReplies replies) {
      this.replies = Objects.requireNonNull(replies, "replies");
      return this;
    }

    /** The audit trail; a new one in memory, on the gate's clock, unless set. */
    public Builder auditTrail(AuditTrail audit) {
      this.audit = Objects.requireNonNull(audit, "audit");
      return this;
    }

    /** The change calendar; no windows unless set. */
    public Builder calendar(ChangeCalendar calendar) {
      this.calendar = Objects.requireNonNull(calendar, "calendar");
      return this;
    }

    /** Where services and their dependencies are read; an empty in-memory directory unless set. */
    public Builder serviceDirectory(ServiceDirectory directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Open incidents and problems per service; nothing open unless set. */
    public Builder serviceHealth(ServiceHealth health) {
      this.health = Objects.requireNonNull(health, "health");
      return this;
    }

    /** Who hears every move of every change; nobody unless set. */
    public Builder listener(ChangeListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Who keeps the gate's state: called with the {@link GateRecord} of a change each time its
     * state changes, on the thread that changed it and while the gate holds the change's lock, once
     * the state is final. First with the writes the move owes the ITSM tool and the pipeline
     * ({@link GateRecord#sync()} pending, {@link GateRecord#pendingReply()}), then again once they
     * were delivered, or not. A later record of a change replaces the earlier one; the latest of
     * each change is what {@link ChangeGate#restore} needs. The keeper must be quick (it puts the
     * record where the next commit takes it from), must not block or call back into the gate, and
     * must not throw. Nobody unless set: the gate keeps its state in memory only.
     */
    public Builder keeper(Consumer<GateRecord> keeper) {
      this.keeper = Objects.requireNonNull(keeper, "keeper");
      return this;
    }

    /**
     * Who keeps the standard change templates people re-enable ({@link ChangeGate#reenableTemplate}),
     * for {@link ChangeGate#restoreTemplates}: called on the re-enabling thread; quick, never
     * throwing, as {@link #keeper}. Nobody unless set.
     */
    public Builder templateKeeper(Consumer<TemplateReenabled> templateKeeper) {
      this.templateKeeper = Objects.requireNonNull(templateKeeper, "templateKeeper");
      return this;
    }

    /**
     * Where the numbers of new change ids come from ({@code ch-00000042} from 42): each call gives
     * a number never given before, at least 1, such as a block reserved from a store. Thread-safe.
     * Unless set, a counter in memory from 1, that continues above the highest number
     * {@link ChangeGate#restore} restored.
     */
    public Builder numbers(LongSupplier next) {
      this.numbers = Objects.requireNonNull(next, "next");
      return this;
    }

    /**
     * How long the gate keeps tracking a change after it closed or was canceled; 90 days unless
     * set. A redelivery of its idempotency key within this time answers with the same change.
     */
    public Builder retention(Duration retention) {
      this.retention = positive(retention, "retention");
      return this;
    }

    /** How far back a service's closed changes count as recent history; 30 days unless set. */
    public Builder historyWindow(Duration window) {
      this.historyWindow = positive(window, "history window");
      return this;
    }

    /** How old the service graph read from the directory may get; 1 minute unless set. */
    public Builder directoryRefresh(Duration maxAge) {
      this.directoryRefresh = positive(maxAge, "directory refresh");
      return this;
    }

    /** The gate; throws {@link IllegalStateException} naming every required part not set. */
    public ChangeGate build() {
      List<String> missing = new ArrayList<>();
      if (clock == null) {
        missing.add("a clock");
      }
      if (assessor == null) {
        missing.add("a risk assessor");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("a change gate needs " + String.join(" and ", missing));
      }
      if (policy == null) {
        policy = ApprovalPolicy.defaults();
      }
      return new ChangeGate(this);
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return d;
    }
  }
}
