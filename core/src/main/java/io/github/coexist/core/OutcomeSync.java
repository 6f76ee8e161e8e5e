package io.github.coexist.core;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.DeploymentLog;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.gate.ChangeGate;
import io.github.coexist.core.incident.Verdict;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kpi.Attribution;
import io.github.coexist.core.kpi.ChangeFact;
import io.github.coexist.core.kpi.FactListener;
import io.github.coexist.core.kpi.FeedbackFact;
import io.github.coexist.core.kpi.IncidentFact;
import io.github.coexist.core.kpi.KpiEngine;
import io.vavr.control.Either;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the change gate's view of failed changes (close codes, each service's failure history)
 * in step with the KPI engine's heuristic attribution, so that the three views of a failed change
 * read one outcome. Explicit links and confirmed suspects reach the gate from the incident desk,
 * rollbacks from the signal router; this listener adds what only the KPIs know: an unlinked P1 to
 * P3 (by default) whose cause nobody ruled on counts against the change of the latest deployment
 * before it, and stops counting when someone rules it not change-related or confirms another cause.
 * Hears the incident facts after the engine. Thread-safe.
 */
final class OutcomeSync implements FactListener {
  private static final Logger LOG = LoggerFactory.getLogger(OutcomeSync.class);
  /** Who counts an incident against a change by the heuristic. */
  static final Actor HEURISTIC = Actor.system("kpi-heuristic");

  private final KpiEngine kpis;
  private final DeploymentLog deployments;
  private final Map<IncidentId, ChangeId> pinned = new HashMap<>();
  private volatile @Nullable ChangeGate gate;

  OutcomeSync(KpiEngine kpis, DeploymentLog deployments) {
    this.kpis = kpis;
    this.deployments = deployments;
  }

  /** The gate to keep in step; incidents heard before it is attached are not synced. */
  void attach(ChangeGate gate) {
    this.gate = Objects.requireNonNull(gate, "gate");
  }

  @Override
  public void incident(IncidentFact incident) {
    ChangeGate current = gate;
    if (current == null) {
      return;
    }
    Optional<ChangeId> heuristic = incident.cause() != Verdict.UNKNOWN ? Optional.empty()
        : kpis.attribution(incident.id()).filter(a -> !a.explicit()).map(Attribution::deployment).flatMap(this::changeOf);
    Optional<ChangeId> linked = incident.causedBy().flatMap(this::changeOf);
    Optional<ChangeId> before;
    synchronized (this) {
      before = Optional.ofNullable(heuristic.isPresent() ? pinned.put(incident.id(), heuristic.get())
          : pinned.remove(incident.id()));
    }
    // A cause confirmed later (possibly without a known deployment) keeps the change it names.
    boolean releasable = incident.cause() != Verdict.CAUSED_BY_CHANGE || linked.isPresent();
    if (before.isPresent() && !before.equals(heuristic) && !before.equals(linked) && releasable) {
      report(current.incidentReleased(before.get(), incident.id(), HEURISTIC), "release", incident.id());
    }
    if (heuristic.isPresent() && !heuristic.equals(before)) {
      report(current.incidentCaused(heuristic.get(), incident.id(), HEURISTIC), "count", incident.id());
    }
  }

  private Optional<ChangeId> changeOf(DeploymentId deployment) {
    return deployments.find(deployment).flatMap(Deployment::changeId);
  }

  private static void report(Either<CoexistError, Change> outcome, String what, IncidentId incident) {
    outcome.peekLeft(error -> LOG.warn("could not {} incident {} against its change: {}", what, incident,
        error.message()));
  }

  @Override
  public void deployment(Deployment deployment) {
    // Deployments finish before the incidents they cause: incidents drive the sync.
  }

  @Override
  public void change(ChangeFact change) {
    // The gate is where changes come from.
  }

  @Override
  public void feedback(FeedbackFact feedback) {
    // Answers say nothing about outcomes.
  }
}
