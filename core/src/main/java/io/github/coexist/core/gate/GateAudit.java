package io.github.coexist.core.gate;

import io.github.coexist.core.audit.AuditEvent;
import io.github.coexist.core.internal.audit.AuditInputs;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.calendar.WindowOccurrence;
import io.github.coexist.core.change.Approvals;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.Vote;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.risk.RiskAssessment;
import io.github.coexist.core.risk.RiskContext;
import io.vavr.control.Either;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gate writes to the audit trail: every request, decision, vote and transition, with
 * the inputs that decided it, the policy version, the actor; the trail adds the time and the hash.
 */
final class GateAudit {
  private static final Logger LOG = LoggerFactory.getLogger(GateAudit.class);

  private final AuditTrail trail;

  GateAudit(AuditTrail trail) {
    this.trail = trail;
  }

  /**
   * A decision with every input that made it. The first decision on a change is recorded as
   * {@code change.requested}, by the requester, with the request's key, source and summary too:
   * asking and the first answer are one call.
   */
  void decided(Change change, boolean first, List<String> factors, RiskContext.Overlaps conflicts,
      WindowOccurrence freeze) {
    Decision decision = change.decision();
    DeploymentRequest r = change.request();
    RiskAssessment risk = change.risk();
    // Put in name order, the order they are recorded in, so freezing them has nothing to sort.
    AuditInputs inputs = AuditInputs.expecting(16);
    decision.authority().ifPresent(a -> inputs.put("authority", a));
    if (!conflicts.isEmpty()) {
      inputs.put("conflicts", conflictIds(conflicts));
    }
    inputs.put("environment", r.environment());
    inputs.put("evidence", evidence(r.evidence()));
    decision.expiresAt().ifPresent(at -> inputs.put("expires", Times.iso(at)));
    if (freeze != null) {
      inputs.put("freeze", freeze.window() + " " + Times.iso(freeze.start()) + "/" + Times.iso(freeze.end()));
    }
    if (first) {
      inputs.put("idempotency-key", r.idempotencyKey().value());
    }
    inputs.put("model", change.model());
    // Two instants to the millisecond and a slash, written once.
    StringBuilder planned = Times.append(new StringBuilder(2 * 24 + 1), change.plannedStart()).append('/');
    inputs.put("planned", Times.append(planned, change.plannedEnd()).toString());
    inputs.put("reasons", String.join("; ", decision.reasons()));
    inputs.put("requester", r.requester().toString());
    inputs.put("risk.factors", factors.isEmpty() ? "none" : String.join("; ", factors));
    risk.forcedBy().ifPresent(rule -> inputs.put("risk.forced-by", rule));
    inputs.put("risk.level", lower(risk.level()));
    inputs.put("risk.score", Integer.toString(risk.score()));
    inputs.put("service", r.service().value());
    if (first) {
      inputs.put("source", r.source());
      r.summary().ifPresent(summary -> inputs.put("summary", summary));
    }
    inputs.put("type", lower(change.type()));
    record(new AuditEvent(first ? r.requester() : decision.decidedBy(), first ? "change.requested" : "change.decided",
        change.id().value(), Optional.of(decision.policyVersion()), inputs.freeze(), lower(decision.outcome())));
  }

  /** The nearest conflicting changes' ids, comma separated, and how many more there are: "a, b and 7 more". */
  private static String conflictIds(RiskContext.Overlaps conflicts) {
    List<RiskContext.Overlap> nearest = conflicts.nearest();
    if (conflicts.count() == 1) {
      return nearest.get(0).changeId();
    }
    StringBuilder ids = new StringBuilder(16 * (nearest.size() + 1));
    for (RiskContext.Overlap conflict : nearest) {
      if (ids.length() > 0) {
        ids.append(", ");
      }
      ids.append(conflict.changeId());
    }
    if (conflicts.more() > 0) {
      ids.append(" and ").append(conflicts.more()).append(" more");
    }
    return ids.toString();
  }

  /** One walk along the lifecycle: every state passed, in order ({@code NEW -> ASSESS -> AUTHORIZE}). */
  void transitioned(Change change, ChangeState from, List<ChangeState> steps, Actor actor, String reason) {
    StringBuilder path = new StringBuilder(16 * (steps.size() + 1)).append(from);
    for (ChangeState step : steps) {
      path.append(" -> ").append(step);
    }
    record(new AuditEvent(actor, "change.transitioned", change.id().value(), Optional.empty(),
        AuditInputs.expecting(2).put("reason", reason).put("type", lower(change.type())).freeze(), path.toString()));
  }

  void voted(Change change, Vote vote, Approvals tally) {
    record(AuditEvent.byPolicy(vote.actor(), "change.voted", change.id().value(),
        change.decision().policyVersion(),
        Map.of("authority", tally.authority().name(), "comment", vote.comment(), "tally", tally.waitingFor()),
        lower(vote.verdict())));
  }

  void reviewed(Change change, Actor reviewer, String notes) {
    record(AuditEvent.byPolicy(reviewer, "change.reviewed", change.id().value(),
        change.decision().policyVersion(),
        Map.of("close-code", change.closeCode().map(GateAudit::lower).orElse("none"), "notes", notes),
        "retrospective review done"));
  }

  void causedIncident(Change change, String incident, Actor actor) {
    record(AuditEvent.byPolicy(actor, "change.caused-incident", change.id().value(),
        change.decision().policyVersion(),
        Map.of("incident", incident, "close-code", change.closeCode().map(GateAudit::lower).orElse("none")),
        "linked as the cause of incident " + incident));
  }

  void releasedIncident(Change change, String incident, Actor actor) {
    record(AuditEvent.byPolicy(actor, "change.incident-released", change.id().value(),
        change.decision().policyVersion(),
        Map.of("incident", incident, "close-code", change.closeCode().map(GateAudit::lower).orElse("none")),
        "no longer counted as the cause of incident " + incident));
  }

  void backedOut(Change change, String rollback, Actor actor) {
    record(AuditEvent.byPolicy(actor, "change.backed-out", change.id().value(),
        change.decision().policyVersion(),
        Map.of("rollback", rollback, "close-code", change.closeCode().map(GateAudit::lower).orElse("none")),
        "backed out by " + rollback));
  }

  void policyChanged(Actor actor, String previous, String next) {
    record(AuditEvent.byPolicy(actor, "policy.changed", "approval-policy", next,
        Map.of("previous", previous), "in force"));
  }

  void templateDemoted(String model, String policyVersion, String why, ChangeId lastChange) {
    record(AuditEvent.byPolicy(Actor.COEXIST, "template.demoted", model, policyVersion,
        Map.of("why", why, "last-change", lastChange.value()), "demoted to normal until re-enabled"));
  }

  void templateReenabled(String model, String policyVersion, Actor actor) {
    record(AuditEvent.byPolicy(actor, "template.re-enabled", model, policyVersion, Map.of(),
        "pre-authorised again"));
  }

  /** An audit failure must not go unseen; it is logged as an error with what was lost. */
  private void record(AuditEvent event) {
    Either<CoexistError, ?> recorded = trail.record(event);
    if (recorded.isLeft()) {
      LOG.error("could not append {} of {} to the audit trail: {}", event.action(), event.subject(),
          recorded.getLeft().message());
    }
  }

  private static String evidence(PipelineEvidence e) {
    StringBuilder text = new StringBuilder(64)
        .append("tests=").append(lower(e.tests()))
        .append(" review=").append(lower(e.review()))
        .append(" security-scan=").append(lower(e.securityScan()));
    e.otherChecks().forEach((name, status) -> text.append(' ').append(name).append('=').append(lower(status)));
    return text.toString();
  }

  private static String lower(Enum<?> value) {
    return Names.lower(value);
  }
}
