package io.github.coexist.core.problem;

import io.github.coexist.core.kernel.IncidentId;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a problem, for whoever listens (the KPI engine counts problems opened
 * and closed, known errors with workarounds, repeat incidents). Every event carries the problem's
 * snapshot right after it happened.
 */
public sealed interface ProblemEvent {

  /** The problem right after the event. */
  Problem problem();

  /** When it happened. */
  Instant at();

  /** A problem was raised, by hand or because incidents recurred ({@link Problem#raisedAutomatically()}). */
  record Raised(Problem problem, Instant at) implements ProblemEvent {
    public Raised {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(at, "at");
    }
  }

  /** An incident was linked to the problem: a repeat incident once the problem exists. */
  record IncidentLinked(Problem problem, Instant at, IncidentId incident) implements ProblemEvent {
    public IncidentLinked {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(incident, "incident");
    }
  }

  /** A root cause and workaround were recorded: the problem is a known error. */
  record KnownErrorRecorded(Problem problem, Instant at) implements ProblemEvent {
    public KnownErrorRecorded {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(at, "at");
    }
  }

  /** The problem moved in its lifecycle (other than being raised). */
  record Moved(Problem problem, Instant at, ProblemState from) implements ProblemEvent {
    public Moved {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(from, "from");
    }
  }
}
