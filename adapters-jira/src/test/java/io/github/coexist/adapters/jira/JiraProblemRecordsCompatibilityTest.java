package io.github.coexist.adapters.jira;

import io.github.coexist.core.problem.ProblemRecords;
import io.github.coexist.standins.jira.JiraStandIn;
import io.github.coexist.testkit.ProblemRecordsCompatibilityKit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The problem records kit against the adapter and the stand-in Jira site. */
class JiraProblemRecordsCompatibilityTest extends ProblemRecordsCompatibilityKit {
  private static Fixture jira;

  @BeforeAll
  static void start() {
    jira = Fixture.start(JiraStandIn.builder(), Map.of());
  }

  @AfterAll
  static void stop() {
    jira.close();
  }

  @Override
  protected ProblemRecords records() {
    return jira.adapter.problemRecords();
  }
}
