package io.github.coexist.app.events;

import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.kpi.ChangeFact;
import io.github.coexist.core.kpi.FactListener;
import io.github.coexist.core.kpi.FeedbackFact;
import io.github.coexist.core.kpi.IncidentFact;
import io.github.coexist.core.kpi.KpiEngine;
import java.util.function.Consumer;

/**
 * Receives the events of a log, one call per good line, in the log's order. It is core's {@link
 * FactListener}: a sink given to {@code Coexist.Builder.factListener} hears every KPI fact as core
 * produces it (the event log writer), and a reader feeds one from a file.
 */
public interface EventSink extends FactListener {

  /**
   * Hands {@code fact}, one of {@link Deployment}, {@link IncidentFact}, {@link ChangeFact} or
   * {@link FeedbackFact}, to the method for its kind.
   */
  default void accept(Object fact) {
    dispatch(this, fact);
  }

  /** A sink that hands every event, whatever its kind, to {@code each}. */
  static EventSink of(Consumer<Object> each) {
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

  /** A sink that adds every event to {@code engine}, as core's own KPI feed does. */
  static EventSink into(KpiEngine engine) {
    FactListener listener = FactListener.into(engine);
    return of(fact -> dispatch(listener, fact));
  }

  private static void dispatch(FactListener target, Object fact) {
    if (fact instanceof Deployment) {
      target.deployment((Deployment) fact);
    } else if (fact instanceof IncidentFact) {
      target.incident((IncidentFact) fact);
    } else if (fact instanceof ChangeFact) {
      target.change((ChangeFact) fact);
    } else if (fact instanceof FeedbackFact) {
      target.feedback((FeedbackFact) fact);
    } else {
      throw new IllegalArgumentException("not an event: " + fact);
    }
  }
}
