package io.github.coexist.app.events;

import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.kpi.ChangeFact;
import io.github.coexist.core.kpi.FeedbackFact;
import io.github.coexist.core.kpi.IncidentFact;
import io.github.coexist.core.kpi.KpiEngine;

/** Receives the events of a log, one call per good line, in the log's order. */
public interface EventSink {
  /** A {@code deployment} line. */
  void deployment(Deployment deployment);

  /** An {@code incident} line. */
  void incident(IncidentFact incident);

  /** A {@code change} line. */
  void change(ChangeFact change);

  /** A {@code feedback} line. */
  void feedback(FeedbackFact feedback);

  /**
   * Hands {@code fact}, one of {@link Deployment}, {@link IncidentFact}, {@link ChangeFact} or
   * {@link FeedbackFact}, to the method for its kind.
   */
  default void accept(Object fact) {
    if (fact instanceof Deployment) {
      deployment((Deployment) fact);
    } else if (fact instanceof IncidentFact) {
      incident((IncidentFact) fact);
    } else if (fact instanceof ChangeFact) {
      change((ChangeFact) fact);
    } else if (fact instanceof FeedbackFact) {
      feedback((FeedbackFact) fact);
    } else {
      throw new IllegalArgumentException("not an event: " + fact);
    }
  }

  /** A sink that hands every event, whatever its kind, to {@code each}. */
  static EventSink of(java.util.function.Consumer<Object> each) {
    return new EventSink() {
      @Override
      public void deployment(Deployment deployment) {
        each.accept(deployment);
      }

      @Override
      public void incident(IncidentFact incident) {
        each.accept(incident);
      }

      @Override
      public void change(ChangeFact change) {
        each.accept(change);
      }

      @Override
      public void feedback(FeedbackFact feedback) {
        each.accept(feedback);
      }
    };
  }

  /** A sink that adds every event to {@code engine}. */
  static EventSink into(KpiEngine engine) {
    return new EventSink() {
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
