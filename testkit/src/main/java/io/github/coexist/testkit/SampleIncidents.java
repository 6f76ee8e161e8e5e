package io.github.coexist.testkit;

import io.github.coexist.core.feedback.SurveyResponse;
import io.github.coexist.core.feedback.Ticket;
import io.github.coexist.core.incident.CausedBy;
import io.github.coexist.core.incident.Impact;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentActivity;
import io.github.coexist.core.incident.IncidentState;
import io.github.coexist.core.incident.PriorityMatrix;
import io.github.coexist.core.incident.Urgency;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kernel.ProblemId;
import io.github.coexist.core.problem.KnownError;
import io.github.coexist.core.problem.Problem;
import io.github.coexist.core.problem.ProblemActivity;
import io.github.coexist.core.problem.ProblemState;
import io.github.coexist.core.problem.Resolution;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Valid incident, problem and feedback values for kits and adapter tests: service {@code shop},
 * owned by {@code team-shop}, at a fixed instant in whole seconds (as ITSM tools keep them).
 * Each helper returns a snapshot as coexist would hold it; tests derive later snapshots from it.
 */
public final class SampleIncidents {
  /** The instant sample incidents are opened at. */
  public static final Instant OPENED = Instant.parse("2025-03-04T10:00:00Z").truncatedTo(ChronoUnit.SECONDS);
  /** The person who acts in samples. */
  public static final Actor RESPONDER = Actor.person("kit-responder");

  private SampleIncidents() {}

  /** A new incident {@code id} on {@code shop} with the given impact and urgency and the ITIL priority. */
  public static Incident incident(String id, Impact impact, Urgency urgency) {
    return Incident.builder()
        .id(IncidentId.of(id))
        .title("Checkout fails (" + id + ")")
        .service(ServiceId.of("shop"))
        .state(IncidentState.NEW)
        .impact(impact)
        .urgency(urgency)
        .priority(PriorityMatrix.itil().priority(impact, urgency))
        .assignmentGroup(TeamId.of("team-shop"))
        .signature("kit/checkout-fails")
        .openedBy(RESPONDER)
        .openedAt(OPENED)
        .addActivity(new IncidentActivity(OPENED, RESPONDER, IncidentActivity.Action.OPENED, IncidentState.NEW, ""))
        .updatedAt(OPENED)
        .build();
  }

  /** {@code incident} moved to {@code state} a minute after its last change, with the timestamps that state implies. */
  public static Incident moved(Incident incident, IncidentState state) {
    Instant at = incident.updatedAt().plusSeconds(60);
    Incident.Builder next = Incident.builder().from(incident).state(state).updatedAt(at);
    switch (state) {
      case IN_PROGRESS -> next.acknowledgedAt(incident.acknowledgedAt().orElse(at)).resolvedAt(Optional.empty())
          .holdReason(Optional.empty());
      case ON_HOLD -> next.holdReason("waiting for a vendor");
      case RESOLVED -> next.resolvedAt(at).resolution("restarted").holdReason(Optional.empty());
      case CLOSED -> next.closedAt(at).resolvedAt(incident.resolvedAt().orElse(at));
      case CANCELED -> next.canceledAt(at).resolution("duplicate").holdReason(Optional.empty());
      case NEW -> { }
    }
    return next.addActivity(new IncidentActivity(at, RESPONDER, action(state), state, "")).build();
  }

  private static IncidentActivity.Action action(IncidentState state) {
    return switch (state) {
      case NEW -> IncidentActivity.Action.OPENED;
      case IN_PROGRESS -> IncidentActivity.Action.ACKNOWLEDGED;
      case ON_HOLD -> IncidentActivity.Action.HELD;
      case RESOLVED -> IncidentActivity.Action.RESOLVED;
      case CLOSED -> IncidentActivity.Action.CLOSED;
      case CANCELED -> IncidentActivity.Action.CANCELED;
    };
  }

  /** {@code incident} with new impact and urgency and the priority they give. */
  public static Incident reprioritised(Incident incident, Impact impact, Urgency urgency) {
    return Incident.builder().from(incident).impact(impact).urgency(urgency)
        .priority(PriorityMatrix.itil().priority(impact, urgency)).build();
  }

  /** {@code incident} declared major. */
  public static Incident major(Incident incident) {
    return Incident.builder().from(incident).major(true).build();
  }

  /** {@code incident} with change {@code change}, kept in the tool under {@code record}, as its cause. */
  public static Incident causedBy(Incident incident, String change, ExternalKey record) {
    return Incident.builder().from(incident).causedBy(new CausedBy(Optional.of(ChangeId.of(change)),
        Optional.empty(), Optional.of(record), RESPONDER, incident.updatedAt())).build();
  }

  /** A new problem {@code id} on {@code shop}, impact and urgency medium. */
  public static Problem problem(String id) {
    return Problem.builder()
        .id(ProblemId.of(id))
        .title("Checkout keeps timing out (" + id + ")")
        .service(ServiceId.of("shop"))
        .signature("kit/checkout-fails")
        .state(ProblemState.NEW)
        .impact(Impact.MEDIUM)
        .urgency(Urgency.MEDIUM)
        .priority(PriorityMatrix.itil().priority(Impact.MEDIUM, Urgency.MEDIUM))
        .addIncidents(IncidentId.of("kit-incident"))
        .openedBy(RESPONDER)
        .openedAt(OPENED)
        .addActivity(new ProblemActivity(OPENED, RESPONDER, ProblemActivity.Action.RAISED, ProblemState.NEW, ""))
        .updatedAt(OPENED)
        .build();
  }

  /** {@code problem} moved to {@code state}; a problem moved to fixing gets a fix, to closed a resolution. */
  public static Problem moved(Problem problem, ProblemState state, Resolution resolution) {
    Instant at = problem.updatedAt().plusSeconds(60);
    Problem.Builder next = Problem.builder().from(problem).state(state).updatedAt(at);
    switch (state) {
      case FIX_IN_PROGRESS -> next.fix(ChangeId.of("kit-fix"));
      case RESOLVED -> next.resolvedAt(at).resolutionNotes("fixed");
      case CLOSED -> next.closedAt(at).resolution(resolution).resolutionNotes("closed by the kit");
      case ROOT_CAUSE_ANALYSIS -> next.resolvedAt(Optional.empty());
      default -> { }
    }
    return next.build();
  }

  /** {@code problem} with a known error: a root cause and {@code workaround}. */
  public static Problem knownError(Problem problem, String workaround) {
    return Problem.builder().from(problem)
        .knownError(new KnownError("connection pool too small", workaround, RESPONDER, problem.updatedAt()))
        .build();
  }

  /** An incident ticket {@code id} held by the tool under {@code key}. */
  public static Ticket ticket(String id, ExternalKey key) {
    return new Ticket(Ticket.Kind.INCIDENT, id, Optional.of(ServiceId.of("shop")), Optional.of(key));
  }

  /** A response rating {@code ticket} with {@code rating} and {@code comment} (null for none). */
  public static SurveyResponse response(Ticket ticket, int rating, String comment) {
    return SurveyResponse.parse(ticket, rating, comment, RESPONDER, OPENED.plusSeconds(3600))
        .getOrElseThrow(e -> new IllegalArgumentException(e.message()));
  }
}
