package io.github.coexist.testkit;

import static io.github.coexist.testkit.RecordsContract.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.RecordedChange;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.vavr.control.Either;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChangeRecords} implementation promises, as tests: extend it, implement {@link
 * #records()}, and override the hooks your tool needs. The in-memory store runs it first; remote
 * adapters run it against a local stand-in of their tool.
 *
 * <pre>{@code
 * class ServiceNowChangeRecordsCompatibilityTest extends ChangeRecordsCompatibilityKit {
 *   protected ChangeRecords records() { return adapter.changeRecords(); }
 *   protected boolean approveInTool(ExternalKey key) { standIn.approve(key.id()); return true; }
 * }
 * }</pre>
 *
 * <p>The checks every kind of record shares come from {@link EnsureContract}, {@link ReadContract}
 * and {@link UpdateContract}; the groups here add what only changes have (the legal path, close
 * codes, approvals). Every test uses fresh idempotency keys ({@link #uniqueKey}), so a tool that
 * keeps records between tests does not disturb them.
 */
@DisplayNameGeneration(ImplementerNames.class)
public abstract class ChangeRecordsCompatibilityKit {
  private ChangeRecords records;
  private Changes kind;

  /** The implementation under test; called once before each test. */
  protected abstract ChangeRecords records();

  /**
   * Approves the record in the tool as a person would there. Return false (the default) when the
   * tool cannot be driven from a test; the tests that need it are then skipped.
   */
  protected boolean approveInTool(ExternalKey key) {
    return false;
  }

  /** Rejects the record in the tool as a person would there; false (the default) skips. */
  protected boolean rejectInTool(ExternalKey key) {
    return false;
  }

  /** An idempotency key no other test uses. */
  protected String uniqueKey(String name) {
    return "kit:" + name + ":" + UUID.randomUUID();
  }

  /** A change for the tests; override to use a service or type your tool knows. */
  protected Change change(String key, ChangeType type, ChangeState state) {
    return SampleChanges.change(key, "shop", type, state);
  }

  @BeforeEach
  void createRecords() {
    records = records();
    kind = new Changes();
  }

  /** Changes as the generic records contracts see them: new in New, one step is Assess. */
  private final class Changes implements RecordKind<Change, RecordedChange> {
    @Override
    public RecordsPort<Change, RecordedChange> port() {
      return new RecordsPort<>(records::system, records::ensure, records::find, records::update, records::read);
    }

    @Override
    public Change fresh(String name) {
      return change(uniqueKey(name), ChangeType.NORMAL, ChangeState.NEW);
    }

    @Override
    public IdempotencyKey idempotencyKey(Change change) {
      return change.idempotencyKey();
    }

    @Override
    public Change nextStep(Change change, ExternalKey key) {
      return movedTo(new Held(change, key), ChangeState.ASSESS, Optional.empty());
    }

    @Override
    public ExternalKey key(RecordedChange recorded) {
      return recorded.key();
    }

    @Override
    public Enum<?> state(RecordedChange recorded) {
      return recorded.state();
    }

    @Override
    public Enum<?> firstState() {
      return ChangeState.NEW;
    }

    @Override
    public Enum<?> nextState() {
      return ChangeState.ASSESS;
    }

    @Override
    public ExternalKey missingKey() {
      return new ExternalKey(records.system(), "does-not-exist-" + UUID.randomUUID(), "CHG9999999");
    }
  }

  private RecordedChange update(ExternalKey key, Change change) {
    return succeeded(records.update(key, change), "update");
  }

  /** A change the tool holds, and the key it holds it under. */
  private record Held(Change change, ExternalKey key) {}

  /** A new change of {@code type} in New, ensured in the tool. */
  private Held held(String name, ChangeType type) {
    Change change = change(uniqueKey(name), type, ChangeState.NEW);
    return new Held(change, succeeded(records.ensure(change), "ensure"));
  }

  private Held held(String name) {
    return held(name, ChangeType.NORMAL);
  }

  /** The change moved to {@code state} (with {@code closeCode} when given), as coexist would send it. */
  private static Change movedTo(Held held, ChangeState state, Optional<CloseCode> closeCode) {
    return SampleChanges.moved(held.change(), state, closeCode).recordedAs(held.key());
  }

  private RecordedChange move(Held held, ChangeState state) {
    return update(held.key(), movedTo(held, state, Optional.empty()));
  }

  @Nested
  class Ensure implements EnsureContract<Change, RecordedChange> {
    @Override
    public RecordKind<Change, RecordedChange> kind() {
      return kind;
    }
  }

  @Nested
  class Update implements UpdateContract<Change, RecordedChange> {
    @Override
    public RecordKind<Change, RecordedChange> kind() {
      return kind;
    }

    @Test
    @DisplayName("several states ahead walks the legal path and reads back in the target state")
    void severalAhead() {
      assertThat(move(held("ahead"), ChangeState.SCHEDULED).state()).isEqualTo(ChangeState.SCHEDULED);
    }

    @Test
    @DisplayName("of a standard change goes from New to Scheduled")
    void standard() {
      assertThat(move(held("standard", ChangeType.STANDARD), ChangeState.SCHEDULED).state())
          .isEqualTo(ChangeState.SCHEDULED);
    }

    @Test
    @DisplayName("to Closed with a close code reads back closed with that code")
    void close() {
      Held held = held("close");
      move(held, ChangeState.SCHEDULED);
      RecordedChange closed = update(held.key(), movedTo(held, ChangeState.CLOSED, Optional.of(CloseCode.UNSUCCESSFUL)));
      assertThat(closed.state()).isEqualTo(ChangeState.CLOSED);
      assertThat(closed.closeCode()).contains(CloseCode.UNSUCCESSFUL);
    }

    @Test
    @DisplayName("to Canceled before implementation reads back canceled")
    void cancel() {
      Held held = held("cancel");
      move(held, ChangeState.AUTHORIZE);
      assertThat(move(held, ChangeState.CANCELED).state()).isEqualTo(ChangeState.CANCELED);
    }

    @Test
    @DisplayName("backwards, off the legal path, is refused and leaves the record as it was")
    void illegal() {
      Held held = held("illegal");
      move(held, ChangeState.SCHEDULED);
      Either<CoexistError, RecordedChange> back = records.update(held.key(),
          movedTo(held, ChangeState.ASSESS, Optional.empty()));
      assertThat(back.isLeft()).isTrue();
      assertThat(back.getLeft()).isInstanceOfAny(CoexistError.IllegalTransition.class, CoexistError.Conflict.class);
      assertThat(records.read(held.key()).get().state()).isEqualTo(ChangeState.SCHEDULED);
    }

    @Test
    @DisplayName("with an approved decision reads back approved, and the risk it knows is the change's")
    void approvalAndRisk() {
      Held held = held("approved");
      RecordedChange scheduled = move(held, ChangeState.SCHEDULED);
      assertThat(scheduled.approval()).isEqualTo(ApprovalStatus.APPROVED);
      scheduled.riskLevel().ifPresent(level -> assertThat(level).isEqualTo(held.change().risk().level()));
    }
  }

  @Nested
  class Read implements ReadContract<Change, RecordedChange> {
    @Override
    public RecordKind<Change, RecordedChange> kind() {
      return kind;
    }

    @Test
    @DisplayName("a new record has no close code")
    void noCloseCode() {
      assertThat(records.read(held("read").key()).get().closeCode()).isEmpty();
    }
  }

  @Nested
  class ApprovalInTheTool {
    @Test
    @DisplayName("an approval given in the tool reads back approved")
    void approved() {
      Held held = held("tool-approve");
      move(held, ChangeState.AUTHORIZE);
      assumeTrue(approveInTool(held.key()), "this tool cannot be approved from a test");
      assertThat(records.read(held.key()).get().approval()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    @DisplayName("a rejection given in the tool reads back rejected")
    void rejected() {
      Held held = held("tool-reject");
      move(held, ChangeState.AUTHORIZE);
      assumeTrue(rejectInTool(held.key()), "this tool cannot be rejected from a test");
      assertThat(records.read(held.key()).get().approval()).isEqualTo(ApprovalStatus.REJECTED);
    }
  }

  @Nested
  class ReadAll {
    @Test
    @DisplayName("reads many records back in one batch, each as read() reads it")
    void asRead() {
      Held first = held("batch-1");
      Held second = held("batch-2");
      Held third = held("batch-3");
      move(second, ChangeState.AUTHORIZE);
      move(third, ChangeState.SCHEDULED);
      Map<ExternalKey, RecordedChange> read = succeeded(records.readAll(
          List.of(first.key(), second.key(), third.key())), "readAll");
      assertThat(read).containsOnlyKeys(first.key(), second.key(), third.key());
      for (Held held : List.of(first, second, third)) {
        assertThat(read.get(held.key())).as("%s read in the batch", held.key())
            .isEqualTo(succeeded(records.read(held.key()), "read"));
      }
    }

    @Test
    @DisplayName("leaves out a key the tool holds no record under, and reads the others")
    void missing() {
      Held held = held("batch-known");
      ExternalKey missing = kind.missingKey();
      Map<ExternalKey, RecordedChange> read = succeeded(records.readAll(List.of(missing, held.key())), "readAll");
      assertThat(read).containsOnlyKeys(held.key());
    }

    @Test
    @DisplayName("of no keys is empty")
    void none() {
      assertThat(succeeded(records.readAll(List.of()), "readAll")).isEmpty();
    }

    @Test
    @DisplayName("reads a decision given in the tool, as read() does")
    void approvedInTool() {
      Held held = held("batch-tool-approve");
      move(held, ChangeState.AUTHORIZE);
      assumeTrue(approveInTool(held.key()), "this tool cannot be approved from a test");
      assertThat(succeeded(records.readAll(List.of(held.key())), "readAll").get(held.key()).approval())
          .isEqualTo(ApprovalStatus.APPROVED);
    }
  }
}
