package io.github.coexist.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import io.github.coexist.testkit.implementers.FirstProblemRecords;
import io.github.coexist.testkit.implementers.SecondProblemRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;

class ImplementerNamesTest {
  @Test
  @DisplayName("two implementers of one kit in one module get results that name their own test class")
  void namesTheImplementer() {
    List<String> passed = run(FirstProblemRecords.class, SecondProblemRecords.class);
    assertThat(passed)
        .contains("FirstProblemRecords > FirstProblemRecords: ensure > names its system")
        .contains("SecondProblemRecords > SecondProblemRecords: ensure > names its system")
        .contains("SecondProblemRecords > SecondProblemRecords: read > of an unknown key is not found")
        .doesNotHaveDuplicates();
    assertThat(passed.stream().filter(path -> path.startsWith("FirstProblemRecords >")))
        .hasSize(passed.size() / 2);
  }

  @Test
  @DisplayName("a group's words come from its class name")
  void words() {
    assertThat(ImplementerNames.words("ApprovalInTheTool")).isEqualTo("approval in the tool");
    assertThat(ImplementerNames.words("Ensure")).isEqualTo("ensure");
  }

  /** Runs the classes on the JUnit Platform and answers the display-name path of every test that passed. */
  private static List<String> run(Class<?>... classes) {
    ConcurrentLinkedQueue<String> passed = new ConcurrentLinkedQueue<>();
    TestExecutionListener listener = new TestExecutionListener() {
      private TestPlan plan;

      @Override
      public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
      }

      @Override
      public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
          passed.add(path(plan, test));
        }
      }
    };
    var request = request();
    for (Class<?> c : classes) {
      request.selectors(selectClass(c));
    }
    LauncherFactory.create().execute(request.build(), listener);
    return new ArrayList<>(passed);
  }

  /** "Outer > Nested > test", from the class down, without the engine. */
  private static String path(TestPlan plan, TestIdentifier test) {
    List<String> names = new ArrayList<>();
    for (TestIdentifier at = test; at.getParentId().isPresent(); at = plan.getTestIdentifier(at.getParentId().get())) {
      names.add(0, at.getDisplayName());
    }
    return String.join(" > ", names);
  }
}
