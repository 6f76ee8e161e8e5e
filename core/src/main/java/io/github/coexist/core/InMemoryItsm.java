package io.github.coexist.core;

import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.InMemoryChangeRecords;
import io.github.coexist.core.feedback.FeedbackRecords;
import io.github.coexist.core.feedback.InMemoryFeedbackRecords;
import io.github.coexist.core.incident.InMemoryIncidentRecords;
import io.github.coexist.core.incident.IncidentRecords;
import io.github.coexist.core.problem.InMemoryProblemRecords;
import io.github.coexist.core.problem.ProblemRecords;
import io.github.coexist.core.service.ServiceDirectory;
import java.util.Optional;

/** {@link ItsmAdapter#inMemory()}: every record port in memory, no directory, nothing to release. */
final class InMemoryItsm implements ItsmAdapter {
  private final ChangeRecords changes = new InMemoryChangeRecords();
  private final IncidentRecords incidents = new InMemoryIncidentRecords();
  private final ProblemRecords problems = new InMemoryProblemRecords();
  private final FeedbackRecords feedback = new InMemoryFeedbackRecords();

  @Override
  public String name() {
    return "inmemory";
  }

  @Override
  public ChangeRecords changeRecords() {
    return changes;
  }

  @Override
  public IncidentRecords incidentRecords() {
    return incidents;
  }

  @Override
  public ProblemRecords problemRecords() {
    return problems;
  }

  @Override
  public FeedbackRecords feedbackRecords() {
    return feedback;
  }

  @Override
  public Optional<ServiceDirectory> serviceDirectory() {
    return Optional.empty();
  }

  @Override
  public void close() {
    // Nothing is held outside the heap.
  }

  @Override
  public String toString() {
    return "ItsmAdapter[inmemory]";
  }
}
