package io.github.coexist.core.problem;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.support.FlakyTool;
import io.vavr.control.Either;
import java.util.Optional;

/** Problem records in a {@link FlakyTool}: down and up at will, copied across a restart. */
final class ToolProblems implements ProblemRecords {
  final FlakyTool<Problem, RecordedProblem> tool;

  ToolProblems() {
    this(new FlakyTool<>(Problem::recordKey, RecordedProblem::created, RecordedProblem::of));
  }

  private ToolProblems(FlakyTool<Problem, RecordedProblem> tool) {
    this.tool = tool;
  }

  /** The same tool, as a restarted manager finds it. */
  ToolProblems copy() {
    return new ToolProblems(tool.copy());
  }

  @Override
  public String system() {
    return "tool";
  }

  @Override
  public Either<CoexistError, ExternalKey> ensure(Problem problem) {
    return tool.ensure(problem);
  }

  @Override
  public Either<CoexistError, Optional<ExternalKey>> find(IdempotencyKey key) {
    return tool.find(key);
  }

  @Override
  public Either<CoexistError, RecordedProblem> update(ExternalKey key, Problem problem) {
    return tool.update(key, problem);
  }

  @Override
  public Either<CoexistError, RecordedProblem> read(ExternalKey key) {
    return tool.read(key);
  }
}
