package io.github.coexist.core.incident;

import io.github.coexist.core.audit.AuditEvent;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.DeploymentLog;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.incident.IncidentActivity.Action;
import io.github.coexist.core.internal.records.GroupIndex;
import io.github.coexist.core.internal.records.IdSource;
import io.github.coexist.core.internal.records.SortedIndex;
import io.github.coexist.core.internal.records.RecordBook;
import io.github.coexist.core.internal.records.RecordView;
import io.github.coexist.core.internal.records.Step;
import io.github.coexist.core.internal.records.SystemOfRecord;
import io.github.coexist.core.internal.records.Transaction;
import io.github.coexist.core.internal.text.DurationText;
import io.github.coexist.core.kernel.Durability;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceDirectory;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.service.Tier;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.NullUnmarked;

/**
 * The incident desk: where alerts and people open incidents, and where incidents move through
 * their lifecycle, get their SLA clocks read and their suspect changes ranked.
 *
 * <p>Every command returns the incident as it is afterwards, or the reason it was refused as a
 * {@link CoexistError}. Each accepted command is recorded in the audit trail (when one is given)
 * before it takes effect; a command the trail refuses does not happen. Afterwards the incident is
 * mirrored through {@link IncidentRecords}: a mirror that fails leaves the incident pending (see
 * {@link #unsynced()} and {@link #resync()}) instead of failing the command, because coexist's
 * state is the truth and the tool catches up. Events reach the listener in order, after the fact.
 *
 * <p>Durable state: a desk given a {@linkplain Builder#keeper keeper} hands it every new state of
 * an incident as a {@link KeptIncident} (with whether the tool holds it, the SLA breaches already
 * announced and its alert key's history); a new desk {@linkplain #restore restored} from the latest
 * of each behaves as the one that kept them.
 *
 * <p>Thread-safe. Remote calls (service directory, change lookup, records, change links) are made
 * outside the desk's lock.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public final class IncidentDesk {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentDesk.class);
  private static final String ID_PREFIX = "INC-";
  private static final Comparator<KeptIncident> OLDEST_FIRST = Comparator
      .comparing((KeptIncident k) -> k.incident().openedAt())
      .thenComparing(k -> k.incident().id().value(), IdSource.NATURAL);

  private final Clock clock;
  private final ServiceDirectory services;
  private final DeploymentLog deployments;
  private final ChangeLookup changes;
  private final ChangeLinks changeLinks;
  private final PriorityMatrix matrix;
  private final SlaPolicy slaPolicy;
  private final AlertPolicy alertPolicy;
  private final CorrelationPolicy correlationPolicy;
  private final boolean autoDeclareMajor;
  private final Function<Incident, Optional<String>> closeHold;
  private final Duration stakeholderInterval;
  private final ChangeCorrelator correlator;
  private final IdSource<IncidentId> ids;
  /** The open incidents per service: the gate asks on every decision, so no scan of them all. */
  private final GroupIndex<ServiceId, IncidentId, Incident> openByService =
      new GroupIndex<>(Incident::service, Incident::id, Incident::isOpen);
  /** Every incident in id order: a page of them is read without copying them all. */
  private final SortedIndex<IncidentId, Incident> inIdOrder =
      new SortedIndex<>(Incident::id, Comparator.comparing(IncidentId::value, IdSource.NATURAL));
  private final RecordBook<IncidentId, Incident, IncidentEvent> book;
  // Guarded by the book's lock: touched only inside its writes.
  /** Per alert key, the incident its alerts go to (the one they last went to) and the key's history. */
  private final Map<String, KeyHolder> alertKeys = new HashMap<>();
  private final Map<IncidentId, Set<SlaClock.Kind>> breachesSignalled = new HashMap<>();

  private IncidentDesk(Builder b) {
    this.clock = b.clock;
    this.services = b.services;
    this.deployments = b.deployments;
    this.changes = b.changes;
    this.changeLinks = b.changeLinks;
    this.matrix = b.matrix;
    this.slaPolicy = b.slaPolicy;
    this.alertPolicy = b.alertPolicy;
    this.correlationPolicy = b.correlationPolicy;
    this.autoDeclareMajor = b.autoDeclareMajor;
    this.closeHold = b.closeHold;
    this.stakeholderInterval = b.stakeholderInterval;
    this.correlator = new ChangeCorrelator(b.deployments, b.changes, b.correlationPolicy, b.production);
    this.ids = b.ids;
    IncidentRecords records = b.records;
    RecordBook.Builder<IncidentId, Incident, IncidentEvent> book =
        RecordBook.<IncidentId, Incident, IncidentEvent>builder("incident", Incident::id)
            .audit(Optional.ofNullable(b.audit)).index(openByService).index(inIdOrder).listener(b.listener::on)
            .mirror(new SystemOfRecord<>(records::system, records::ensure, records::update, RecordedIncident::created,
                (key, incident) -> RecordedIncident.of(key, incident, records.linksProblems()), Incident::externalKey,
                (i, key) -> Incident.builder().from(i).externalKey(key).build()))
            .deliverOn(b.workers).deliverWhenDurable(b.durability);
    b.keeper.ifPresent(keeper -> book.keeper((incident, unsynced) -> keeper.accept(kept(incident, unsynced))));
    this.book = book.build();
  }

  /** The incident as kept, with what the desk knows beside it. Runs under the book's lock. */
  private KeptIncident kept(Incident incident, Optional<CoexistError> unsynced) {
    Optional<AlertHistory> history = incident.alerts().map(trace -> alertKeys.get(trace.correlationKey()))
        .filter(holder -> holder.incident().equals(incident.id())).map(KeyHolder::history);
    return new KeptIncident(incident, unsynced, announced(incident.id()), history);
  }

  /** A builder for a desk that reads time from {@code clock} and services from {@code services}. */
  public static Builder builder(Clock clock, ServiceDirectory services) {
    return new Builder(clock, services);
  }

  // ---------------------------------------------------------------------------------- alerts

  /**
   * Takes one monitoring alert. A firing alert folds into the open incident with the same
   * correlation key (escalating its priority if the alert is more severe), reopens that key's
   * incident if it was resolved within the reopen window or the alert is flapping, or opens a new
   * incident. A clearing alert resolves its open incident, unless auto-resolve is off, the
   * incident is major, or the alert is flapping. Alerts older than one already taken for the key
   * are stale and ignored. The outcome says which happened.
   */
  public Either<CoexistError, AlertOutcome> raise(Alert alert) {
    Objects.requireNonNull(alert, "alert");
    Owner owner = alert.isFiring() ? ownerOf(alert.service()) : Owner.NONE;
    return book.write(txn -> take(txn, alert, owner))
        .map(outcome -> new AlertOutcome(outcome.kind(), outcome.incident().map(book::latest).map(this::declareIfMajor),
            outcome.detail()));
  }

  /** Decides what {@code alert} does and commits it. Runs under the book's lock. */
  private Either<CoexistError, AlertOutcome> take(Transaction<IncidentId, Incident, IncidentEvent> txn, Alert alert,
      Owner owner) {
    AlertOutcome.Kind kind;
    String detail;
    Optional<KeyHolder> holder = Optional.ofNullable(alertKeys.get(alert.correlationKey()));
    FlapDetector.Observation seen = FlapDetector.observe(holder.map(KeyHolder::history), alert, alertPolicy);
    FlapDetector.Verdict verdict = seen.verdict();
    Optional<Incident> last = holder.flatMap(h -> txn.get(h.incident()));
    Instant now = clock.instant();
    if (verdict.stale()) {
      return Either.right(new AlertOutcome(AlertOutcome.Kind.STALE, last,
          "alert " + alert.correlationKey() + " at " + alert.at() + " is older than one already taken"));
    }
    Either<CoexistError, Step<Incident, IncidentEvent>> step;
    if (alert.isFiring() && last.isPresent() && last.get().isOpen()) {
      kind = AlertOutcome.Kind.FOLDED;
      detail = "folded into open incident " + last.get().id() + (verdict.flapping() ? " (flapping)" : "");
      step = Either.right(fold(last.get(), alert, verdict, now));
    } else if (alert.isFiring() && last.isPresent() && mayReopen(last.get(), verdict, now)) {
      kind = AlertOutcome.Kind.REOPENED;
      detail = "reopened incident " + last.get().id() + (verdict.flapping() ? ": the alert is flapping"
          : ": it fired again within " + DurationText.of(alertPolicy.reopenWindow()) + " of resolution");
      step = reopenByAlert(last.get(), alert, verdict, now);
    } else if (alert.isFiring()) {
      Incident opened = IncidentLifecycle.open(nextId(txn), alert, owner.team, priorityOf(alert), now);
      kind = AlertOutcome.Kind.OPENED;
      detail = "opened incident " + opened.id() + " (" + opened.priority().label() + ")";
      step = Either.right(opening(opened, owner, Map.of("alert", alert.correlationKey())));
    } else if (last.isEmpty() || !last.get().isOpen()) {
      // A clear with no incident at all is not remembered: its key has nothing to keep it with.
      last.ifPresent(incident -> took(txn, incident.id(), seen.history()));
      return Either.right(new AlertOutcome(AlertOutcome.Kind.NO_OPEN_INCIDENT, Optional.empty(),
          "alert " + alert.correlationKey() + " cleared but has no open incident"));
    } else if (verdict.flapping()) {
      kind = AlertOutcome.Kind.SUPPRESSED_FLAPPING;
      detail = "incident " + last.get().id() + " stays open: its alert is flapping";
      step = Either.right(fold(last.get(), alert, verdict, now));
    } else if (!alertPolicy.autoResolve() || last.get().major()) {
      kind = AlertOutcome.Kind.CLEAR_RECORDED;
      detail = "incident " + last.get().id() + " stays open: "
          + (last.get().major() ? "a major incident is resolved by people" : "auto-resolve is off");
      step = Either.right(clearNoted(last.get(), alert, now));
    } else {
      kind = AlertOutcome.Kind.RESOLVED;
      detail = "resolved incident " + last.get().id() + ": its alert cleared";
      step = resolveByAlert(last.get(), alert, now);
    }
    return step.flatMap(txn::commit).map(committed -> {
      took(txn, committed.id(), seen.history());
      return new AlertOutcome(kind, Optional.of(committed), detail);
    });
  }

  /** Notes that the key's alerts now go to {@code incident}, with {@code history}, and keeps it. */
  private void took(Transaction<IncidentId, Incident, IncidentEvent> txn, IncidentId incident, AlertHistory history) {
    alertKeys.put(history.correlationKey(), new KeyHolder(incident, history));
    txn.keep(incident);
  }

  private boolean mayReopen(Incident last, FlapDetector.Verdict verdict, Instant now) {
    if (last.state() != IncidentState.RESOLVED) {
      return false;
    }
    Instant resolved = last.resolvedAt().orElse(last.updatedAt());
    return verdict.flapping() || Duration.between(resolved, now).compareTo(alertPolicy.reopenWindow()) < 0;
  }

  private Step<Incident, IncidentEvent> fold(Incident incident, Alert alert, FlapDetector.Verdict verdict,
      Instant now) {
    Actor monitor = Actor.system(alert.source());
    Incident next = withTrace(incident, alert);
    List<IncidentEvent> events = new ArrayList<>();
    Optional<AuditEvent> audited = Optional.empty();
    if (verdict.startedFlapping()) {
      next = flappingNoted(next, alert, now);
    }
    if (alert.isFiring()) {
      Impact impact = alert.effectiveImpact().compareTo(incident.impact()) < 0 ? alert.effectiveImpact() : incident.impact();
      Urgency urgency = alert.effectiveUrgency().compareTo(incident.urgency()) < 0 ? alert.effectiveUrgency() : incident.urgency();
      if (impact != incident.impact() || urgency != incident.urgency()) {
        Step<Incident, IncidentEvent> escalated =
            reprioritised(next, impact, urgency, monitor, now, "a more severe alert arrived");
        next = escalated.after();
        events.addAll(escalated.events());
        audited = escalated.audit();
      }
    }
    return new Step<>(next, events, audited);
  }

  private Incident flappingNoted(Incident incident, Alert alert, Instant now) {
    return IncidentLifecycle.note(incident, Action.ALERT_FLAPPING, Actor.system(alert.source()), now,
        "alert " + alert.correlationKey() + " changed status " + alertPolicy.flapThreshold()
            + " times within " + DurationText.of(alertPolicy.flapWindow()) + "; its clears are ignored",
        b -> b);
  }

  private Either<CoexistError, Step<Incident, IncidentEvent>> reopenByAlert(Incident incident, Alert alert,
      FlapDetector.Verdict verdict, Instant now) {
    Actor monitor = Actor.system(alert.source());
    String why = "alert " + alert.correlationKey() + " fired again";
    Incident traced = verdict.startedFlapping() ? flappingNoted(withTrace(incident, alert), alert, now)
        : withTrace(incident, alert);
    return IncidentLifecycle.move(traced, Action.REOPENED, monitor, now, why)
        .map(next -> step(incident, next, monitor, Action.REOPENED, Map.of("alert", alert.correlationKey()),
            new IncidentEvent.Reopened(next, now)));
  }

  private Either<CoexistError, Step<Incident, IncidentEvent>> resolveByAlert(Incident incident, Alert alert,
      Instant now) {
    Actor monitor = Actor.system(alert.source());
    String why = "alert " + alert.correlationKey() + " cleared at " + alert.at();
    return IncidentLifecycle.move(withTrace(incident, alert), Action.RESOLVED, monitor, now, why)
        .map(next -> step(incident, next, monitor, Action.RESOLVED, Map.of("alert", alert.correlationKey()),
            new IncidentEvent.Resolved(next, now)));
  }

  private Step<Incident, IncidentEvent> clearNoted(Incident incident, Alert alert, Instant now) {
    Incident next = IncidentLifecycle.note(withTrace(incident, alert), Action.ALERT_CLEARED,
        Actor.system(alert.source()), now, "alert " + alert.correlationKey() + " cleared at " + alert.at(), b -> b);
    return new Step<>(next, List.of(), Optional.empty());
  }

  private static Incident withTrace(Incident incident, Alert alert) {
    AlertTrace trace = incident.alerts().map(t -> t.with(alert)).orElseGet(() -> AlertTrace.first(alert));
    return Incident.builder().from(incident).alerts(trace).build();
  }

  private Priority priorityOf(Alert alert) {
    return matrix.priority(alert.effectiveImpact(), alert.effectiveUrgency());
  }

  // ---------------------------------------------------------------------------------- people

  /**
   * Opens an incident a person reports, assigned to the team that owns its service. A service the
   * directory does not know is accepted and left unassigned, so no report is lost. A cause given
   * in the report must be a change the {@link ChangeLookup} knows; it is linked both ways.
   */
  public Either<CoexistError, Incident> open(NewIncident report) {
    Objects.requireNonNull(report, "report");
    Optional<Change> cause = Optional.empty();
    if (report.causedBy().isPresent()) {
      Either<CoexistError, Change> found = knownChange(report.causedBy().get());
      if (found.isLeft()) {
        return Either.left(found.getLeft());
      }
      cause = Optional.of(found.get());
    }
    Owner owner = ownerOf(report.service());
    Optional<Change> known = cause;
    Either<CoexistError, Incident> opened = book.write(txn -> {
      Instant now = clock.instant();
      Optional<CausedBy> causedBy = known.map(c -> new CausedBy(Optional.of(c.id()), Optional.empty(),
          c.externalKey(), report.reporter(), now));
      Incident incident = IncidentLifecycle.open(nextId(txn), report, owner.team,
          matrix.priority(report.impact(), report.urgency()), causedBy, now);
      return txn.commit(opening(incident, owner, Map.of("title", incident.title())));
    }).map(book::latest);
    return (known.isEmpty() ? opened : opened.flatMap(incident -> linkChange(known.get().id(), incident)))
        .map(this::declareIfMajor);
  }

  /**
   * Declares {@code incident} major when it is an open P1 on a tier-1 service (and automatic
   * declaration is on): such an incident locks its service down. The incident as it is then.
   */
  private Incident declareIfMajor(Incident incident) {
    if (!autoDeclareMajor || incident.major() || !incident.isOpen() || incident.priority() != Priority.CRITICAL) {
      return incident;
    }
    Either<CoexistError, Optional<Service>> service = services.find(incident.service());
    boolean tierOne = service.isRight() && service.get().map(s -> s.tier() == Tier.TIER_1).orElse(false);
    if (!tierOne) {
      return incident;
    }
    return markMajor(incident.id(), Actor.COEXIST, "declared a major incident: P1 on tier-1 service " + incident.service(),
        Map.of())
        .getOrElse(incident);
  }

  private Step<Incident, IncidentEvent> opening(Incident opened, Owner owner, Map<String, String> inputs) {
    List<IncidentEvent> events = new ArrayList<>();
    events.add(new IncidentEvent.Opened(opened, opened.openedAt()));
    if (opened.major()) {
      events.add(new IncidentEvent.MarkedMajor(opened, opened.openedAt()));
    }
    opened.causedBy().ifPresent(c -> events.add(new IncidentEvent.CauseConfirmed(opened, opened.openedAt(), c)));
    Map<String, String> all = new TreeMap<>(inputs);
    all.put("assignment", owner.team.map(TeamId::value).orElse("none: " + owner.note));
    all.put("impact", Integer.toString(opened.impact().level()));
    all.put("urgency", Integer.toString(opened.urgency().level()));
    return new Step<>(opened, events, Optional.of(auditEvent(opened, opened.openedBy(), "opened", all, "NEW")));
  }

  /** Someone responds: a new incident moves to In Progress and its response clock stops. */
  public Either<CoexistError, Incident> acknowledge(IncidentId id, Actor actor) {
    return lifecycle(id, Action.ACKNOWLEDGED, actor, "acknowledged", Map.of(),
        (next, at) -> List.of(new IncidentEvent.Acknowledged(next, at)));
  }

  /** Reassigns an open incident to {@code team}; assigning it to its current team changes nothing. */
  public Either<CoexistError, Incident> assign(IncidentId id, TeamId team, Actor actor) {
    Objects.requireNonNull(team, "team");
    return change(id, current -> {
      Optional<CoexistError> closed = IncidentLifecycle.requireOpen(current, "assignment", false);
      if (closed.isPresent()) {
        return Either.left(closed.get());
      }
      if (current.assignmentGroup().equals(Optional.of(team))) {
        return Either.right(Step.unchanged(current));
      }
      String from = current.assignmentGroup().map(TeamId::value).orElse("nobody");
      Incident next = IncidentLifecycle.note(current, Action.ASSIGNED, actor, clock.instant(),
          "reassigned from " + from + " to " + team, b -> b.assignmentGroup(team));
      return Either.right(new Step<>(next, List.of(), Optional.of(auditEvent(next, actor, "assigned",
          Map.of("team", team.value()), from + " -> " + team))));
    });
  }

  /**
   * Sets an open incident's impact and urgency; its priority follows from the matrix, and its SLA
   * targets from the priority. Setting the values it has changes nothing.
   */
  public Either<CoexistError, Incident> reprioritize(IncidentId id, Impact impact, Urgency urgency, Actor actor) {
    Objects.requireNonNull(impact, "impact");
    Objects.requireNonNull(urgency, "urgency");
    return change(id, current -> {
      Optional<CoexistError> closed = IncidentLifecycle.requireOpen(current, "a priority change", false);
      if (closed.isPresent()) {
        return Either.left(closed.get());
      }
      if (current.impact() == impact && current.urgency() == urgency) {
        return Either.right(Step.unchanged(current));
      }
      return Either.right(reprioritised(current, impact, urgency, actor, clock.instant(), "set by hand"));
    }).map(this::declareIfMajor);
  }

  private Step<Incident, IncidentEvent> reprioritised(Incident current, Impact impact, Urgency urgency, Actor actor,
      Instant at, String why) {
    Priority priority = matrix.priority(impact, urgency);
    Incident next = IncidentLifecycle.note(current, Action.PRIORITY_CHANGED, actor, at,
        "impact " + impact.level() + ", urgency " + urgency.level() + ": " + priority.label()
            + " (was " + current.priority().label() + "), " + why,
        b -> b.impact(impact).urgency(urgency).priority(priority));
    return new Step<>(next, List.of(new IncidentEvent.PriorityChanged(next, at, current.priority())),
        Optional.of(auditEvent(next, actor, "reprioritized",
            Map.of("impact", Integer.toString(impact.level()), "urgency", Integer.toString(urgency.level())),
            current.priority().label() + " -> " + priority.label())));
  }

  /** Declares an open incident major; major incidents never resolve on their own when an alert clears. */
  public Either<CoexistError, Incident> markMajor(IncidentId id, Actor actor) {
    return markMajor(id, actor, "declared a major incident", Map.of());
  }

  /** The longest reason {@link #declareMajor} takes. */
  public static final int MAX_MAJOR_REASON = 500;

  /**
   * Declares an open incident major by hand, as an incident commander does when the impact is
   * worse than its priority says: recorded in its timeline and the audit trail with {@code actor}
   * and {@code reason}. While it is open its service and every service that depends on it are
   * locked down (normal and standard changes held, emergency fixes to the emergency authority);
   * the lockdown lifts when it is resolved. Declaring a major incident again changes nothing. A
   * blank reason, or one longer than {@value #MAX_MAJOR_REASON} characters, is {@link
   * CoexistError.InvalidInput}; a resolved or closed incident is refused as {@link #markMajor} does.
   */
  public Either<CoexistError, Incident> declareMajor(IncidentId id, Actor actor, String reason) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(reason, "reason");
    String why = reason.strip();
    if (why.isEmpty() || why.length() > MAX_MAJOR_REASON) {
      return Either.left(CoexistError.invalid("a major incident is declared with a reason of 1 to "
          + MAX_MAJOR_REASON + " characters, had " + why.length()));
    }
    return markMajor(id, actor, "declared a major incident by hand: " + why, Map.of("reason", why));
  }

  private Either<CoexistError, Incident> markMajor(IncidentId id, Actor actor, String detail,
      Map<String, String> audited) {
    return change(id, current -> {
      Optional<CoexistError> closed = IncidentLifecycle.requireOpen(current, "declaring a major incident", false);
      if (closed.isPresent()) {
        return Either.left(closed.get());
      }
      if (current.major()) {
        return Either.right(Step.unchanged(current));
      }
      Instant at = clock.instant();
      Incident next = IncidentLifecycle.note(current, Action.MARKED_MAJOR, actor, at, detail, b -> b.major(true));
      return Either.right(new Step<>(next, List.of(new IncidentEvent.MarkedMajor(next, at)),
          Optional.of(auditEvent(next, actor, "marked-major", audited, "major"))));
    });
  }

  /**
   * Links incident {@code id} to the problem {@code link} names, or tells it the workaround its
   * problem now has: the link shows in the incident's view, a timeline entry gives its {@linkplain
   * ProblemLink#note() note}, and the ITSM record is updated (a tool that keeps work notes gets the
   * note). Linking what the incident already holds changes nothing. Audited as {@code
   * incident.problem-linked}. Wired to the problem manager by {@code Coexist}: every incident a
   * problem links is linked back, closed ones included, so that the record says what it was.
   */
  public Either<CoexistError, Incident> linkProblem(IncidentId id, ProblemLink link, Actor actor) {
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(actor, "actor");
    return change(id, current -> {
      if (current.problem().equals(Optional.of(link))) {
        return Either.right(Step.unchanged(current));
      }
      Incident next = IncidentLifecycle.note(current, Action.PROBLEM_LINKED, actor, clock.instant(), link.note(),
          b -> b.problem(link));
      Map<String, String> inputs = new TreeMap<>(Map.of("problem", link.problem().value()));
      link.workaround().ifPresent(w -> inputs.put("workaround", w));
      return Either.right(new Step<>(next, List.of(),
          Optional.of(auditEvent(next, actor, "problem-linked", inputs, "linked"))));
    });
  }

  /** The roles of a major incident's response. */
  public enum Role {
    /** Leads the response and decides. */
    COMMANDER,
    /** Keeps stakeholders informed. */
    COMMUNICATIONS
  }

  /**
   * Records that {@code person} takes {@code role} in the response to major incident {@code id},
   * in its timeline. An incident that is not major, or not open, is refused.
   */
  public Either<CoexistError, Incident> assignRole(IncidentId id, Role role, Actor person, Actor by) {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(person, "person");
    return majorNote(id, by, Action.ROLE_ASSIGNED, role.name().toLowerCase(Locale.ROOT) + ": " + person.name(), "role");
  }

  /** Records a stakeholder update on major incident {@code id}; the next one is due an interval later. */
  public Either<CoexistError, Incident> stakeholderUpdate(IncidentId id, String update, Actor by) {
    Objects.requireNonNull(update, "update");
    return majorNote(id, by, Action.STAKEHOLDER_UPDATE, update, "stakeholder-update");
  }

  private Either<CoexistError, Incident> majorNote(IncidentId id, Actor by, Action action, String detail, String audited) {
    Objects.requireNonNull(by, "by");
    return change(id, current -> {
      Optional<CoexistError> closed = IncidentLifecycle.requireOpen(current, "a major incident's " + audited, false);
      if (closed.isPresent()) {
        return Either.left(closed.get());
      }
      if (!current.major()) {
        return Either.left(new CoexistError.Conflict("incident " + id + " is not a major incident"));
      }
      Incident next = IncidentLifecycle.note(current, action, by, clock.instant(), detail, b -> b);
      return Either.right(new Step<>(next, List.of(),
          Optional.of(auditEvent(next, by, audited, Map.of("detail", detail), "noted"))));
    });
  }

  /**
   * Notes in the timeline of every open major incident that a stakeholder update is due, when
   * none was given (nor noted due) for the configured interval since it was declared major; call
   * it on every tick. The incidents noted.
   */
  public List<Incident> remindStakeholders() {
    Instant now = clock.instant();
    List<Incident> reminded = new ArrayList<>();
    for (Incident incident : openIncidents()) {
      Optional<Instant> last = lastUpdate(incident);
      if (incident.major() && last.isPresent() && !now.isBefore(last.get().plus(stakeholderInterval))) {
        change(incident.id(), current -> Either.right(new Step<>(IncidentLifecycle.note(current,
            Action.STAKEHOLDER_UPDATE_DUE, Actor.COEXIST, now, "stakeholder update due: none for "
                + DurationText.of(Duration.between(last.get(), now)), b -> b), List.of(), Optional.empty())))
            .peek(reminded::add);
      }
    }
    return reminded;
  }

  /** When stakeholders last heard, or were last due to hear, of a major incident: from its declaration on. */
  private static Optional<Instant> lastUpdate(Incident incident) {
    Optional<Instant> last = Optional.empty();
    for (IncidentActivity activity : incident.activity()) {
      Action action = activity.action();
      if (action == Action.MARKED_MAJOR || action == Action.STAKEHOLDER_UPDATE || action == Action.STAKEHOLDER_UPDATE_DUE
          || (action == Action.OPENED && incident.major() && last.isEmpty())) {
        last = Optional.of(activity.at());
      }
    }
    return last;
  }

  /** Puts an incident in progress on hold for {@code reason}; its resolution clock pauses. */
  public Either<CoexistError, Incident> hold(IncidentId id, String reason, Actor actor) {
    return required(reason, "a reason to hold").flatMap(r ->
        lifecycle(id, Action.HELD, actor, r, Map.of("reason", r), (next, at) -> List.of()));
  }

  /** Takes an incident off hold; its resolution clock runs again. */
  public Either<CoexistError, Incident> resume(IncidentId id, Actor actor) {
    return lifecycle(id, Action.RESUMED, actor, "resumed", Map.of(), (next, at) -> List.of());
  }

  /** Resolves an open incident with a note saying how service was restored. */
  public Either<CoexistError, Incident> resolve(IncidentId id, String resolution, Actor actor) {
    return required(resolution, "a resolution note").flatMap(r ->
        lifecycle(id, Action.RESOLVED, actor, r, Map.of("resolution", r),
            (next, at) -> List.of(new IncidentEvent.Resolved(next, at))));
  }

  /**
   * Closes a resolved incident for good; refused as a {@link CoexistError.Conflict} while something
   * {@linkplain Builder#closeHold holds} it (a P1 or major incident whose postmortem is not
   * published yet).
   */
  public Either<CoexistError, Incident> close(IncidentId id, Actor actor) {
    Objects.requireNonNull(actor, "actor");
    return change(id, current -> {
      Optional<String> held = current.state() == IncidentState.RESOLVED ? closeHold.apply(current) : Optional.empty();
      if (held.isPresent()) {
        return Either.left(new CoexistError.Conflict("incident " + id + " cannot close yet: " + held.get()));
      }
      Instant at = clock.instant();
      return IncidentLifecycle.move(current, Action.CLOSED, actor, at, "closed")
          .map(next -> step(current, next, actor, Action.CLOSED, Map.of(), new IncidentEvent.Closed(next, at)));
    });
  }

  /** Cancels an open incident that was not one (duplicate, false alarm), saying why. */
  public Either<CoexistError, Incident> cancel(IncidentId id, String reason, Actor actor) {
    return required(reason, "a reason to cancel").flatMap(r ->
        lifecycle(id, Action.CANCELED, actor, r, Map.of("reason", r),
            (next, at) -> List.of(new IncidentEvent.Canceled(next, at))));
  }

  /** Reopens a resolved incident whose resolution did not hold, saying why. */
  public Either<CoexistError, Incident> reopen(IncidentId id, String reason, Actor actor) {
    return required(reason, "a reason to reopen").flatMap(r ->
        lifecycle(id, Action.REOPENED, actor, r, Map.of("reason", r),
            (next, at) -> List.of(new IncidentEvent.Reopened(next, at))));
  }

  private Either<CoexistError, Incident> lifecycle(IncidentId id, Action action, Actor actor, String detail,
      Map<String, String> inputs, BiFunction<Incident, Instant, List<IncidentEvent>> events) {
    Objects.requireNonNull(actor, "actor");
    return change(id, current -> {
      Instant at = clock.instant();
      return IncidentLifecycle.move(current, action, actor, at, detail)
          .map(next -> step(current, next, actor, action, inputs, events.apply(next, at).toArray(IncidentEvent[]::new)));
    });
  }

  private static Either<CoexistError, String> required(String text, String what) {
    return new Problems().require(!Problems.isBlank(text), what + " is required").toEither(() -> text.strip());
  }

  // ---------------------------------------------------------------------------------- cause

  /**
   * The changes and deployments suspected of causing the incident, strongest first, each with
   * its reason: the recorded cause, then deployments and changes of its own service within the
   * correlation window before it, then those of the services it depends on, nearest first.
   */
  public Either<CoexistError, List<Suspect>> suspects(IncidentId id) {
    return incident(id).flatMap(incident -> services.graph().flatMap(graph -> correlator.suspects(incident, graph)));
  }

  /**
   * Records {@code change} as the incident's cause and tells change enablement ({@link
   * ChangeLinks}), so the link exists both ways. Confirming the same cause again repeats only the
   * change side, so a failed link can be retried; confirming another cause is a conflict.
   */
  public Either<CoexistError, Incident> confirmSuspect(IncidentId id, ChangeId change, Actor actor) {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(actor, "actor");
    return incident(id).flatMap(incident -> knownChange(change).flatMap(found -> {
      Optional<DeploymentId> deployment = latestDeployment(found, incident);
      return confirm(id, Optional.of(change), deployment, found.externalKey(), actor);
    })).flatMap(confirmed -> linkChange(change, confirmed));
  }

  /**
   * Records {@code deployment} (one the {@link DeploymentLog} holds) as the incident's cause, with
   * the change it was made under when there is one, which is then linked both ways.
   */
  public Either<CoexistError, Incident> confirmSuspect(IncidentId id, DeploymentId deployment, Actor actor) {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(actor, "actor");
    Optional<Deployment> found = deployments.find(deployment);
    if (found.isEmpty()) {
      return Either.left(new CoexistError.NotFound("deployment", deployment.value()));
    }
    Optional<ChangeId> change = found.get().changeId();
    Optional<ExternalKey> record = change.flatMap(c -> changes.find(c).fold(e -> Optional.<Change>empty(), f -> f))
        .flatMap(Change::externalKey);
    Either<CoexistError, Incident> confirmed = confirm(id, change, Optional.of(deployment), record, actor);
    return change.isPresent() ? confirmed.flatMap(i -> linkChange(change.get(), i)) : confirmed;
  }

  private Either<CoexistError, Incident> confirm(IncidentId id, Optional<ChangeId> change,
      Optional<DeploymentId> deployment, Optional<ExternalKey> record, Actor actor) {
    return change(id, current -> {
      Optional<CausedBy> known = current.causedBy();
      if (known.isPresent()) {
        boolean same = known.get().change().equals(change)
            || (change.isEmpty() && known.get().deployment().equals(deployment));
        return same ? Either.right(Step.unchanged(current)) : Either.left(new CoexistError.Conflict(
            "incident " + id + " already has " + known.get().describe() + " as its cause"));
      }
      Instant at = clock.instant();
      CausedBy cause = new CausedBy(change, deployment, record, actor, at);
      Incident next = IncidentLifecycle.note(current, Action.CAUSE_CONFIRMED, actor, at,
          cause.describe() + " confirmed as the cause", b -> b.causedBy(cause));
      Map<String, String> inputs = new TreeMap<>();
      change.ifPresent(c -> inputs.put("change", c.value()));
      deployment.ifPresent(d -> inputs.put("deployment", d.value()));
      return Either.right(new Step<>(next, List.of(new IncidentEvent.CauseConfirmed(next, at, cause)),
          Optional.of(auditEvent(next, actor, "cause-confirmed", inputs, cause.describe()))));
    });
  }

  /**
   * Gives the verdict on whether a change caused the incident, a human act: {@link
   * Verdict#NOT_CHANGE_RELATED} rules changes out (no deployment is blamed for it, not even
   * heuristically), {@link Verdict#UNKNOWN} takes that back. A change is blamed only through
   * {@link #confirmSuspect}, so {@link Verdict#CAUSED_BY_CHANGE} here is {@link
   * CoexistError.InvalidInput}; an incident whose cause is confirmed cannot be ruled otherwise
   * ({@link CoexistError.Conflict}). The same verdict again changes nothing. Audited.
   */
  public Either<CoexistError, Incident> giveVerdict(IncidentId id, Verdict verdict, Actor actor) {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(actor, "actor");
    if (verdict == Verdict.CAUSED_BY_CHANGE) {
      return Either.left(new CoexistError.InvalidInput(io.vavr.collection.List.of("a change is blamed by confirming it as a suspect, "
          + "which names the change: confirm a suspect instead")));
    }
    return change(id, current -> {
      if (current.causedBy().isPresent()) {
        return Either.left(new CoexistError.Conflict("incident " + id + " has " + current.causedBy().get().describe()
            + " confirmed as its cause; it cannot be ruled " + verdict.label()));
      }
      if (current.verdict() == verdict) {
        return Either.right(Step.unchanged(current));
      }
      Instant at = clock.instant();
      boolean ruledOut = verdict == Verdict.NOT_CHANGE_RELATED;
      Incident next = IncidentLifecycle.note(current, Action.VERDICT_GIVEN, actor, at,
          ruledOut ? "not change-related: no change is blamed" : "cause unknown again", b -> b.notChangeRelated(ruledOut));
      return Either.right(new Step<>(next, List.of(new IncidentEvent.VerdictGiven(next, at, verdict)),
          Optional.of(auditEvent(next, actor, "verdict", Map.of("verdict", verdict.label()), verdict.label()))));
    });
  }

  private Either<CoexistError, Incident> linkChange(ChangeId change, Incident incident) {
    return changeLinks.causedIncident(change, incident.id()).map(done -> incident);
  }

  private Either<CoexistError, Change> knownChange(ChangeId id) {
    return changes.find(id).flatMap(found -> found.<Either<CoexistError, Change>>map(Either::right)
        .orElseGet(() -> Either.left(new CoexistError.NotFound("change", id.value()))));
  }

  private Optional<DeploymentId> latestDeployment(Change change, Incident incident) {
    Instant detected = incident.detectedAt();
    return deployments.forService(change.service(), detected.minus(correlationPolicy.window()), detected).stream()
        .filter(d -> d.changeId().equals(Optional.of(change.id())))
        .max(Comparator.comparing(Deployment::startedAt))
        .map(Deployment::id);
  }

  // ---------------------------------------------------------------------------------- SLA

  /** The SLA targets the desk measures incidents by; the KPIs' SLA compliance reads the same. */
  public SlaPolicy slaPolicy() {
    return slaPolicy;
  }

  /** Both SLA clocks of the incident, now. */
  public Either<CoexistError, SlaStatus> sla(IncidentId id) {
    return incident(id).map(incident -> slaPolicy.status(incident, clock.instant()));
  }

  /**
   * Reads every incident's SLA clocks, tells the listener (once per incident and clock) about the
   * ones that breached since the last check, and returns the status of every incident with a
   * breached clock. Call it on a schedule.
   */
  public List<SlaStatus> checkSlas() {
    return book.write(txn -> Either.<CoexistError, List<SlaStatus>>right(breaches(txn))).get();
  }

  /** Audits and announces each clock that breached since the last check. Runs under the book's lock. */
  private List<SlaStatus> breaches(Transaction<IncidentId, Incident, IncidentEvent> txn) {
    List<SlaStatus> breached = new ArrayList<>();
    Instant now = clock.instant();
    for (Incident incident : txn.all()) {
      SlaStatus status = slaPolicy.status(incident, now);
      if (!status.breached()) {
        continue;
      }
      breached.add(status);
      for (SlaClock clockRead : List.of(status.response(), status.resolution())) {
        if (clockRead.breached() && !announced(incident.id()).contains(clockRead.kind())) {
          Optional<CoexistError> refused = txn.audit(auditEvent(incident, Actor.COEXIST, "sla-breached",
              Map.of("clock", clockRead.kind().name(), "target", clockRead.target().toString(),
                  "elapsed", clockRead.elapsed().toString()), clockRead.kind().name().toLowerCase(Locale.ROOT) + " breached"));
          if (refused.isPresent()) {
            LOG.error("SLA breach of incident {} not recorded in the audit trail, will retry: {}",
                incident.id(), refused.get().message());
            continue;
          }
          breachesSignalled.computeIfAbsent(incident.id(), id -> EnumSet.noneOf(SlaClock.Kind.class))
              .add(clockRead.kind());
          txn.keep(incident.id());
          txn.emit(new IncidentEvent.SlaBreached(incident, now, clockRead));
        }
      }
    }
    return List.copyOf(breached);
  }

  /** The clocks of {@code incident} whose breach was announced. Runs under the book's lock. */
  private Set<SlaClock.Kind> announced(IncidentId incident) {
    return breachesSignalled.getOrDefault(incident, Set.of());
  }

  // ---------------------------------------------------------------------------------- reads

  /** The incident with this id, or {@link CoexistError.NotFound}. */
  public Either<CoexistError, Incident> incident(IncidentId id) {
    return book.read(view -> view.find(id));
  }

  /** Every incident, oldest first. */
  public List<Incident> incidents() {
    return book.all();
  }

  /**
   * A page of incidents in id order (oldest first): at most {@code limit} of those {@code filter}
   * accepts, after the incident {@code after} (from the first when empty). Reads only as far as
   * the page needs; {@code after} need not exist any more.
   */
  public List<Incident> incidents(Optional<IncidentId> after, Predicate<? super Incident> filter, int limit) {
    return book.read(view -> inIdOrder.page(after, filter, limit));
  }

  /** The open incidents (new, in progress, on hold), oldest first. */
  public List<Incident> openIncidents() {
    return incidents().stream().filter(Incident::isOpen).toList();
  }

  /** The open incidents of {@code service}, oldest first: what change risk reads. */
  public List<Incident> openIncidents(ServiceId service) {
    return book.read(view -> openByService.members(service).stream().map(id -> view.get(id).orElseThrow())
        .sorted(Comparator.comparing(Incident::openedAt).thenComparing(i -> i.id().value())).toList());
  }

  /** The incidents whose record in the ITSM tool is behind, each with the error that stopped it. */
  public Map<IncidentId, CoexistError> unsynced() {
    return book.unsynced();
  }

  /** Tries again to mirror every incident that is behind; returns those still behind. */
  public Map<IncidentId, CoexistError> resync() {
    return book.resync();
  }

  // ---------------------------------------------------------------------------------- durable state

  /**
   * Puts back incidents as a store kept them ({@link Builder#keeper}): for a store at start-up, or
   * a standby catching up. An upsert: each replaces the incident with its id, or is added, oldest
   * opened first. Every index is rebuilt (open incidents per service, where each alert key's alerts
   * go and the key's history, the SLA breaches announced), incidents the tool does not hold yet are
   * retried by the next {@link #resync()}, and the desk's own id counter continues above the
   * highest number restored. Nothing is audited, announced or kept again.
   */
  public void restore(Collection<KeptIncident> records) {
    book.restore(records.stream().sorted(OLDEST_FIRST).toList(), this::restore);
  }

  private void restore(Transaction<IncidentId, Incident, IncidentEvent> txn, KeptIncident kept) {
    IncidentId id = kept.incident().id();
    txn.restore(kept.incident(), kept.unsynced());
    if (kept.breachesSignalled().isEmpty()) {
      breachesSignalled.remove(id);
    } else {
      breachesSignalled.put(id, EnumSet.copyOf(kept.breachesSignalled()));
    }
    kept.alerts().ifPresent(history -> alertKeys.merge(history.correlationKey(), new KeyHolder(id, history),
        (held, restored) -> restored.history().taken() >= held.history().taken() ? restored : held));
    ids.restored(id.value());
  }

  // ---------------------------------------------------------------------------------- machinery

  /** Applies {@code step} to incident {@code id} under the book's lock, then mirrors it and delivers events. */
  private Either<CoexistError, Incident> change(IncidentId id,
      Function<Incident, Either<CoexistError, Step<Incident, IncidentEvent>>> step) {
    return book.update(id, step);
  }

  private IncidentId nextId(RecordView<IncidentId, Incident> view) {
    IncidentId id = ids.next();
    if (view.get(id).isPresent()) {
      throw new IllegalStateException("the incident id supplier returned " + id + ", which is already used");
    }
    return id;
  }

  private Owner ownerOf(ServiceId service) {
    Either<CoexistError, Optional<Service>> found = services.find(service);
    if (found.isLeft()) {
      LOG.warn("service directory could not find {}: {}", service, found.getLeft().message());
      return new Owner(Optional.empty(), "the service directory failed: " + found.getLeft().message());
    }
    return found.get().map(s -> new Owner(Optional.of(s.owner()), ""))
        .orElseGet(() -> new Owner(Optional.empty(), "service " + service + " is not in the service directory"));
  }

  private Step<Incident, IncidentEvent> step(Incident before, Incident after, Actor actor, Action action,
      Map<String, String> inputs, IncidentEvent... events) {
    return new Step<>(after, List.of(events), Optional.of(auditEvent(after, actor,
        action.name().toLowerCase(Locale.ROOT).replace('_', '-'), inputs, before.state() + " -> " + after.state())));
  }

  private static AuditEvent auditEvent(Incident incident, Actor actor, String action, Map<String, String> inputs,
      String outcome) {
    Map<String, String> all = new TreeMap<>(inputs);
    all.put("service", incident.service().value());
    all.put("priority", incident.priority().label());
    return AuditEvent.of(actor, "incident." + action, incident.id().value(), all, outcome);
  }

  /** The incident an alert key's alerts go to, and the key's history. */
  private record KeyHolder(IncidentId incident, AlertHistory history) {}

  /** The team owning a service, or why there is none. */
  private record Owner(Optional<TeamId> team, String note) {
    static final Owner NONE = new Owner(Optional.empty(), "not looked up");
  }

  /** Configures an {@link IncidentDesk}; everything but the clock and the directory has a default. */
  public static final class Builder {
    private final Clock clock;
    private final ServiceDirectory services;
    private DeploymentLog deployments = new DeploymentLog();
    private ChangeLookup changes = ChangeLookup.none();
    private ChangeLinks changeLinks = ChangeLinks.none();
    private IncidentRecords records = new InMemoryIncidentRecords();
    private Optional<Executor> workers = Optional.empty();
    private Durability durability = Durability.immediate();
    private IncidentListener listener = IncidentListener.noop();
    private AuditTrail audit;
    private PriorityMatrix matrix = PriorityMatrix.itil();
    private SlaPolicy slaPolicy = SlaPolicy.defaults();
    private AlertPolicy alertPolicy = AlertPolicy.defaults();
    private CorrelationPolicy correlationPolicy = CorrelationPolicy.defaults();
    private boolean autoDeclareMajor = true;
    private Function<Incident, Optional<String>> closeHold = incident -> Optional.empty();
    private java.util.function.Predicate<String> production =
        environment -> Set.of("production", "prod").contains(environment.strip().toLowerCase(Locale.ROOT));
    private Duration stakeholderInterval = Duration.ofMinutes(30);
    private IdSource<IncidentId> ids = IdSource.counting(ID_PREFIX, IncidentId::of);
    private Optional<Consumer<KeptIncident>> keeper = Optional.empty();

    private Builder(Clock clock, ServiceDirectory services) {
      this.clock = Objects.requireNonNull(clock, "clock");
      this.services = Objects.requireNonNull(services, "services");
    }

    /** The deployments correlation reads; an empty log unless set. */
    public Builder deployments(DeploymentLog deployments) {
      this.deployments = Objects.requireNonNull(deployments, "deployments");
      return this;
    }

    /** Where changes are read; {@link ChangeLookup#none()} unless set. */
    public Builder changes(ChangeLookup changes) {
      this.changes = Objects.requireNonNull(changes, "changes");
      return this;
    }

    /** Where confirmed causes are linked on the change side; {@link ChangeLinks#none()} unless set. */
    public Builder changeLinks(ChangeLinks links) {
      this.changeLinks = Objects.requireNonNull(links, "links");
      return this;
    }

    /** Where incidents are mirrored; {@link InMemoryIncidentRecords} unless set. */
    public Builder records(IncidentRecords records) {
      this.records = Objects.requireNonNull(records, "records");
      return this;
    }

    /**
     * Where incidents are mirrored to the ITSM tool: on {@code workers}, so a command returns once it
     * committed and a slow tool holds up no caller; a record the workers refuse stays behind for
     * the next resync. Unless set, on the caller's thread, before the command returns.
     */
    public Builder deliverOn(Executor workers) {
      this.workers = Optional.of(Objects.requireNonNull(workers, "workers"));
      return this;
    }

    /**
     * Outbox first: an ITSM write goes out only once {@code durability} says the state that owes
     * it, as handed to the keeper, is committed. Unless set, at once (state kept in memory only).
     */
    public Builder deliverWhenDurable(Durability durability) {
      this.durability = Objects.requireNonNull(durability, "durability");
      return this;
    }

    /** Who hears events; nobody unless set. Use {@link IncidentListener#composite} for several. */
    public Builder listener(IncidentListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The audit trail every accepted command is recorded in; none unless set. */
    public Builder audit(AuditTrail audit) {
      this.audit = Objects.requireNonNull(audit, "audit");
      return this;
    }

    /** The impact-urgency matrix; {@link PriorityMatrix#itil()} unless set. */
    public Builder priorityMatrix(PriorityMatrix matrix) {
      this.matrix = Objects.requireNonNull(matrix, "matrix");
      return this;
    }

    /** The SLA targets; {@link SlaPolicy#defaults()} unless set. */
    public Builder slaPolicy(SlaPolicy policy) {
      this.slaPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** How alerts are folded, suppressed and auto-resolved; {@link AlertPolicy#defaults()} unless set. */
    public Builder alertPolicy(AlertPolicy policy) {
      this.alertPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Which environments are production: only their deployments and changes are suspected of
     * causing an incident. {@code production} and {@code prod} (any case) unless set; coexist
     * wires its approval policy's production environments.
     */
    public Builder productionEnvironments(java.util.function.Predicate<String> production) {
      this.production = Objects.requireNonNull(production, "production");
      return this;
    }

    /**
     * What holds a resolved incident from closing, if anything: a sentence saying why (its
     * postmortem is not published yet), which {@link IncidentDesk#close} answers as a {@link
     * CoexistError.Conflict}. Nothing holds an incident unless set. Must be quick and must not
     * call back into the desk.
     */
    public Builder closeHold(Function<Incident, Optional<String>> hold) {
      this.closeHold = Objects.requireNonNull(hold, "hold");
      return this;
    }

    /** Whether an open P1 on a tier-1 service is declared a major incident by itself; true unless set. */
    public Builder autoDeclareMajor(boolean declare) {
      this.autoDeclareMajor = declare;
      return this;
    }

    /** How often stakeholders of a major incident are to hear of it; every 30 minutes unless set. */
    public Builder stakeholderUpdates(Duration every) {
      Objects.requireNonNull(every, "every");
      if (every.isNegative() || every.isZero()) {
        throw new IllegalArgumentException("the stakeholder update interval must be positive, was " + every);
      }
      this.stakeholderInterval = every;
      return this;
    }

    /** How far correlation looks; {@link CorrelationPolicy#defaults()} unless set. */
    public Builder correlationPolicy(CorrelationPolicy policy) {
      this.correlationPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Where new incident ids come from, whole; must never repeat. Unless this or {@link #numbers}
     * is set, the desk counts {@code INC-00000001}, {@code INC-00000002}, ... itself, continuing
     * after a {@link IncidentDesk#restore restore} above the highest number restored.
     */
    public Builder ids(Supplier<IncidentId> ids) {
      this.ids = IdSource.given(ids);
      return this;
    }

    /**
     * Where the numbers of new incident ids come from ({@code INC-} and the number, zero-padded to
     * eight digits): a sequence that never repeats, such as blocks a store reserves. Replaces
     * {@link #ids}.
     */
    public Builder numbers(LongSupplier next) {
      this.ids = IdSource.numbered(ID_PREFIX, IncidentId::of, next);
      return this;
    }

    /**
     * Who is handed every new state of an incident, with what the desk knows beside it, on the
     * thread that produced it and possibly under the desk's lock: it must only take note (put the
     * record in a map), never block or call the desk. Nobody unless set.
     */
    public Builder keeper(Consumer<KeptIncident> keeper) {
      this.keeper = Optional.of(Objects.requireNonNull(keeper, "keeper"));
      return this;
    }

    /** The desk. */
    public IncidentDesk build() {
      return new IncidentDesk(this);
    }
  }
}
