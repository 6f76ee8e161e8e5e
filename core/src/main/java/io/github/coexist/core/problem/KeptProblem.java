package io.github.coexist.core.problem;

import io.github.coexist.core.error.CoexistError;
import java.util.Objects;
import java.util.Optional;

/**
 * A problem as the {@link ProblemManager} keeps it in a store: the problem, and whether the ITSM
 * tool holds it, so that a manager {@linkplain ProblemManager#restore restored} from these records
 * behaves as the one that kept them.
 *
 * @param problem the problem
 * @param unsynced present while the ITSM tool does not hold this snapshot: the error of the last
 *     try, or {@link CoexistError.Unavailable} before the first; a restored manager retries it on
 *     its next {@link ProblemManager#resync()}
 */
public record KeptProblem(Problem problem, Optional<CoexistError> unsynced) {
  public KeptProblem {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(unsynced, "unsynced");
  }
}
