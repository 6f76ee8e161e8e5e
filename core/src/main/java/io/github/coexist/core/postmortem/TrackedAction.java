package io.github.coexist.core.postmortem;

import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An action item of a published postmortem, followed up until it is done: who owns it, when it is
 * due, where it stands, and the ticket the ITSM tool keeps for it.
 *
 * @param id its id, {@code <incident>-A<n>} ({@code INC-7-A1})
 * @param incident the incident whose postmortem asked for it
 * @param service the service it concerns
 * @param title what to do, phrased about systems and processes
 * @param kind what sort of work it is
 * @param owner the team that owns it
 * @param due when it is due
 * @param status where it stands
 * @param ticket where the ITSM tool keeps it, once it does
 * @param doneAt when it was done or dropped, once it was
 */
public record TrackedAction(
    String id,
    IncidentId incident,
    ServiceId service,
    String title,
    ActionItem.Kind kind,
    TeamId owner,
    Instant due,
    Status status,
    Optional<ExternalKey> ticket,
    Optional<Instant> doneAt) {

  /** Where an action item stands. */
  public enum Status {
    /** Still to do. */
    OPEN,
    /** Done. */
    DONE,
    /** Dropped, with a reason (no longer needed, superseded). */
    DROPPED
  }

  public TrackedAction {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(due, "due");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(doneAt, "doneAt");
  }

  /** Whether it is still open after its due date, at {@code now}. */
  public boolean overdueAt(Instant now) {
    return status == Status.OPEN && now.isAfter(due);
  }

  /** The key its ticket is created under in the ITSM tool: {@code coexist:action:<id>}. */
  public IdempotencyKey recordKey() {
    return IdempotencyKey.of("coexist:action:" + id);
  }

  /** This action with its ticket. */
  public TrackedAction withTicket(ExternalKey key) {
    return new TrackedAction(id, incident, service, title, kind, owner, due, status, Optional.of(key), doneAt);
  }

  /** This action finished as {@code to} at {@code at}. */
  public TrackedAction finished(Status to, Instant at) {
    return new TrackedAction(id, incident, service, title, kind, owner, due, to, ticket, Optional.of(at));
  }
}
