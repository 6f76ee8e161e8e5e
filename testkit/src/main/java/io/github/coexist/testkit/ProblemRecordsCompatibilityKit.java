package io.github.coexist.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.Priority;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.problem.Problem;
import io.github.coexist.core.problem.ProblemRecords;
import io.github.coexist.core.problem.ProblemState;
import io.github.coexist.core.problem.RecordedProblem;
import io.github.coexist.core.problem.Resolution;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ProblemRecords} implementation promises, as tests: extend it and implement
 * {@link #records()}. The in-memory store runs it first; remote adapters run it against a local
 * stand-in of their tool. Every test uses fresh problem ids ({@link #uniqueId}).
 */
public abstract class ProblemRecordsCompatibilityKit {
  private ProblemRecords records;

  /** The implementation under test; called once before each test. */
  protected abstract ProblemRecords records();

  /** A problem id no other test uses. */
  protected String uniqueId(String name) {
    return "kit-" + name + "-" + UUID.randomUUID();
  }

  /** A new problem for the tests; override to use a service your tool knows. */
  protected Problem problem(String id) {
    return SampleIncidents.problem(id);
  }

  @BeforeEach
  void createRecords() {
    records = records();
  }

  private ExternalKey ensure(Problem problem) {
    return records.ensure(problem).getOrElseThrow(e -> new AssertionError("ensure failed: " + e.message()));
  }

  private RecordedProblem update(ExternalKey key, Problem problem) {
    return records.update(key, problem).getOrElseThrow(e -> new AssertionError("update failed: " + e.message()));
  }

  private RecordedProblem read(ExternalKey key) {
    return records.read(key).getOrElseThrow(e -> new AssertionError("read failed: " + e.message()));
  }

  private static Problem keyed(Problem problem, ExternalKey key) {
    return Problem.builder().from(problem).externalKey(key).build();
  }

  @Test
  @DisplayName("names its system")
  void namesItsSystem() {
    assertThat(records.system()).isNotBlank();
  }

  @Nested
  @DisplayName("ensure")
  class Ensure {
    @Test
    @DisplayName("creates a record in state New with the problem's priority, not a known error")
    void creates() {
      ExternalKey key = ensure(problem(uniqueId("create")));
      assertThat(key.system()).isEqualTo(records.system());
      RecordedProblem recorded = read(key);
      assertThat(recorded.state()).isEqualTo(ProblemState.NEW);
      assertThat(recorded.priority()).isEqualTo(Priority.MODERATE);
      assertThat(recorded.knownError()).isFalse();
      assertThat(recorded.workaround()).isEmpty();
      assertThat(recorded.resolution()).isEmpty();
    }

    @Test
    @DisplayName("twice for one problem returns the same key, and find returns it")
    void twiceSameKey() {
      Problem problem = problem(uniqueId("twice"));
      ExternalKey key = ensure(problem);
      assertThat(ensure(problem)).isEqualTo(key);
      assertThat(records.find(problem.recordKey()).get()).contains(key);
      assertThat(records.find(IdempotencyKey.of("coexist:problem:" + uniqueId("never"))).get()).isEmpty();
    }

    @Test
    @DisplayName("called concurrently for one problem creates one record")
    void concurrent() throws Exception {
      Problem problem = problem(uniqueId("race"));
      assertThat(AtOnce.distinctResults(8, () -> records.ensure(problem))).hasSize(1);
    }
  }

  @Nested
  @DisplayName("update")
  class Update {
    @Test
    @DisplayName("follows the lifecycle to a fix, with the known error and its workaround, and reads back each step")
    void lifecycle() {
      Problem problem = problem(uniqueId("life"));
      ExternalKey key = ensure(problem);
      problem = keyed(problem, key);
      problem = SampleIncidents.moved(problem, ProblemState.ASSESS, Resolution.FIX_APPLIED);
      assertThat(update(key, problem).state()).isEqualTo(ProblemState.ASSESS);
      problem = SampleIncidents.moved(problem, ProblemState.ROOT_CAUSE_ANALYSIS, Resolution.FIX_APPLIED);
      assertThat(update(key, problem).state()).isEqualTo(ProblemState.ROOT_CAUSE_ANALYSIS);
      problem = SampleIncidents.knownError(problem, "restart the checkout pods");
      RecordedProblem known = update(key, problem);
      assertThat(known.knownError()).isTrue();
      assertThat(known.workaround()).contains("restart the checkout pods");
      for (ProblemState state : List.of(ProblemState.FIX_IN_PROGRESS, ProblemState.RESOLVED, ProblemState.CLOSED)) {
        problem = SampleIncidents.moved(problem, state, Resolution.FIX_APPLIED);
        assertThat(update(key, problem).state()).as("after moving to %s", state).isEqualTo(state);
      }
      RecordedProblem closed = read(key);
      assertThat(closed.state()).isEqualTo(ProblemState.CLOSED);
      assertThat(closed.resolution()).contains(Resolution.FIX_APPLIED);
    }

    @Test
    @DisplayName("goes back from Resolved to root cause analysis when a fix did not hold")
    void reopens() {
      Problem problem = problem(uniqueId("reopen"));
      ExternalKey key = ensure(problem);
      problem = keyed(problem, key);
      for (ProblemState state : List.of(ProblemState.ASSESS, ProblemState.ROOT_CAUSE_ANALYSIS,
          ProblemState.FIX_IN_PROGRESS, ProblemState.RESOLVED, ProblemState.ROOT_CAUSE_ANALYSIS)) {
        problem = SampleIncidents.moved(problem, state, Resolution.FIX_APPLIED);
        update(key, problem);
      }
      assertThat(read(key).state()).isEqualTo(ProblemState.ROOT_CAUSE_ANALYSIS);
    }

    @Test
    @DisplayName("closes a record that fell behind straight from New, with its resolution")
    void closesFromNew() {
      Problem problem = problem(uniqueId("accept"));
      ExternalKey key = ensure(problem);
      RecordedProblem closed = update(key, SampleIncidents.moved(keyed(problem, key), ProblemState.CLOSED,
          Resolution.RISK_ACCEPTED));
      assertThat(closed.state()).isEqualTo(ProblemState.CLOSED);
      assertThat(closed.resolution()).contains(Resolution.RISK_ACCEPTED);
    }

    @Test
    @DisplayName("to what the record already holds succeeds")
    void idempotent() {
      Problem problem = problem(uniqueId("same"));
      ExternalKey key = ensure(problem);
      Problem assessed = SampleIncidents.moved(keyed(problem, key), ProblemState.ASSESS, Resolution.FIX_APPLIED);
      RecordedProblem first = update(key, assessed);
      assertThat(update(key, assessed)).isEqualTo(first);
    }

    @Test
    @DisplayName("of a record that does not exist is not found, and so is its read")
    void unknown() {
      ExternalKey missing = ExternalKey.of(records.system(), uniqueId("missing"));
      assertThat(records.update(missing, problem(uniqueId("ghost"))).getLeft()).isInstanceOf(CoexistError.NotFound.class);
      assertThat(records.read(missing).getLeft()).isInstanceOf(CoexistError.NotFound.class);
    }
  }
}
