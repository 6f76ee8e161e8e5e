package io.github.coexist.testkit;

import static io.github.coexist.testkit.RecordsContract.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ProblemRecords} implementation promises, as tests: extend it and implement
 * {@link #records()}. The in-memory store runs it first; remote adapters run it against a local
 * stand-in of their tool. The checks every kind of record shares come from {@link EnsureContract},
 * {@link ReadContract} and {@link UpdateContract}; the groups here add what only problems have
 * (known errors, resolutions, reopening). Every test uses fresh problem ids ({@link #uniqueId}).
 */
@DisplayNameGeneration(ImplementerNames.class)
public abstract class ProblemRecordsCompatibilityKit {
  private ProblemRecords records;
  private Problems kind;

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
    kind = new Problems();
  }

  /** Problems as the generic records contracts see them: new in New, one step is Assess. */
  private final class Problems implements RecordKind<Problem, RecordedProblem> {
    @Override
    public RecordsPort<Problem, RecordedProblem> port() {
      return new RecordsPort<>(records::system, records::ensure, records::find, records::update, records::read);
    }

    @Override
    public Problem fresh(String name) {
      return problem(uniqueId(name));
    }

    @Override
    public IdempotencyKey idempotencyKey(Problem problem) {
      return problem.recordKey();
    }

    @Override
    public Problem nextStep(Problem problem, ExternalKey key) {
      return SampleIncidents.moved(keyed(problem, key), ProblemState.ASSESS, Resolution.FIX_APPLIED);
    }

    @Override
    public ExternalKey key(RecordedProblem recorded) {
      return recorded.key();
    }

    @Override
    public Enum<?> state(RecordedProblem recorded) {
      return recorded.state();
    }

    @Override
    public Enum<?> firstState() {
      return ProblemState.NEW;
    }

    @Override
    public Enum<?> nextState() {
      return ProblemState.ASSESS;
    }
  }

  private ExternalKey ensure(Problem problem) {
    return succeeded(records.ensure(problem), "ensure");
  }

  private RecordedProblem update(ExternalKey key, Problem problem) {
    return succeeded(records.update(key, problem), "update");
  }

  private RecordedProblem read(ExternalKey key) {
    return succeeded(records.read(key), "read");
  }

  private static Problem keyed(Problem problem, ExternalKey key) {
    return Problem.builder().from(problem).externalKey(key).build();
  }

  @Nested
  class Ensure implements EnsureContract<Problem, RecordedProblem> {
    @Override
    public RecordKind<Problem, RecordedProblem> kind() {
      return kind;
    }

    @Test
    @DisplayName("creates a record with the problem's priority, not a known error, with no workaround or resolution")
    void createsWithPriority() {
      RecordedProblem recorded = read(ensure(problem(uniqueId("create"))));
      assertThat(recorded.state()).isEqualTo(ProblemState.NEW);
      assertThat(recorded.priority()).isEqualTo(Priority.MODERATE);
      assertThat(recorded.knownError()).isFalse();
      assertThat(recorded.workaround()).isEmpty();
      assertThat(recorded.resolution()).isEmpty();
    }
  }

  @Nested
  class Update implements UpdateContract<Problem, RecordedProblem> {
    @Override
    public RecordKind<Problem, RecordedProblem> kind() {
      return kind;
    }

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
  }

  @Nested
  class Read implements ReadContract<Problem, RecordedProblem> {
    @Override
    public RecordKind<Problem, RecordedProblem> kind() {
      return kind;
    }
  }
}
