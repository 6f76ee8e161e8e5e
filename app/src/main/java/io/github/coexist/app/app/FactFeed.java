package io.github.coexist.app.app;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.feedback.FeedbackEvent;
import io.github.coexist.core.feedback.FeedbackListener;
import io.github.coexist.core.feedback.SurveyResponse;
import io.github.coexist.core.incident.CausedBy;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentListener;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kpi.ChangeFact;
import io.github.coexist.core.kpi.FeedbackFact;
import io.github.coexist.core.kpi.IncidentFact;
import io.github.coexist.core.kpi.KpiEngine;
import io.github.coexist.app.events.EventSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns what happens in core into the KPI facts of the event log, as it happens: every finished
 * deployment, every incident and change as it stands after each move, every satisfaction answer.
 * Each fact goes to the {@link KpiEngine} and to every extra {@link EventSink} (the demo's
 * {@code events.jsonl}); a fact equal to the last one sent for the same id is not sent again.
 * Thread-safe.
 */
public final class FactFeed {
  private final KpiEngine kpis;
  private final List<EventSink> sinks = new ArrayList<>();
  private final Map<ChangeId, ChangeFact> changes = new HashMap<>();
  private final Map<IncidentId, IncidentFact> incidents = new HashMap<>();
  private final Map<ChangeId, DeploymentId> deploymentOfChange = new HashMap<>();

  /** A feed into {@code kpis} and each of {@code sinks}. */
  public FactFeed(KpiEngine kpis, List<EventSink> sinks) {
    this.kpis = Objects.requireNonNull(kpis, "kpis");
    this.sinks.add(EventSink.into(kpis));
    this.sinks.addAll(sinks);
  }

  /** The KPI engine the facts go to. */
  public KpiEngine kpis() {
    return kpis;
  }

  /** A deployment; only finished ones are facts (an in-progress one has nothing to measure yet). */
  public synchronized void deployment(Deployment deployment) {
    deployment.changeId().ifPresent(change -> deploymentOfChange.put(change, deployment.id()));
    if (deployment.finishedAt().isPresent()) {
      sinks.forEach(sink -> sink.deployment(deployment));
    }
  }

  /** A change as it stands now. */
  public synchronized void change(Change change) {
    // An emergency change in Review already carries its deployment's close code; the fact has one once closed.
    boolean closed = change.state() == ChangeState.CLOSED;
    ChangeFact fact = new ChangeFact(change.id(), change.service(), type(change.type()), change.createdAt(),
        closed ? Optional.of(change.updatedAt()) : Optional.empty(),
        closed ? change.closeCode().map(FactFeed::closeCode) : Optional.empty(), autoApproved(change.decision()));
    if (!fact.equals(changes.put(change.id(), fact))) {
      sinks.forEach(sink -> sink.change(fact));
    }
  }

  /** An incident as it stands now. */
  public synchronized void incident(Incident incident) {
    IncidentFact fact = new IncidentFact(incident.id(), incident.service(), incident.priority().level(),
        incident.openedAt(), incident.acknowledgedAt(), incident.resolvedAt(),
        incident.causedBy().flatMap(this::deploymentOf), incident.reopenCount(), Optional.empty());
    if (!fact.equals(incidents.put(incident.id(), fact))) {
      sinks.forEach(sink -> sink.incident(fact));
    }
  }

  /** A satisfaction answer. */
  public synchronized void feedback(SurveyResponse response) {
    FeedbackFact fact = new FeedbackFact(response.ticket().key(), response.rating(), response.at(),
        response.ticket().service());
    sinks.forEach(sink -> sink.feedback(fact));
  }

  /** Hears the incident desk. */
  public IncidentListener incidentListener() {
    return event -> incident(event.incident());
  }

  /** Hears the survey desk. */
  public FeedbackListener feedbackListener() {
    return event -> {
      if (event instanceof FeedbackEvent.FeedbackRecorded recorded) {
        feedback(recorded.response());
      }
    };
  }

  private Optional<DeploymentId> deploymentOf(CausedBy cause) {
    return cause.deployment().or(() -> cause.change().map(deploymentOfChange::get));
  }

  /** Approved by policy, without a person or an authority: what the auto-approval ratio counts. */
  private static boolean autoApproved(Decision decision) {
    return decision.outcome() == Decision.Outcome.APPROVED && decision.authority().isEmpty()
        && decision.decidedBy().equals(Actor.COEXIST);
  }

  private static ChangeFact.Type type(ChangeType type) {
    return switch (type) {
      case STANDARD -> ChangeFact.Type.STANDARD;
      case NORMAL -> ChangeFact.Type.NORMAL;
      case EMERGENCY -> ChangeFact.Type.EMERGENCY;
    };
  }

  private static ChangeFact.CloseCode closeCode(io.github.coexist.core.change.CloseCode code) {
    return switch (code) {
      case SUCCESSFUL -> ChangeFact.CloseCode.SUCCESSFUL;
      case SUCCESSFUL_WITH_ISSUES -> ChangeFact.CloseCode.SUCCESSFUL_WITH_ISSUES;
      case UNSUCCESSFUL -> ChangeFact.CloseCode.UNSUCCESSFUL;
    };
  }
}
