package io.github.coexist.testkit.implementers;

import io.github.coexist.core.problem.InMemoryProblemRecords;
import io.github.coexist.core.problem.ProblemRecords;
import io.github.coexist.testkit.ProblemRecordsCompatibilityKit;

/** One of two implementers of a kit in one module, run by {@code ImplementerNamesTest} (not by surefire). */
public class SecondProblemRecords extends ProblemRecordsCompatibilityKit {
  @Override
  protected ProblemRecords records() {
    return new InMemoryProblemRecords();
  }
}
