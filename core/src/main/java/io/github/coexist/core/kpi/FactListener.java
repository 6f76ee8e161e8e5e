package io.github.coexist.core.kpi;

import io.github.coexist.core.delivery.Deployment;

/**
 * Hears every KPI fact as core produces it, in order: each finished deployment, each change and
 * incident as it stands after a move (a fact equal to the last one for the same id is not sent
 * again), each satisfaction answer. The {@link KpiEngine} behind {@code Coexist.kpis()} hears
 * them first; an event log writer is another listener. Called outside core's locks; one that
 * throws is logged and the others still hear the fact.
 */
public interface FactListener {
  /** A finished deployment. */
  void deployment(Deployment deployment);

  /** An incident as it now stands. */
  void incident(IncidentFact incident);

  /** A change as it now stands. */
  void change(ChangeFact change);

  /** A satisfaction answer. */
  void feedback(FeedbackFact feedback);

  /** A listener that adds every fact to {@code engine}. */
  static FactListener into(KpiEngine engine) {
    return new FactListener() {
      @Override
      public void deployment(Deployment deployment) {
        engine.add(deployment);
      }

      @Override
      public void incident(IncidentFact incident) {
        engine.add(incident);
      }

      @Override
      public void change(ChangeFact change) {
        engine.add(change);
      }

      @Override
      public void feedback(FeedbackFact feedback) {
        engine.add(feedback);
      }
    };
  }
}
