package io.github.coexist.core.problem;

import io.github.coexist.core.internal.records.SnapshotRecords;

/**
 * The embedded default {@link ProblemRecords}: records held in memory under keys {@code
 * memory:PRB0000001}, ... Thread-safe.
 */
public final class InMemoryProblemRecords extends SnapshotRecords<Problem, RecordedProblem>
    implements ProblemRecords {
  /** The system name of keys this implementation issues. */
  public static final String SYSTEM = "memory";

  /** An empty store. */
  public InMemoryProblemRecords() {
    super(SYSTEM, "PRB", "problem record", Problem::recordKey, RecordedProblem::created, RecordedProblem::of);
  }

  @Override
  public String system() {
    return SYSTEM;
  }
}
