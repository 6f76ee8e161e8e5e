package io.github.coexist.core.catalog;

import io.github.coexist.core.audit.AuditEvent;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.catalog.RequestActivity.Action;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.internal.records.IdSource;
import io.github.coexist.core.internal.records.RecordBook;
import io.github.coexist.core.internal.records.Step;
import io.github.coexist.core.internal.records.RecordView;
import io.github.coexist.core.kernel.Actor;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.NullUnmarked;

/**
 * Takes catalog requests from submission to fulfilment: validates the answers against the item's
 * fields (listing every problem), gets them approved by one of the item's approvers (or approves
 * them itself when the item needs no approval), creates the fulfilment tasks and fulfils the
 * request when the last task is done.
 *
 * <p>Every accepted command is recorded in the audit trail (when one is given) before it takes
 * effect. Thread-safe: commands are serialised; the listener hears a command's events after it,
 * outside the desk's lock and in the order the commands took effect. A desk given a {@linkplain
 * Builder#keeper keeper} hands it every new state of a request; a new desk {@linkplain #restore
 * restored} from the latest of each behaves as the one that kept them.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public final class RequestDesk {
  private static final Logger LOG = LoggerFactory.getLogger(RequestDesk.class);
  private static final String NO_APPROVAL_POLICY = "catalog-no-approval-v1";
  private static final String ID_PREFIX = "REQ-";

  private final Clock clock;
  private final Catalog catalog;
  private final IdSource<RequestId> ids;
  private final RecordBook<RequestId, ServiceRequest, RequestEvent> book;

  private RequestDesk(Builder b) {
    this.clock = b.clock;
    this.catalog = b.catalog;
    this.ids = b.ids;
    RecordBook.Builder<RequestId, ServiceRequest, RequestEvent> book =
        RecordBook.<RequestId, ServiceRequest, RequestEvent>builder("request", ServiceRequest::id)
            .audit(Optional.ofNullable(b.audit)).listener(b.listener::on);
    b.keeper.ifPresent(keeper -> book.keeper((request, unsynced) -> keeper.accept(request)));
    this.book = book.build();
  }

  /** A builder for a desk taking requests for the items of {@code catalog}, timed by {@code clock}. */
  public static Builder builder(Clock clock, Catalog catalog) {
    return new Builder(clock, catalog);
  }

  /**
   * Submits a request for {@code item} with the requester's answers. Refuses with {@link
   * CoexistError.InvalidInput} listing every missing required field, unknown field and invalid
   * value. A request for an item that needs no approval is approved at once by coexist.
   */
  public Either<CoexistError, ServiceRequest> submit(CatalogItemId item, Actor requester, Map<String, String> answers) {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(answers, "answers");
    return catalog.item(item).flatMap(found -> validate(found, answers).flatMap(valid -> book.write(txn -> {
      Instant at = clock.instant();
      RequestId id = nextId(txn);
      ServiceRequest submitted = ServiceRequest.builder()
          .id(id)
          .item(found)
          .requester(requester)
          .answers(valid)
          .state(RequestState.SUBMITTED)
          .submittedAt(at)
          .addActivity(new RequestActivity(at, requester, Action.SUBMITTED, RequestState.SUBMITTED,
              found.approval().required() ? "waiting for approval by " + approvers(found) : "no approval needed"))
          .updatedAt(at)
          .build();
      Map<String, String> inputs = new TreeMap<>(valid);
      inputs.put("item", found.id().value());
      Either<CoexistError, ServiceRequest> done = txn.commit(Step.of(submitted,
          List.of(new RequestEvent.Submitted(submitted, at)),
          AuditEvent.of(requester, "request.submitted", id.value(), inputs, "SUBMITTED")));
      if (done.isLeft() || found.approval().required()) {
        return done;
      }
      return done.flatMap(r -> approveAs(r, Actor.COEXIST, "no approval needed", true)).flatMap(txn::commit);
    })));
  }

  private static Either<CoexistError, Map<String, String>> validate(CatalogItem item, Map<String, String> answers) {
    Problems problems = new Problems();
    Map<String, String> valid = new TreeMap<>();
    for (FieldSpec field : item.fields()) {
      String answer = answers.get(field.name());
      if (Problems.isBlank(answer)) {
        problems.require(!field.required(), field.name() + " is required");
        continue;
      }
      field.problemWith(answer).ifPresentOrElse(problems::add, () -> valid.put(field.name(), answer.strip()));
    }
    answers.keySet().stream().sorted()
        .filter(name -> item.fields().stream().noneMatch(f -> f.name().equals(name)))
        .forEach(name -> problems.add(name + " is not a field of " + item.id()));
    return problems.toEither(() -> valid);
  }

  /**
   * Approves a submitted request; {@code approver} must be one of the item's approvers and not the
   * requester. A request for an item needing no approval is approved by {@link Actor#COEXIST}.
   */
  public Either<CoexistError, ServiceRequest> approve(RequestId id, Actor approver) {
    Objects.requireNonNull(approver, "approver");
    return change(id, current -> approveAs(current, approver, "approved", false));
  }

  private Either<CoexistError, Step<ServiceRequest, RequestEvent>> approveAs(ServiceRequest current, Actor approver,
      String detail, boolean byPolicy) {
    if (!byPolicy) {
      Optional<CoexistError> forbidden = mayDecide(current, approver);
      if (forbidden.isPresent()) {
        return Either.left(forbidden.get());
      }
    }
    Instant at = clock.instant();
    return move(current, Action.APPROVED, RequestState.APPROVED, approver, at, detail,
        b -> b.approvedBy(approver).approvedAt(at))
        .map(next -> Step.of(next, List.of(new RequestEvent.Approved(next, at)), byPolicy
            ? AuditEvent.byPolicy(approver, "request.approved", next.id().value(), NO_APPROVAL_POLICY,
                Map.of("item", next.item().id().value()), "SUBMITTED -> APPROVED")
            : audit(current, next, approver, Map.of())));
  }

  /** Rejects a submitted request, saying why; {@code approver} must be one of the item's approvers. */
  public Either<CoexistError, ServiceRequest> reject(RequestId id, Actor approver, String reason) {
    Objects.requireNonNull(approver, "approver");
    return required(reason, "a reason to reject").flatMap(r -> change(id, current -> {
      Optional<CoexistError> forbidden = mayDecide(current, approver);
      if (forbidden.isPresent()) {
        return Either.left(forbidden.get());
      }
      Instant at = clock.instant();
      return move(current, Action.REJECTED, RequestState.REJECTED, approver, at, r, b -> b.reason(r).endedAt(at))
          .map(next -> Step.of(next, List.of(new RequestEvent.Rejected(next, at)),
              audit(current, next, approver, Map.of("reason", r))));
    }));
  }

  private Optional<CoexistError> mayDecide(ServiceRequest request, Actor actor) {
    if (!request.item().approval().required() && actor.equals(Actor.COEXIST)) {
      return Optional.empty(); // coexist approves what needs no approval, again if the first attempt failed
    }
    if (actor.equals(request.requester())) {
      return Optional.of(new CoexistError.Forbidden(actor + " requested " + request.id() + " and cannot decide on it"));
    }
    if (!request.item().approval().approvers().contains(actor)) {
      return Optional.of(new CoexistError.Forbidden(actor + " is not an approver of " + request.item().id()
          + "; approvers are " + approvers(request.item())));
    }
    return Optional.empty();
  }

  /** Starts fulfilling an approved request: its item's tasks are created, open. */
  public Either<CoexistError, ServiceRequest> startFulfilment(RequestId id, Actor actor) {
    Objects.requireNonNull(actor, "actor");
    return change(id, current -> {
      Instant at = clock.instant();
      List<FulfilmentTask> tasks = current.item().tasks().stream().map(FulfilmentTask::open).toList();
      String detail = tasks.isEmpty() ? "no tasks" : tasks.size() + " tasks: "
          + tasks.stream().map(t -> t.name() + " (" + t.team() + ")").collect(Collectors.joining(", "));
      return move(current, Action.FULFILMENT_STARTED, RequestState.IN_FULFILMENT, actor, at, detail, b -> b.tasks(tasks))
          .map(next -> Step.of(next, List.of(new RequestEvent.FulfilmentStarted(next, at)),
              audit(current, next, actor, Map.of())));
    });
  }

  /**
   * Marks one fulfilment task done; when it is the last one, the request is fulfilled. Completing
   * a task already done changes nothing.
   */
  public Either<CoexistError, ServiceRequest> completeTask(RequestId id, String task, Actor actor) {
    Objects.requireNonNull(actor, "actor");
    return book.write(txn -> txn.find(id).flatMap(current -> {
      if (current.state() != RequestState.IN_FULFILMENT) {
        return Either.left(new CoexistError.IllegalTransition("request " + id, current.state().name(),
            current.state().name(), "tasks are done while the request is in fulfilment"));
      }
      Optional<FulfilmentTask> found = current.tasks().stream().filter(t -> t.name().equals(task)).findFirst();
      if (found.isEmpty()) {
        return Either.left(new CoexistError.NotFound("task of request " + id, String.valueOf(task)));
      }
      if (found.get().isDone()) {
        return Either.right(current);
      }
      Instant at = clock.instant();
      List<FulfilmentTask> tasks = current.tasks().stream()
          .map(t -> t.name().equals(task) ? t.done(actor, at) : t).toList();
      ServiceRequest next = ServiceRequest.builder().from(current).tasks(tasks)
          .addActivity(new RequestActivity(at, actor, Action.TASK_DONE, current.state(), task))
          .updatedAt(at).build();
      Either<CoexistError, ServiceRequest> done = txn.commit(Step.of(next, List.of(),
          AuditEvent.of(actor, "request.task-done", id.value(), Map.of("task", task), task + " done")));
      return next.openTasks().isEmpty() ? done.flatMap(r -> fulfilled(r, actor)).flatMap(txn::commit) : done;
    }));
  }

  /** Fulfils a request in fulfilment whose tasks are all done (or that has none). */
  public Either<CoexistError, ServiceRequest> fulfil(RequestId id, Actor actor) {
    Objects.requireNonNull(actor, "actor");
    return change(id, current -> current.openTasks().isEmpty() || current.state() != RequestState.IN_FULFILMENT
        ? fulfilled(current, actor)
        : Either.left(new CoexistError.IllegalTransition("request " + id, current.state().name(), "FULFILLED",
            current.openTasks().size() + " tasks are still open")));
  }

  private Either<CoexistError, Step<ServiceRequest, RequestEvent>> fulfilled(ServiceRequest current, Actor actor) {
    Instant at = clock.instant();
    return move(current, Action.FULFILLED, RequestState.FULFILLED, actor, at, "fulfilled", b -> b.fulfilledAt(at))
        .map(next -> Step.of(next, List.of(new RequestEvent.Fulfilled(next, at)),
            audit(current, next, actor, Map.of())));
  }

  /** Cancels a request that is not finished yet, saying why. */
  public Either<CoexistError, ServiceRequest> cancel(RequestId id, String reason, Actor actor) {
    Objects.requireNonNull(actor, "actor");
    return required(reason, "a reason to cancel").flatMap(r -> change(id, current -> {
      Instant at = clock.instant();
      return move(current, Action.CANCELED, RequestState.CANCELED, actor, at, r, b -> b.reason(r).endedAt(at))
          .map(next -> Step.of(next, List.of(new RequestEvent.Canceled(next, at)),
              audit(current, next, actor, Map.of("reason", r))));
    }));
  }

  /** The request with this id, or {@link CoexistError.NotFound}. */
  public Either<CoexistError, ServiceRequest> request(RequestId id) {
    return book.read(view -> view.find(id));
  }

  /** Every request, oldest first. */
  public List<ServiceRequest> requests() {
    return book.all();
  }

  /**
   * Puts back requests as a store kept them ({@link Builder#keeper}): for a store at start-up, or
   * a standby catching up. An upsert: each replaces the request with its id, or is added, oldest
   * submitted first; the desk's own id counter continues above the highest number restored.
   * Nothing is audited, announced or kept again.
   */
  public void restore(Collection<ServiceRequest> records) {
    List<ServiceRequest> oldestFirst = records.stream().sorted(Comparator.comparing(ServiceRequest::submittedAt)
        .thenComparing(r -> r.id().value(), IdSource.NATURAL)).toList();
    book.restore(oldestFirst, (txn, request) -> {
      txn.restore(request, Optional.empty());
      ids.restored(request.id().value());
    });
  }

  // ---------------------------------------------------------------------------------- machinery

  private static Either<CoexistError, ServiceRequest> move(ServiceRequest current, Action action, RequestState to,
      Actor actor, Instant at, String detail, Function<ServiceRequest.Builder, ServiceRequest.Builder> change) {
    if (!current.state().canMoveTo(to)) {
      return Either.left(new CoexistError.IllegalTransition("request " + current.id(), current.state().name(),
          to.name(), current.state().isTerminal() ? "the request is finished"
              : "a " + current.state().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " request moves to "
                  + current.state().next()));
    }
    return Either.right(change.apply(ServiceRequest.builder().from(current))
        .state(to)
        .addActivity(new RequestActivity(at, actor, action, to, detail))
        .updatedAt(at)
        .build());
  }

  /** Applies {@code step} to request {@code id} under the book's lock; its events are delivered after. */
  private Either<CoexistError, ServiceRequest> change(RequestId id,
      Function<ServiceRequest, Either<CoexistError, Step<ServiceRequest, RequestEvent>>> step) {
    return book.update(id, step);
  }

  private static AuditEvent audit(ServiceRequest before, ServiceRequest after, Actor actor, Map<String, String> inputs) {
    Map<String, String> all = new TreeMap<>(inputs);
    all.put("item", after.item().id().value());
    String action = after.activity().get(after.activity().size() - 1).action().name().toLowerCase(Locale.ROOT)
        .replace('_', '-');
    return AuditEvent.of(actor, "request." + action, after.id().value(), all, before.state() + " -> " + after.state());
  }

  private static Either<CoexistError, String> required(String text, String what) {
    return new Problems().require(!Problems.isBlank(text), what + " is required").toEither(() -> text.strip());
  }

  private static String approvers(CatalogItem item) {
    List<String> names = new ArrayList<>();
    item.approval().approvers().forEach(a -> names.add(a.toString()));
    return String.join(", ", names);
  }

  private RequestId nextId(RecordView<RequestId, ServiceRequest> view) {
    RequestId id = ids.next();
    if (view.get(id).isPresent()) {
      throw new IllegalStateException("the request id supplier returned " + id + ", which is already used");
    }
    return id;
  }

  /** Configures a {@link RequestDesk}; everything but the clock and the catalog has a default. */
  public static final class Builder {
    private final Clock clock;
    private final Catalog catalog;
    private RequestListener listener = RequestListener.noop();
    private AuditTrail audit;
    private IdSource<RequestId> ids = IdSource.counting(ID_PREFIX, RequestId::of);
    private Optional<Consumer<ServiceRequest>> keeper = Optional.empty();

    private Builder(Clock clock, Catalog catalog) {
      this.clock = Objects.requireNonNull(clock, "clock");
      this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** Who hears events; nobody unless set. */
    public Builder listener(RequestListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The audit trail every accepted command is recorded in; none unless set. */
    public Builder audit(AuditTrail audit) {
      this.audit = Objects.requireNonNull(audit, "audit");
      return this;
    }

    /**
     * Where new request ids come from, whole; must never repeat. Unless this or {@link #numbers}
     * is set, the desk counts {@code REQ-00000001}, {@code REQ-00000002}, ... itself, continuing
     * after a {@link RequestDesk#restore restore} above the highest number restored.
     */
    public Builder ids(Supplier<RequestId> ids) {
      this.ids = IdSource.given(ids);
      return this;
    }

    /**
     * Where the numbers of new request ids come from ({@code REQ-} and the number, zero-padded to
     * eight digits): a sequence that never repeats, such as blocks a store reserves. Replaces
     * {@link #ids}.
     */
    public Builder numbers(LongSupplier next) {
      this.ids = IdSource.numbered(ID_PREFIX, RequestId::of, next);
      return this;
    }

    /**
     * Who is handed every new state of a request, on the thread that produced it and possibly
     * under the desk's lock: it must only take note, never block or call the desk. Nobody unless set.
     */
    public Builder keeper(Consumer<ServiceRequest> keeper) {
      this.keeper = Optional.of(Objects.requireNonNull(keeper, "keeper"));
      return this;
    }

    /** The desk. */
    public RequestDesk build() {
      return new RequestDesk(this);
    }
  }
}
