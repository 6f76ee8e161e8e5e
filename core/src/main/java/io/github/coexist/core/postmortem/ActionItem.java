package io.github.coexist.core.postmortem;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.problem.NewProblem;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.vavr.control.Either;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.NullUnmarked;

/**
 * Something to do so the incident does not happen again, or hurts less: a problem to investigate,
 * a change to make, or an improvement to the way of working.
 *
 * @param kind what it would become
 * @param title what to do, phrased about systems and processes
 * @param service the service it concerns
 * @param owner the team suggested to own it
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public record ActionItem(Kind kind, String title, ServiceId service, Optional<TeamId> owner) {

  /** What an action item would become. */
  public enum Kind {
    /** A problem to raise: a cause to find and remove. */
    PROBLEM,
    /** A change to make to a system or a pipeline. */
    CHANGE,
    /** An improvement to monitoring, routing or the on-call process. */
    IMPROVEMENT
  }

  public ActionItem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(owner, "owner");
  }

  /**
   * This item as a problem to raise with the problem manager: its title, the incident's service,
   * impact, urgency and signature, and the incident linked.
   */
  public Either<CoexistError, NewProblem> toProblem(Incident incident, Actor raisedBy) {
    return NewProblem.builder()
        .title(title)
        .service(service.value())
        .impact(incident.impact().level())
        .urgency(incident.urgency().level())
        .signature(service.equals(incident.service()) ? incident.signature() : null)
        .incident(incident.id())
        .raisedBy(raisedBy)
        .build();
  }
}
