package io.github.coexist.testkit;

import io.github.coexist.core.problem.InMemoryProblemRecords;
import io.github.coexist.core.problem.ProblemRecords;

class InMemoryProblemRecordsCompatibilityTest extends ProblemRecordsCompatibilityKit {
  @Override
  protected ProblemRecords records() {
    return new InMemoryProblemRecords();
  }
}
