package io.github.coexist.core.risk;

import io.github.coexist.core.risk.RiskContext.CommitRuns;
import java.util.ArrayList;
import java.util.List;

/**
 * How the commit being deployed went in the service's other environments: a failure of the same
 * commit in staging or a canary is the best evidence there is that it will fail here too, so any
 * failure scores the whole weight. Runs elsewhere are evidence only, never this environment's
 * history.
 */
final class SameCommitFactor extends BuiltInFactor {

  SameCommitFactor(double weight) {
    super("same-commit-elsewhere", weight);
  }

  @Override
  public FactorContribution assess(RiskContext context) {
    if (context.request().headSha().isEmpty()) {
      return contribution(0, "commit not known");
    }
    List<String> failed = new ArrayList<>();
    List<String> passed = new ArrayList<>();
    for (CommitRuns runs : context.sameCommitElsewhere()) {
      if (runs.failed() > 0) {
        failed.add(runs.failed() + " in " + runs.environment());
      } else if (runs.succeeded() > 0) {
        passed.add(runs.environment());
      }
    }
    if (!failed.isEmpty()) {
      return contribution(1, "the same commit failed elsewhere: " + String.join(", ", failed));
    }
    return passed.isEmpty() ? contribution(0, "the same commit has not run in another environment")
        : contribution(0, "the same commit succeeded in " + String.join(", ", passed));
  }
}
