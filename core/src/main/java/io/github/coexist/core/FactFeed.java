package io.github.coexist.core;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.feedback.FeedbackEvent;
import io.github.coexist.core.feedback.FeedbackListener;
import io.github.coexist.core.feedback.SurveyResponse;
import io.github.coexist.core.incident.CausedBy;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentListener;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kpi.ChangeFact;
import io.github.coexist.core.kpi.FactListener;
import io.github.coexist.core.kpi.FeedbackFact;
import io.github.coexist.core.kpi.IncidentFact;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what happens in core into KPI facts as it happens (every finished deployment, every
 * incident and change as it stands after each move, every satisfaction answer) and hands each to
 * the listeners in order, the KPI engine first. A fact equal to the last one sent for the same id
 * is not sent again. Facts are worked out under this feed's lock and delivered outside it.
 * Thread-safe.
 */
final class FactFeed {
  private static final Logger LOG = LoggerFactory.getLogger(FactFeed.class);

  private final List<FactListener> listeners;
  private final Function<Incident, Optional<Boolean>> withinSla;
  private final Map<ChangeId, ChangeFact> changes = new HashMap<>();
  private final Map<IncidentId, IncidentFact> incidents = new HashMap<>();
  private final Map<ChangeId, DeploymentId> deploymentOfChange = new HashMap<>();

  /**
   * A feed to {@code listeners}; {@code withinSla} says whether a resolved incident met its SLA,
   * so the KPIs' SLA compliance is the incident desk's one calculation (pauses and all).
   */
  FactFeed(List<FactListener> listeners, Function<Incident, Optional<Boolean>> withinSla) {
    this.listeners = List.copyOf(listeners);
    this.withinSla = withinSla;
  }

  /**
   * Puts back what the feed knew before a restart, from what a store kept: the deployment of each
   * change (an incident caused by a change counts against it), and the last change and incident
   * facts sent, so an unchanged one is not sent again. Sends nothing.
   */
  synchronized void restore(Collection<Deployment> deployments, Collection<ChangeFact> changeFacts,
      Collection<IncidentFact> incidentFacts) {
    deployments.stream().sorted(Comparator.comparing(Deployment::startedAt))
        .forEach(d -> d.changeId().ifPresent(change -> deploymentOfChange.put(change, d.id())));
    changeFacts.forEach(fact -> changes.put(fact.id(), fact));
    incidentFacts.forEach(fact -> incidents.put(fact.id(), fact));
  }

  /** A deployment; only finished ones are facts (an in-progress one has nothing to measure yet). */
  void deployment(Deployment deployment) {
    synchronized (this) {
      deployment.changeId().ifPresent(change -> deploymentOfChange.put(change, deployment.id()));
    }
    if (deployment.finishedAt().isPresent()) {
      deliver(listener -> listener.deployment(deployment));
    }
  }

  /** A change as it stands now. */
  void change(Change change) {
    ChangeFact fact = ChangeFact.of(change);
    boolean fresh;
    synchronized (this) {
      fresh = !fact.equals(changes.put(change.id(), fact));
    }
    if (fresh) {
      deliver(listener -> listener.change(fact));
    }
  }

  /** An incident as it stands now. */
  void incident(Incident incident) {
    IncidentFact fact;
    boolean fresh;
    synchronized (this) {
      fact = new IncidentFact(incident.id(), incident.service(), incident.priority().level(),
          incident.openedAt(), incident.acknowledgedAt(), incident.resolvedAt(),
          incident.causedBy().flatMap(this::deploymentOf), incident.reopenCount(), withinSla.apply(incident),
          Optional.of(incident.verdict()));
      fresh = !fact.equals(incidents.put(incident.id(), fact));
    }
    if (fresh) {
      deliver(listener -> listener.incident(fact));
    }
  }

  /** A satisfaction answer. */
  void feedback(SurveyResponse response) {
    FeedbackFact fact = new FeedbackFact(response.ticket().key(), response.rating(), response.at(),
        response.ticket().service());
    deliver(listener -> listener.feedback(fact));
  }

  /** Hears the incident desk. */
  IncidentListener incidentListener() {
    return event -> incident(event.incident());
  }

  /** Hears the survey desk. */
  FeedbackListener feedbackListener() {
    return event -> {
      if (event instanceof FeedbackEvent.FeedbackRecorded recorded) {
        feedback(recorded.response());
      }
    };
  }

  private Optional<DeploymentId> deploymentOf(CausedBy cause) {
    return cause.deployment().or(() -> cause.change().map(deploymentOfChange::get));
  }

  private void deliver(Consumer<FactListener> fact) {
    for (FactListener listener : listeners) {
      try {
        fact.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("a fact listener failed: {}", e.toString());
      }
    }
  }
}
