package io.github.coexist.core.postmortem;

import io.github.coexist.core.audit.AuditEvent;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentDesk;
import io.github.coexist.core.incident.Priority;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.ServiceId;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Postmortems that are followed up: a postmortem is published with the action items its authors
 * commit to (owner, due date), each gets a ticket in the ITSM tool through {@link
 * ActionItemRecords}, and is followed until done or dropped. A P1 or major incident {@linkplain
 * #required requires} a postmortem: it may be resolved at once (restoring service comes first),
 * but the incident desk wired to this book does not close it until its postmortem is published,
 * and {@link #awaiting()} lists those still waiting. Open action items past their due date are
 * {@linkplain #overdue overdue}, which the {@code overdue-actions} risk factor counts against their
 * service's changes.
 *
 * <p>Every accepted command is audited. Thread-safe: commands are serialised; the ITSM tool is
 * called before the book's state changes, so a refused ticket changes nothing and the command can
 * be repeated (tickets are idempotent by key).
 */
public final class PostmortemBook {
  private final Clock clock;
  private final IncidentDesk desk;
  private final PostmortemDrafter drafter;
  private final ActionItemRecords tickets;
  private final Optional<AuditTrail> audit;
  private final Consumer<PublishedPostmortem> keeper;
  /** Guarded by {@code this}. */
  private final Map<IncidentId, PublishedPostmortem> published = new HashMap<>();

  private PostmortemBook(Builder b) {
    this.clock = b.clock;
    this.desk = b.desk;
    this.drafter = b.drafter;
    this.tickets = b.tickets;
    this.audit = Optional.ofNullable(b.audit);
    this.keeper = b.keeper;
  }

  /** A builder for a book of the incidents of {@code desk}, drafting with {@code drafter}. */
  public static Builder builder(Clock clock, IncidentDesk desk, PostmortemDrafter drafter) {
    return new Builder(clock, desk, drafter);
  }

  /** Whether {@code incident} needs a published postmortem before it closes: a P1, or a major incident. */
  public static boolean required(Incident incident) {
    return incident.priority() == Priority.CRITICAL || incident.major();
  }

  /**
   * Publishes the postmortem of incident {@code id}, resolved or closed, with the action items
   * {@code plans} commit to: the blameless draft as it stands now, each item tracked and given a
   * ticket in the ITSM tool. Every problem with the plans is reported at once ({@link
   * CoexistError.InvalidInput}: a blank title or one over {@value ActionPlan#MAX_TITLE}
   * characters, a due date not after now); an open incident, or one published already, is a
   * {@link CoexistError.Conflict}. A ticket the tool refuses fails the whole publication, which
   * can be repeated.
   */
  public Either<CoexistError, PublishedPostmortem> publish(IncidentId id, List<ActionPlan> plans, Actor by) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(plans, "plans");
    Objects.requireNonNull(by, "by");
    synchronized (this) {
      Instant now = clock.instant();
      Problems problems = new Problems();
      for (int i = 0; i < plans.size(); i++) {
        ActionPlan plan = plans.get(i);
        String title = plan.title().strip();
        problems.require(!title.isEmpty() && title.length() <= ActionPlan.MAX_TITLE, "action " + (i + 1)
            + ": a title of 1 to " + ActionPlan.MAX_TITLE + " characters is required, had " + title.length());
        problems.require(plan.due().isAfter(now), "action " + (i + 1) + ": due " + plan.due()
            + " is not after now (" + now + ")");
      }
      if (!problems.isEmpty()) {
        return Either.left(new CoexistError.InvalidInput(problems.list()));
      }
      if (published.containsKey(id)) {
        return Either.left(new CoexistError.Conflict("the postmortem of incident " + id + " is published already"));
      }
      return desk.incident(id).flatMap(incident -> incident.isOpen()
          ? Either.left(new CoexistError.Conflict("incident " + id + " is still open: its postmortem is published"
              + " once service is restored (resolve it first)"))
          : drafter.draft(id).flatMap(draft -> ticketed(incident, plans).flatMap(actions -> {
            PublishedPostmortem done = new PublishedPostmortem(draft, by, now, actions);
            Map<String, String> inputs = new TreeMap<>();
            inputs.put("priority", incident.priority().label());
            inputs.put("major", Boolean.toString(incident.major()));
            inputs.put("actions", Integer.toString(actions.size()));
            return recorded(AuditEvent.of(by, "postmortem.published", id.value(), inputs, "published"))
                .map(entry -> keep(done));
          })));
    }
  }

  /** The tracked actions of {@code plans}, each with its ticket; the first refusal stops them all. */
  private Either<CoexistError, List<TrackedAction>> ticketed(Incident incident, List<ActionPlan> plans) {
    List<TrackedAction> actions = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      ActionPlan plan = plans.get(i);
      TrackedAction action = new TrackedAction(incident.id().value() + "-A" + (i + 1), incident.id(),
          incident.service(), plan.title().strip(), plan.kind(), plan.owner(), plan.due(), TrackedAction.Status.OPEN,
          Optional.empty(), Optional.empty());
      Either<CoexistError, ExternalKey> ticket = tickets.ensure(action);
      if (ticket.isLeft()) {
        return Either.left(ticket.getLeft());
      }
      actions.add(action.withTicket(ticket.get()));
    }
    return Either.right(actions);
  }

  /** Marks action item {@code actionId} done, and its ticket with it. */
  public Either<CoexistError, TrackedAction> complete(String actionId, Actor by) {
    return finish(actionId, TrackedAction.Status.DONE, by, Map.of());
  }

  /** Drops action item {@code actionId}, saying why (superseded, no longer needed), and closes its ticket. */
  public Either<CoexistError, TrackedAction> drop(String actionId, String reason, Actor by) {
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      return Either.left(CoexistError.invalid("a reason to drop an action item is required"));
    }
    return finish(actionId, TrackedAction.Status.DROPPED, by, Map.of("reason", reason.strip()));
  }

  private synchronized Either<CoexistError, TrackedAction> finish(String actionId, TrackedAction.Status to, Actor by,
      Map<String, String> more) {
    Objects.requireNonNull(actionId, "actionId");
    Objects.requireNonNull(by, "by");
    Optional<PublishedPostmortem> holder = published.values().stream()
        .filter(p -> p.actions().stream().anyMatch(a -> a.id().equals(actionId))).findFirst();
    if (holder.isEmpty()) {
      return Either.left(new CoexistError.NotFound("action item", actionId));
    }
    TrackedAction current = holder.get().actions().stream().filter(a -> a.id().equals(actionId)).findFirst()
        .orElseThrow();
    if (current.status() != TrackedAction.Status.OPEN) {
      return Either.left(new CoexistError.Conflict("action item " + actionId + " is "
          + current.status().name().toLowerCase(java.util.Locale.ROOT) + " already"));
    }
    TrackedAction next = current.finished(to, clock.instant());
    Either<CoexistError, ?> ticket = next.ticket().<Either<CoexistError, ?>>map(key -> tickets.update(key, next))
        .orElseGet(() -> Either.right(next));
    if (ticket.isLeft()) {
      return Either.left(ticket.getLeft());
    }
    Map<String, String> inputs = new TreeMap<>(more);
    inputs.put("incident", next.incident().value());
    inputs.put("owner", next.owner().toString());
    inputs.put("due", next.due().toString());
    return recorded(AuditEvent.of(by, "postmortem.action-" + to.name().toLowerCase(java.util.Locale.ROOT),
        actionId, inputs, to.name())).map(entry -> {
          keep(holder.get().with(next));
          return next;
        });
  }

  private Either<CoexistError, ?> recorded(AuditEvent event) {
    return audit.<Either<CoexistError, ?>>map(trail -> trail.record(event)).orElseGet(() -> Either.right(event));
  }

  private PublishedPostmortem keep(PublishedPostmortem postmortem) {
    published.put(postmortem.incident(), postmortem);
    keeper.accept(postmortem);
    return postmortem;
  }

  /** The published postmortem of incident {@code id}, once there is one. */
  public synchronized Optional<PublishedPostmortem> postmortem(IncidentId id) {
    return Optional.ofNullable(published.get(id));
  }

  /** Whether the postmortem of incident {@code id} is published. */
  public synchronized boolean isPublished(IncidentId id) {
    return published.containsKey(id);
  }

  /** The open action items of {@code service} past their due date now, the longest overdue first. */
  public synchronized List<TrackedAction> overdue(ServiceId service) {
    Instant now = clock.instant();
    return published.values().stream().flatMap(p -> p.actions().stream())
        .filter(a -> a.service().equals(service) && a.overdueAt(now))
        .sorted(Comparator.comparing(TrackedAction::due).thenComparing(TrackedAction::id)).toList();
  }

  /**
   * The incidents that require a postmortem and have none published yet, once resolved: the ones
   * to chase (they stay resolved until it is), oldest first.
   */
  public List<Incident> awaiting() {
    List<Incident> all = desk.incidents();
    synchronized (this) {
      return all.stream().filter(i -> !i.isOpen() && required(i) && !published.containsKey(i.id())
          && i.canceledAt().isEmpty()).toList();
    }
  }

  /** Puts back postmortems as a store kept them ({@link Builder#keeper}); nothing is audited or kept again. */
  public synchronized void restore(Collection<PublishedPostmortem> kept) {
    kept.forEach(p -> published.put(p.incident(), p));
  }

  /** Builds a {@link PostmortemBook}. */
  public static final class Builder {
    private final Clock clock;
    private final IncidentDesk desk;
    private final PostmortemDrafter drafter;
    private ActionItemRecords tickets = new InMemoryActionItemRecords();
    private @Nullable AuditTrail audit;
    private Consumer<PublishedPostmortem> keeper = p -> { };

    private Builder(Clock clock, IncidentDesk desk, PostmortemDrafter drafter) {
      this.clock = Objects.requireNonNull(clock, "clock");
      this.desk = Objects.requireNonNull(desk, "desk");
      this.drafter = Objects.requireNonNull(drafter, "drafter");
    }

    /** Where action items get their tickets; in memory unless set. */
    public Builder tickets(ActionItemRecords tickets) {
      this.tickets = Objects.requireNonNull(tickets, "tickets");
      return this;
    }

    /** The audit trail every accepted command is recorded in; none unless set. */
    public Builder audit(AuditTrail audit) {
      this.audit = Objects.requireNonNull(audit, "audit");
      return this;
    }

    /**
     * Who keeps each new state of a published postmortem, for {@link PostmortemBook#restore}:
     * quick, never throwing. Nobody unless set.
     */
    public Builder keeper(Consumer<PublishedPostmortem> keeper) {
      this.keeper = Objects.requireNonNull(keeper, "keeper");
      return this;
    }

    /** The book. */
    public PostmortemBook build() {
      return new PostmortemBook(this);
    }
  }
}
