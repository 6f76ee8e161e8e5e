package io.github.coexist.core.problem;

import io.github.coexist.core.audit.AuditEvent;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.internal.text.DurationText;
import io.github.coexist.core.incident.Impact;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentEvent;
import io.github.coexist.core.incident.IncidentListener;
import io.github.coexist.core.incident.PriorityMatrix;
import io.github.coexist.core.incident.Urgency;
import io.github.coexist.core.internal.records.GroupIndex;
import io.github.coexist.core.internal.records.IdSource;
import io.github.coexist.core.internal.records.SortedIndex;
import io.github.coexist.core.internal.records.RecordBook;
import io.github.coexist.core.internal.records.RecordView;
import io.github.coexist.core.internal.records.Step;
import io.github.coexist.core.internal.records.SystemOfRecord;
import io.github.coexist.core.internal.records.Transaction;
import io.github.coexist.core.kernel.Durability;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kernel.ProblemId;
import io.github.coexist.core.problem.ProblemActivity.Action;
import io.github.coexist.core.service.ServiceId;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * Problem management: raises problems by hand or when incidents recur, moves them through their
 * lifecycle, records known errors and links the fixing change.
 *
 * <p>Recurrence: every incident opened is {@linkplain #observe observed}; when {@link
 * RecurrencePolicy#threshold()} incidents with one signature on one service open within the
 * policy's window, a problem is raised with all of them linked, and later incidents with that
 * signature are linked to it while it is open. Wire {@link #incidentListener()} to the incident
 * desk to get this.
 *
 * <p>Every accepted command is recorded in the audit trail (when one is given) before it takes
 * effect, then mirrored through {@link ProblemRecords}; a failed mirror leaves the problem pending
 * ({@link #unsynced()}, {@link #resync()}). Thread-safe: commands are serialised; the records
 * and the listener are called after the command, outside the manager's lock, so a slow tool holds
 * up no other command. Events reach the listener in the order their commands took effect.
 *
 * <p>Durable state: a manager given keepers hands them every new state of a problem ({@link
 * KeptProblem}, with whether the tool holds it) and of each {@link Recurrence} (the incidents
 * counted towards a problem); a new manager {@linkplain #restore restored} from the latest of each
 * behaves as the one that kept them.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public final class ProblemManager {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemManager.class);
  private static final String RECURRENCE_POLICY = "recurrence-v1";
  private static final String ID_PREFIX = "PRB-";
  /** Of several open problems with one signature, the oldest gets the recurring incidents. */
  private static final Comparator<Problem> OLDEST_FIRST = Comparator.comparing(Problem::openedAt)
      .thenComparing(p -> p.id().value(), IdSource.NATURAL);

  private final Clock clock;
  private final PriorityMatrix matrix;
  private final RecurrencePolicy recurrence;
  private final IdSource<ProblemId> ids;
  private final Consumer<Recurrence> recurrenceKeeper;

  /** The open problems per service: the gate asks on every decision, so no scan of them all. */
  private final GroupIndex<ServiceId, ProblemId, Problem> openByService =
      new GroupIndex<>(Problem::service, Problem::id, p -> p.state().isOpen());
  private final GroupIndex<String, ProblemId, Problem> openBySignature = GroupIndex.ofSome(
      p -> p.signature().map(s -> signatureKey(p.service(), s)), Problem::id, p -> p.state().isOpen());
  /** Every problem in id order: a page of them is read without copying them all. */
  private final SortedIndex<ProblemId, Problem> inIdOrder =
      new SortedIndex<>(Problem::id, Comparator.comparing(ProblemId::value, IdSource.NATURAL));
  private final RecordBook<ProblemId, Problem, ProblemEvent> book;
  // Guarded by the book's lock: touched only inside its writes.
  private final Map<String, Recurrence> recurrences = new HashMap<>();

  private ProblemManager(Builder b) {
    this.clock = b.clock;
    this.matrix = b.matrix;
    this.recurrence = b.recurrence;
    this.ids = b.ids;
    this.recurrenceKeeper = b.recurrenceKeeper;
    ProblemRecords records = b.records;
    RecordBook.Builder<ProblemId, Problem, ProblemEvent> book =
        RecordBook.<ProblemId, Problem, ProblemEvent>builder("problem", Problem::id)
            .audit(Optional.ofNullable(b.audit)).index(openByService).index(openBySignature).index(inIdOrder)
            .listener(b.listener::on)
            .mirror(new SystemOfRecord<>(records::system, records::ensure, records::update, RecordedProblem::created,
                RecordedProblem::of, Problem::externalKey, (p, key) -> Problem.builder().from(p).externalKey(key).build()))
            .deliverOn(b.workers).deliverWhenDurable(b.durability);
    b.keeper.ifPresent(keeper -> book.keeper((problem, unsynced) -> keeper.accept(new KeptProblem(problem, unsynced))));
    this.book = book.build();
  }

  /** A builder for a manager timed by {@code clock}. */
  public static Builder builder(Clock clock) {
    return new Builder(clock);
  }

  // ---------------------------------------------------------------------------------- raising

  /** Raises a problem by hand. With a signature, later incidents with it are linked while it is open. */
  public Either<CoexistError, Problem> raise(NewProblem request) {
    Objects.requireNonNull(request, "request");
    return book.write(txn -> {
      Instant at = clock.instant();
      Problem problem = Problem.builder()
          .id(nextId(txn))
          .title(request.title())
          .service(request.service())
          .signature(request.signature())
          .state(ProblemState.NEW)
          .impact(request.impact())
          .urgency(request.urgency())
          .priority(matrix.priority(request.impact(), request.urgency()))
          .incidents(request.incidents())
          .openedBy(request.raisedBy())
          .openedAt(at)
          .addActivity(new ProblemActivity(at, request.raisedBy(), Action.RAISED, ProblemState.NEW, "raised by hand"))
          .updatedAt(at)
          .build();
      return txn.commit(Step.of(problem, List.of(new ProblemEvent.Raised(problem, at)),
          AuditEvent.of(request.raisedBy(), "problem.raised", problem.id().value(), inputs(problem), "NEW")));
    }).map(book::latest);
  }

  /**
   * Takes note of an opened incident: links it to the open problem of its service and signature,
   * or raises one when it completes a recurrence. Returns the problem it now belongs to, if any.
   * Observing the same incident twice changes nothing.
   */
  public Either<CoexistError, Optional<Problem>> observe(Incident incident) {
    Objects.requireNonNull(incident, "incident");
    return book.write(txn -> recur(txn, incident)).map(found -> found.map(book::latest));
  }

  /** Links the incident to its open problem, or counts it towards a recurrence. Runs under the book's lock. */
  private Either<CoexistError, Optional<Problem>> recur(Transaction<ProblemId, Problem, ProblemEvent> txn,
      Incident incident) {
    String key = signatureKey(incident.service(), incident.signature());
    Optional<Problem> open = openBySignature.members(key).stream().map(txn::get).flatMap(Optional::stream)
        .min(OLDEST_FIRST);
    if (open.isPresent()) {
      if (open.get().incidents().contains(incident.id())) {
        return Either.right(open);
      }
      Either<CoexistError, Problem> linked = linked(open.get(), incident.id(), Actor.COEXIST,
          "same signature as the problem").flatMap(txn::commit);
      return linked.flatMap(problem -> problem.state() == ProblemState.RESOLVED
          ? reopenedByRecurrence(problem, incident).flatMap(txn::commit) : Either.right(problem)).map(Optional::of);
    }
    Recurrence before = recurrences.getOrDefault(key, new Recurrence(incident.service(), incident.signature(), List.of()));
    Recurrence seen = before.seen(new Recurrence.Sighting(incident.id(), incident.openedAt(), incident.impact(),
        incident.urgency()), incident.openedAt().minus(recurrence.window()));
    if (seen.sightings().size() < recurrence.threshold()) {
      counted(key, before, seen);
      return Either.right(Optional.empty());
    }
    Either<CoexistError, Problem> raised = raiseForRecurrence(txn, incident, seen.sightings());
    counted(key, before, raised.isRight() ? new Recurrence(seen.service(), seen.signature(), List.of()) : seen);
    return raised.map(Optional::of);
  }

  private void hold(String key, Recurrence r) {
    if (r.sightings().isEmpty()) {
      recurrences.remove(key);
    } else {
      recurrences.put(key, r);
    }
  }

  /** Holds {@code now} as the recurrence of {@code key} (none when empty), and keeps it if it changed. */
  private void counted(String key, Recurrence before, Recurrence now) {
    hold(key, now);
    if (!now.equals(before)) {
      recurrenceKeeper.accept(now);
    }
  }

  /** A listener for the incident desk that observes every opened incident; failures are logged. */
  public IncidentListener incidentListener() {
    return event -> {
      if (event instanceof IncidentEvent.Opened opened) {
        observe(opened.incident()).peekLeft(error -> LOG.error(
            "could not check incident {} for recurrence: {}", opened.id(), error.message()));
      }
    };
  }

  private Either<CoexistError, Problem> raiseForRecurrence(Transaction<ProblemId, Problem, ProblemEvent> txn,
      Incident latest, List<Recurrence.Sighting> seen) {
    Instant at = clock.instant();
    Impact impact = seen.stream().map(Recurrence.Sighting::impact).min(Enum::compareTo).orElse(latest.impact());
    Urgency urgency = seen.stream().map(Recurrence.Sighting::urgency).min(Enum::compareTo).orElse(latest.urgency());
    String why = seen.size() + " incidents with signature '" + latest.signature() + "' on " + latest.service()
        + " within " + DurationText.of(recurrence.window());
    Problem problem = Problem.builder()
        .id(nextId(txn))
        .title("Recurring: " + latest.title())
        .service(latest.service())
        .signature(latest.signature())
        .state(ProblemState.NEW)
        .impact(impact)
        .urgency(urgency)
        .priority(matrix.priority(impact, urgency))
        .incidents(seen.stream().map(Recurrence.Sighting::incident).toList())
        .openedBy(Actor.COEXIST)
        .openedAt(at)
        .addActivity(new ProblemActivity(at, Actor.COEXIST, Action.RAISED, ProblemState.NEW, why))
        .updatedAt(at)
        .build();
    Map<String, String> inputs = inputs(problem);
    inputs.put("incidents", String.join(",", seen.stream().map(s -> s.incident().value()).toList()));
    inputs.put("threshold", Integer.toString(recurrence.threshold()));
    inputs.put("window", recurrence.window().toString());
    return txn.commit(Step.of(problem, List.of(new ProblemEvent.Raised(problem, at)), AuditEvent.byPolicy(
        Actor.COEXIST, "problem.raised", problem.id().value(), RECURRENCE_POLICY, inputs, "NEW")));
  }

  // ---------------------------------------------------------------------------------- lifecycle

  /** Starts assessing a new problem. */
  public Either<CoexistError, Problem> assess(ProblemId id, Actor actor) {
    return move(id, Action.ASSESSED, ProblemState.ASSESS, actor, "assessment started", Map.of(), (b, at) -> b);
  }

  /** Starts root cause analysis of an assessed problem. */
  public Either<CoexistError, Problem> startAnalysis(ProblemId id, Actor actor) {
    return move(id, Action.ANALYSIS_STARTED, ProblemState.ROOT_CAUSE_ANALYSIS, actor, "root cause analysis started",
        Map.of(), (b, at) -> b);
  }

  /**
   * Records (or updates) the problem's root cause and workaround: it becomes a known error. Allowed
   * while it is assessed, analysed or being fixed; both texts are required.
   */
  public Either<CoexistError, Problem> recordKnownError(ProblemId id, String rootCause, String workaround, Actor actor) {
    Objects.requireNonNull(actor, "actor");
    Problems problemsFound = new Problems()
        .require(!Problems.isBlank(rootCause), "root cause is required")
        .require(!Problems.isBlank(workaround), "workaround is required");
    if (!problemsFound.isEmpty()) {
      return Either.left(new CoexistError.InvalidInput(problemsFound.list()));
    }
    return change(id, current -> {
      Instant at = clock.instant();
      KnownError known = new KnownError(rootCause.strip(), workaround.strip(), actor, at);
      return ProblemLifecycle.apply(current, Action.KNOWN_ERROR_RECORDED, current.state(), actor, at,
              "root cause: " + known.rootCause() + "; workaround: " + known.workaround(), (b, when) -> b.knownError(known))
          .map(next -> new Step<>(next, List.of(new ProblemEvent.KnownErrorRecorded(next, at)),
              audit(next, actor, Action.KNOWN_ERROR_RECORDED,
                  Map.of("rootCause", known.rootCause(), "workaround", known.workaround()), "known error")));
    });
  }

  /** Links the change that fixes the problem and starts the fix. */
  public Either<CoexistError, Problem> startFix(ProblemId id, ChangeId fix, Actor actor) {
    Objects.requireNonNull(fix, "fix");
    return move(id, Action.FIX_STARTED, ProblemState.FIX_IN_PROGRESS, actor, "fixed by change " + fix,
        Map.of("change", fix.value()), (b, at) -> b.fix(fix));
  }

  /** Resolves a problem whose fix is in, with notes. */
  public Either<CoexistError, Problem> resolve(ProblemId id, String notes, Actor actor) {
    return required(notes, "resolution notes").flatMap(n -> move(id, Action.RESOLVED, ProblemState.RESOLVED, actor,
        n, Map.of("notes", n), (b, at) -> b.resolvedAt(at).resolutionNotes(n)));
  }

  /** Sends a resolved problem, or one being fixed, back to root cause analysis: the fix did not hold. */
  public Either<CoexistError, Problem> reopen(ProblemId id, String reason, Actor actor) {
    return required(reason, "a reason to reopen").flatMap(r -> move(id, Action.REOPENED,
        ProblemState.ROOT_CAUSE_ANALYSIS, actor, r, Map.of("reason", r),
        (b, at) -> b.resolvedAt(Optional.empty()).resolutionNotes(Optional.empty())));
  }

  /**
   * Closes a problem. {@link Resolution#FIX_APPLIED} closes only a resolved problem; the other
   * resolutions close any problem that is not resolved yet.
   */
  public Either<CoexistError, Problem> close(ProblemId id, Resolution resolution, String notes, Actor actor) {
    Objects.requireNonNull(resolution, "resolution");
    return required(notes, "closing notes").flatMap(n -> change(id, current -> {
      if (!ProblemLifecycle.closes(resolution, current.state())) {
        return Either.left(new CoexistError.IllegalTransition("problem " + id, current.state().name(), "CLOSED",
            resolution == Resolution.FIX_APPLIED ? "a fix is applied only once the problem is resolved"
                : "a resolved problem closes with the fix applied, or goes back to analysis"));
      }
      Instant at = clock.instant();
      return ProblemLifecycle.apply(current, Action.CLOSED, ProblemState.CLOSED, actor, at,
              resolution.name().toLowerCase(Locale.ROOT) + ": " + n,
              (b, when) -> b.closedAt(when).resolution(resolution).resolutionNotes(n))
          .map(next -> step(current, next, actor, Action.CLOSED, Map.of("resolution", resolution.name(), "notes", n)));
    }));
  }

  /** Links an incident the problem causes. Linking one already linked changes nothing. */
  public Either<CoexistError, Problem> linkIncident(ProblemId id, IncidentId incident, Actor actor) {
    Objects.requireNonNull(incident, "incident");
    return change(id, current -> current.incidents().contains(incident)
        ? Either.right(Step.unchanged(current))
        : linked(current, incident, actor, "linked by hand"));
  }

  /**
   * A resolved problem whose incident came back: its fix did not hold, so it goes back to root
   * cause analysis (audited as {@code problem.reopened}, by policy, naming the incident).
   */
  private Either<CoexistError, Step<Problem, ProblemEvent>> reopenedByRecurrence(Problem resolved, Incident incident) {
    String reason = "incident " + incident.id() + " recurred after the problem was resolved: the fix did not hold";
    Map<String, String> inputs = inputs(resolved);
    inputs.put("incident", incident.id().value());
    inputs.put("reason", reason);
    return ProblemLifecycle.apply(resolved, Action.REOPENED, ProblemState.ROOT_CAUSE_ANALYSIS, Actor.COEXIST,
            clock.instant(), reason, (b, at) -> b.resolvedAt(Optional.empty()).resolutionNotes(Optional.empty()))
        .map(next -> Step.of(next, List.of(new ProblemEvent.Moved(next, next.updatedAt(), resolved.state())),
            AuditEvent.byPolicy(Actor.COEXIST, "problem.reopened", next.id().value(), RECURRENCE_POLICY, inputs,
                resolved.state() + " -> " + next.state())));
  }

  private Either<CoexistError, Step<Problem, ProblemEvent>> linked(Problem problem, IncidentId incident, Actor actor,
      String why) {
    Instant at = clock.instant();
    return ProblemLifecycle.apply(problem, Action.INCIDENT_LINKED, problem.state(), actor, at,
            "incident " + incident + " " + why, (b, when) -> b.addIncidents(incident))
        .map(next -> new Step<>(next, List.of(new ProblemEvent.IncidentLinked(next, at, incident)),
            audit(next, actor, Action.INCIDENT_LINKED, Map.of("incident", incident.value()), "linked")));
  }

  private Either<CoexistError, Problem> move(ProblemId id, Action action, ProblemState to, Actor actor, String detail,
      Map<String, String> inputs, BiFunction<Problem.Builder, Instant, Problem.Builder> change) {
    Objects.requireNonNull(actor, "actor");
    return change(id, current -> ProblemLifecycle.apply(current, action, to, actor, clock.instant(), detail, change)
        .map(next -> step(current, next, actor, action, inputs)));
  }

  private Step<Problem, ProblemEvent> step(Problem before, Problem after, Actor actor, Action action,
      Map<String, String> inputs) {
    return new Step<>(after, List.of(new ProblemEvent.Moved(after, after.updatedAt(), before.state())),
        audit(after, actor, action, inputs, before.state() + " -> " + after.state()));
  }

  private static Either<CoexistError, String> required(String text, String what) {
    return new Problems().require(!Problems.isBlank(text), what + " is required").toEither(() -> text.strip());
  }

  // ---------------------------------------------------------------------------------- reads

  /** The problem with this id, or {@link CoexistError.NotFound}. */
  public Either<CoexistError, Problem> problem(ProblemId id) {
    return book.read(view -> view.find(id));
  }

  /** Every problem, oldest first. */
  public List<Problem> problems() {
    return book.all();
  }

  /**
   * A page of problems in id order (oldest first): at most {@code limit} of those {@code filter}
   * accepts, after the problem {@code after} (from the first when empty). Reads only as far as
   * the page needs; {@code after} need not exist any more.
   */
  public List<Problem> problems(Optional<ProblemId> after, Predicate<? super Problem> filter, int limit) {
    return book.read(view -> inIdOrder.page(after, filter, limit));
  }

  /** The problems of {@code service} that are not closed: what change risk reads. */
  public List<Problem> openProblems(ServiceId service) {
    return book.read(view -> openByService.members(service).stream().map(id -> view.get(id).orElseThrow())
        .sorted(Comparator.comparing(Problem::openedAt).thenComparing(p -> p.id().value())).toList());
  }

  /** The open problems that are known errors, with their workarounds. */
  public List<Problem> knownErrors() {
    return problems().stream().filter(Problem::isKnownError).toList();
  }

  /** The problems whose record in the ITSM tool is behind, each with the error that stopped it. */
  public Map<ProblemId, CoexistError> unsynced() {
    return book.unsynced();
  }

  /** Tries again to mirror every problem that is behind; returns those still behind. */
  public Map<ProblemId, CoexistError> resync() {
    return book.resync();
  }

  // ---------------------------------------------------------------------------------- durable state

  /**
   * Puts back problems and recurrences as a store kept them ({@link Builder#keeper}, {@link
   * Builder#recurrenceKeeper}): for a store at start-up, or a standby catching up. An upsert: each
   * problem replaces the one with its id, or is added, oldest raised first; each recurrence
   * replaces the one of its service and signature (an empty one removes it). Every index is
   * rebuilt (open problems per service and per signature), problems the tool does not hold yet are
   * retried by the next {@link #resync()}, and the manager's own id counter continues above the
   * highest number restored. Nothing is audited, announced or kept again.
   */
  public void restore(Collection<KeptProblem> problems, Collection<Recurrence> counted) {
    List<KeptProblem> oldestFirst = problems.stream()
        .sorted(Comparator.comparing(KeptProblem::problem, OLDEST_FIRST)).toList();
    book.restore(oldestFirst, (txn, kept) -> {
      txn.restore(kept.problem(), kept.unsynced());
      ids.restored(kept.problem().id().value());
    });
    book.restore(counted, (txn, r) -> hold(signatureKey(r.service(), r.signature()), r));
  }

  // ---------------------------------------------------------------------------------- machinery

  private Either<CoexistError, Problem> change(ProblemId id,
      Function<Problem, Either<CoexistError, Step<Problem, ProblemEvent>>> step) {
    return book.update(id, step);
  }

  private Optional<AuditEvent> audit(Problem problem, Actor actor, Action action, Map<String, String> inputs,
      String outcome) {
    Map<String, String> all = inputs(problem);
    all.putAll(inputs);
    return Optional.of(AuditEvent.of(actor, "problem." + action.name().toLowerCase(Locale.ROOT).replace('_', '-'),
        problem.id().value(), all, outcome));
  }

  private static Map<String, String> inputs(Problem problem) {
    Map<String, String> inputs = new TreeMap<>();
    inputs.put("service", problem.service().value());
    inputs.put("priority", problem.priority().label());
    problem.signature().ifPresent(s -> inputs.put("signature", s));
    return inputs;
  }

  private ProblemId nextId(RecordView<ProblemId, Problem> view) {
    ProblemId id = ids.next();
    if (view.get(id).isPresent()) {
      throw new IllegalStateException("the problem id supplier returned " + id + ", which is already used");
    }
    return id;
  }

  private static String signatureKey(ServiceId service, String signature) {
    return service.value() + '\u0000' + signature;
  }

  /** Configures a {@link ProblemManager}; everything but the clock has a default. */
  public static final class Builder {
    private final Clock clock;
    private ProblemRecords records = new InMemoryProblemRecords();
    private Optional<Executor> workers = Optional.empty();
    private Durability durability = Durability.immediate();
    private ProblemListener listener = ProblemListener.noop();
    private AuditTrail audit;
    private PriorityMatrix matrix = PriorityMatrix.itil();
    private RecurrencePolicy recurrence = RecurrencePolicy.defaults();
    private IdSource<ProblemId> ids = IdSource.counting(ID_PREFIX, ProblemId::of);
    private Optional<Consumer<KeptProblem>> keeper = Optional.empty();
    private Consumer<Recurrence> recurrenceKeeper = r -> { };

    private Builder(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Where problems are mirrored; {@link InMemoryProblemRecords} unless set. */
    public Builder records(ProblemRecords records) {
      this.records = Objects.requireNonNull(records, "records");
      return this;
    }

    /**
     * Where problems are mirrored to the ITSM tool: on {@code workers}, so a command returns once it
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

    /** Who hears events; nobody unless set. */
    public Builder listener(ProblemListener listener) {
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

    /** When recurring incidents raise a problem; {@link RecurrencePolicy#defaults()} unless set. */
    public Builder recurrence(RecurrencePolicy policy) {
      this.recurrence = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Where new problem ids come from, whole; must never repeat. Unless this or {@link #numbers}
     * is set, the manager counts {@code PRB-00000001}, {@code PRB-00000002}, ... itself, continuing
     * after a {@link ProblemManager#restore restore} above the highest number restored.
     */
    public Builder ids(Supplier<ProblemId> ids) {
      this.ids = IdSource.given(ids);
      return this;
    }

    /**
     * Where the numbers of new problem ids come from ({@code PRB-} and the number, zero-padded to
     * eight digits): a sequence that never repeats, such as blocks a store reserves. Replaces
     * {@link #ids}.
     */
    public Builder numbers(LongSupplier next) {
      this.ids = IdSource.numbered(ID_PREFIX, ProblemId::of, next);
      return this;
    }

    /**
     * Who is handed every new state of a problem, with whether the tool holds it, on the thread
     * that produced it and possibly under the manager's lock: it must only take note (put the
     * record in a map), never block or call the manager. Nobody unless set.
     */
    public Builder keeper(Consumer<KeptProblem> keeper) {
      this.keeper = Optional.of(Objects.requireNonNull(keeper, "keeper"));
      return this;
    }

    /**
     * Who is handed every new state of a {@link Recurrence} (an empty one once it raised its
     * problem), under the same terms as {@link #keeper}. Nobody unless set.
     */
    public Builder recurrenceKeeper(Consumer<Recurrence> keeper) {
      this.recurrenceKeeper = Objects.requireNonNull(keeper, "keeper");
      return this;
    }

    /** The manager. */
    public ProblemManager build() {
      return new ProblemManager(this);
    }
  }
}
