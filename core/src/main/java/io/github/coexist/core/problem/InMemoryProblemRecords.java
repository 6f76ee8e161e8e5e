package io.github.coexist.core.problem;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded default {@link ProblemRecords}: records held in memory under keys {@code
 * memory:PRB0000001}, ... Thread-safe.
 */
public final class InMemoryProblemRecords implements ProblemRecords {
  /** The system name of keys this implementation issues. */
  public static final String SYSTEM = "memory";

  private final Map<IdempotencyKey, ExternalKey> keys = new ConcurrentHashMap<>();
  private final Map<ExternalKey, RecordedProblem> records = new ConcurrentHashMap<>();
  private final AtomicLong numbers = new AtomicLong();

  /** An empty store. */
  public InMemoryProblemRecords() {}

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public Either<CoexistError, ExternalKey> ensure(Problem problem) {
    return Either.right(keys.computeIfAbsent(problem.recordKey(), k -> {
      ExternalKey issued = ExternalKey.of(SYSTEM, String.format("PRB%07d", numbers.incrementAndGet()));
      records.put(issued, RecordedProblem.created(issued, problem));
      return issued;
    }));
  }

  @Override
  public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return Either.right(Optional.ofNullable(keys.get(key)));
  }

  @Override
  public Either<CoexistError, RecordedProblem> update(ExternalKey key, Problem problem) {
    RecordedProblem updated = records.computeIfPresent(key, (k, old) -> RecordedProblem.of(k, problem));
    return updated == null ? Either.left(new CoexistError.NotFound("problem record", key.toString()))
        : Either.right(updated);
  }

  @Override
  public Either<CoexistError, RecordedProblem> read(ExternalKey key) {
    RecordedProblem found = records.get(key);
    return found == null ? Either.left(new CoexistError.NotFound("problem record", key.toString()))
        : Either.right(found);
  }
}
