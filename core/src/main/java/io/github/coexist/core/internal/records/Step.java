package io.github.coexist.core.internal.records;

import io.github.coexist.core.audit.AuditEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Not API. One accepted command on one record: the snapshot after it, the events it raises and
 * its audit entry, when it has one.
 *
 * @param <R> the record type
 * @param <E> the event type
 * @param after the record as it is after the command
 * @param events what listeners hear, in order
 * @param audit what the audit trail records first; without it the step is stored unaudited
 */
public record Step<R, E>(R after, List<E> events, Optional<AuditEvent> audit) {
  public Step {
    Objects.requireNonNull(after, "after");
    events = List.copyOf(events);
    Objects.requireNonNull(audit, "audit");
  }

  /** An audited step. */
  public static <R, E> Step<R, E> of(R after, List<E> events, AuditEvent audit) {
    return new Step<>(after, events, Optional.of(audit));
  }

  /** A step that changes nothing: the book leaves the record and its mirror alone. */
  public static <R, E> Step<R, E> unchanged(R record) {
    return new Step<>(record, List.of(), Optional.empty());
  }
}
