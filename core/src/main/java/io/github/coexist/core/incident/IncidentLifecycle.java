package io.github.coexist.core.incident;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.IncidentActivity.Action;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.TeamId;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The incident lifecycle as pure functions: a snapshot and a command in, the next snapshot (with
 * its activity entry) or the reason the command is refused out. The desk adds locking, audit,
 * mirroring and events around these.
 */
final class IncidentLifecycle {
  private IncidentLifecycle() {}

  /** A new incident opened by a person. */
  static Incident open(IncidentId id, NewIncident report, Optional<TeamId> team, Priority priority,
      Optional<CausedBy> cause, Instant at) {
    return Incident.builder()
        .id(id)
        .title(report.title())
        .description(report.description())
        .service(report.service())
        .state(IncidentState.NEW)
        .impact(report.impact())
        .urgency(report.urgency())
        .priority(priority)
        .major(report.major())
        .assignmentGroup(team)
        .signature(report.signature())
        .openedBy(report.reporter())
        .openedAt(at)
        .causedBy(cause)
        .addActivity(new IncidentActivity(at, report.reporter(), Action.OPENED, IncidentState.NEW,
            opening(team, report.major())))
        .updatedAt(at)
        .build();
  }

  /** A new incident opened by a firing alert. */
  static Incident open(IncidentId id, Alert alert, Optional<TeamId> team, Priority priority, Instant at) {
    Actor monitor = Actor.system(alert.source());
    return Incident.builder()
        .id(id)
        .title(alert.summary())
        .service(alert.service())
        .state(IncidentState.NEW)
        .impact(alert.effectiveImpact())
        .urgency(alert.effectiveUrgency())
        .priority(priority)
        .assignmentGroup(team)
        .signature(alert.signature())
        .openedBy(monitor)
        .openedAt(at)
        .alerts(AlertTrace.first(alert))
        .addActivity(new IncidentActivity(at, monitor, Action.OPENED, IncidentState.NEW,
            "alert " + alert.correlationKey() + " fired (" + alert.severity().name().toLowerCase(Locale.ROOT)
                + "); " + opening(team, false)))
        .updatedAt(at)
        .build();
  }

  private static String opening(Optional<TeamId> team, boolean major) {
    return team.map(t -> "assigned to " + t).orElse("unassigned: the service is not in the service directory")
        + (major ? "; declared major" : "");
  }

  /**
   * Applies a lifecycle move. Each action has the states it may start from; anything else is an
   * {@link CoexistError.IllegalTransition} saying why.
   */
  static Either<CoexistError, Incident> move(Incident incident, Action action, Actor actor,
      Instant at, String detail) {
    Move move = Move.of(action);
    if (!move.from.contains(incident.state()) && !reopenedUnacknowledged(incident, action)) {
      return Either.left(new CoexistError.IllegalTransition("incident " + incident.id(),
          incident.state().name(), move.to.name(), move.rule));
    }
    Incident.Builder next = Incident.builder().from(incident).state(move.to);
    switch (action) {
      case ACKNOWLEDGED -> next.acknowledgedAt(at);
      case HELD -> next.holdReason(detail);
      case RESUMED -> next.holdReason(Optional.empty());
      case RESOLVED -> next.resolvedAt(at).resolution(detail).holdReason(Optional.empty());
      case REOPENED -> next.resolvedAt(Optional.empty()).resolution(Optional.empty())
          .reopenCount(incident.reopenCount() + 1);
      case CLOSED -> next.closedAt(at);
      case CANCELED -> next.canceledAt(at).resolution(detail).holdReason(Optional.empty());
      default -> throw new IllegalArgumentException(action + " is not a lifecycle move");
    }
    return Either.right(next
        .addActivity(new IncidentActivity(at, actor, action, move.to, detail))
        .updatedAt(at)
        .build());
  }

  /**
   * Whether {@code action} acknowledges an incident that a firing alert reopened before anybody
   * acknowledged it: it is in progress again, but somebody must still respond to it.
   */
  private static boolean reopenedUnacknowledged(Incident incident, Action action) {
    return action == Action.ACKNOWLEDGED && incident.state() == IncidentState.IN_PROGRESS
        && incident.acknowledgedAt().isEmpty();
  }

  /** A change that keeps the state: assignment, priority, major flag, cause, alert notes. */
  static Incident note(Incident incident, Action action, Actor actor, Instant at, String detail,
      UnaryOperator<Incident.Builder> change) {
    return change.apply(Incident.builder().from(incident))
        .addActivity(new IncidentActivity(at, actor, action, incident.state(), detail))
        .updatedAt(at)
        .build();
  }

  /** Refuses commands on closed or canceled incidents (and, unless {@code resolvedToo}, resolved ones). */
  static Optional<CoexistError> requireOpen(Incident incident, String what, boolean resolvedToo) {
    boolean allowed = incident.isOpen() || (resolvedToo && incident.state() == IncidentState.RESOLVED);
    return allowed ? Optional.empty() : Optional.of(new CoexistError.IllegalTransition(
        "incident " + incident.id(), incident.state().name(), incident.state().name(),
        what + " needs an open incident"));
  }

  /** The states each lifecycle action starts from and leads to. */
  private record Move(Set<IncidentState> from, IncidentState to, String rule) {
    static Move of(Action action) {
      return switch (action) {
        case ACKNOWLEDGED -> new Move(EnumSet.of(IncidentState.NEW), IncidentState.IN_PROGRESS,
            "only a new incident, or one reopened before anybody acknowledged it, can be acknowledged");
        case HELD -> new Move(EnumSet.of(IncidentState.IN_PROGRESS), IncidentState.ON_HOLD,
            "only an incident in progress can be put on hold");
        case RESUMED -> new Move(EnumSet.of(IncidentState.ON_HOLD), IncidentState.IN_PROGRESS,
            "only an incident on hold can be resumed");
        case RESOLVED -> new Move(EnumSet.of(IncidentState.NEW, IncidentState.IN_PROGRESS, IncidentState.ON_HOLD),
            IncidentState.RESOLVED, "only an open incident can be resolved");
        case REOPENED -> new Move(EnumSet.of(IncidentState.RESOLVED), IncidentState.IN_PROGRESS,
            "only a resolved incident can be reopened; a closed one is final");
        case CLOSED -> new Move(EnumSet.of(IncidentState.RESOLVED), IncidentState.CLOSED,
            "only a resolved incident can be closed");
        case CANCELED -> new Move(EnumSet.of(IncidentState.NEW, IncidentState.IN_PROGRESS, IncidentState.ON_HOLD),
            IncidentState.CANCELED, "only an open incident can be canceled");
        default -> throw new IllegalArgumentException(action + " is not a lifecycle move");
      };
    }
  }
}
