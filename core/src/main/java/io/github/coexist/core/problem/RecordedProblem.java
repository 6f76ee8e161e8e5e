package io.github.coexist.core.problem;

import io.github.coexist.core.incident.Priority;
import io.github.coexist.core.kernel.ExternalKey;
import java.util.Objects;
import java.util.Optional;

/**
 * A problem as the system of record holds it now, read back through {@link ProblemRecords}.
 *
 * @param key where the tool keeps it
 * @param state its state in the tool
 * @param priority its priority in the tool
 * @param knownError whether the tool flags it as a known error
 * @param workaround the workaround the tool holds, when it holds one
 * @param resolution how the tool says it was closed, once it is
 */
public record RecordedProblem(
    ExternalKey key,
    ProblemState state,
    Priority priority,
    boolean knownError,
    Optional<String> workaround,
    Optional<Resolution> resolution) {
  public RecordedProblem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(workaround, "workaround");
    Objects.requireNonNull(resolution, "resolution");
  }

  /** What {@link ProblemRecords#ensure} records for {@code problem}: state New and its priority. */
  public static RecordedProblem created(ExternalKey key, Problem problem) {
    return new RecordedProblem(key, ProblemState.NEW, problem.priority(), false, Optional.empty(), Optional.empty());
  }

  /** What {@code problem} looks like once fully recorded under {@code key}. */
  public static RecordedProblem of(ExternalKey key, Problem problem) {
    return new RecordedProblem(key, problem.state(), problem.priority(), problem.knownError().isPresent(),
        problem.knownError().map(KnownError::workaround), problem.resolution());
  }
}
