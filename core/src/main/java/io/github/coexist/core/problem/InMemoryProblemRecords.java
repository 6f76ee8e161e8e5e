package io.github.coexist.core.problem;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.internal.records.SnapshotRecords;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.Optional;

/**
 * The embedded default {@link ProblemRecords}: records held in memory under keys {@code
 * memory:PRB0000001}, ... Thread-safe.
 */
public final class InMemoryProblemRecords implements ProblemRecords {
  /** The system name of keys this implementation issues. */
  public static final String SYSTEM = "memory";

  private final SnapshotRecords<Problem, RecordedProblem> records;

  /** An empty store. */
  public InMemoryProblemRecords() {
    records = new SnapshotRecords<>(SYSTEM, "PRB", "problem record", Problem::recordKey, RecordedProblem::created, RecordedProblem::of);
  }

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public Either<CoexistError, ExternalKey> ensure(Problem problem) {
    return records.ensure(problem);
  }

  @Override
  public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return records.find(key);
  }

  @Override
  public Either<CoexistError, RecordedProblem> update(ExternalKey key, Problem problem) {
    return records.update(key, problem);
  }

  @Override
  public Either<CoexistError, RecordedProblem> read(ExternalKey key) {
    return records.read(key);
  }
}
