package io.github.coexist.testkit;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.risk.FactorContribution;
import io.github.coexist.core.risk.RiskAssessment;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.TeamId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Valid {@link Change} values for kits and adapter tests: a production deployment of a service,
 * moderate risk, planned for half an hour from a fixed instant (whole seconds, as ITSM tools
 * keep them), with the decision its state implies.
 */
public final class SampleChanges {
  /** The instant sample changes are planned at. */
  public static final Instant PLANNED = Instant.parse("2025-03-04T10:00:00Z").truncatedTo(ChronoUnit.SECONDS);

  private SampleChanges() {}

  /** A normal change of service {@code shop} in {@code state}, with the decision its state implies. */
  public static Change normal(String key, ChangeState state) {
    return change(key, "shop", ChangeType.NORMAL, state);
  }

  /**
   * A change of {@code service} of {@code type} in {@code state}: pending on the change manager
   * before Scheduled, approved from Scheduled on, rejected when Canceled, closed successful when
   * Closed.
   */
  public static Change change(String key, String service, ChangeType type, ChangeState state) {
    Decision.Outcome outcome = switch (state) {
      case NEW, ASSESS, AUTHORIZE -> Decision.Outcome.PENDING;
      case CANCELED -> Decision.Outcome.REJECTED;
      default -> Decision.Outcome.APPROVED;
    };
    boolean asked = type != ChangeType.STANDARD;
    Change.Builder builder = Change.builder();
    builder.id(ChangeId.of("ch-" + key))
        .idempotencyKey(IdempotencyKey.of(key))
        .type(type)
        .model(type == ChangeType.STANDARD ? "standard" : type.name().toLowerCase(java.util.Locale.ROOT))
        .state(state)
        .request(request(key, service))
        .assignmentGroup(TeamId.of("web"))
        .risk(risk(RiskLevel.MODERATE))
        .decision(new Decision(outcome, List.of("sample decision"), "kit-1",
            asked ? Optional.of("change-manager") : Optional.empty(),
            outcome == Decision.Outcome.PENDING ? Optional.of("0 of 1 change-manager approval") : Optional.empty(),
            Actor.COEXIST, PLANNED, Optional.empty()))
        .plannedStart(PLANNED)
        .plannedEnd(PLANNED.plus(Duration.ofMinutes(30)))
        .createdAt(PLANNED)
        .updatedAt(PLANNED)
        .retrospectiveReviewRequired(type == ChangeType.EMERGENCY);
    if (state == ChangeState.CLOSED) {
      builder.closeCode(CloseCode.SUCCESSFUL).closeNotes("deployment succeeded");
    }
    return builder.build();
  }

  /** {@code change} moved to {@code state} with the decision that state implies, and a close code when closed. */
  public static Change moved(Change change, ChangeState state, Optional<CloseCode> closeCode) {
    Change moved = change(change.idempotencyKey().value(), change.service().value(), change.type(), state);
    Change withKey = change.externalKey().map(moved::recordedAs).orElse(moved);
    return closeCode.map(code -> withKey.withOutcome(code, "deployment " + code.name().toLowerCase(java.util.Locale.ROOT)))
        .orElse(withKey);
  }

  /** A production deployment request of {@code service}, every check passed. */
  public static DeploymentRequest request(String key, String service) {
    return DeploymentRequest.builder()
        .idempotencyKey(key)
        .service(service)
        .environment("production")
        .headSha("0123456789abcdef0123456789abcdef01234567")
        .filesChanged(4)
        .linesChanged(120)
        .evidence(PipelineEvidence.allPassed())
        .requester(Actor.person("alice"))
        .summary("Deploy " + service + " (" + key + ")")
        .plannedStart(PLANNED)
        .source("api")
        .build()
        .getOrElseThrow(error -> new IllegalStateException(error.message()));
  }

  /** An assessment at {@code level}, explained by two factors. */
  public static RiskAssessment risk(RiskLevel level) {
    int score = switch (level) {
      case LOW -> 10;
      case MODERATE -> 40;
      case HIGH -> 65;
      case VERY_HIGH -> 90;
    };
    return new RiskAssessment(score, level, List.of(
        new FactorContribution("change-size", Math.min(score, 30), 30, "120 lines in 4 files"),
        new FactorContribution("blast-radius", Math.min(score - Math.min(score, 30), 70), 70, "2 dependents")),
        Optional.empty());
  }
}
