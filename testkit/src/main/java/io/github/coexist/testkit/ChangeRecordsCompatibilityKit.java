package io.github.coexist.testkit;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
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
 * <p>Every test uses fresh idempotency keys ({@link #uniqueKey}), so a tool that keeps records
 * between tests does not disturb them.
 */
public abstract class ChangeRecordsCompatibilityKit {
  private ChangeRecords records;

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
  }

  private ExternalKey ensure(Change change) {
    return records.ensure(change).getOrElseThrow(e -> new AssertionError("ensure failed: " + e.message()));
  }

  private RecordedChange update(ExternalKey key, Change change) {
    return records.update(key, change).getOrElseThrow(e -> new AssertionError("update failed: " + e.message()));
  }

  /** A change the tool holds, and the key it holds it under. */
  private record Held(Change change, ExternalKey key) {}

  /** A new change of {@code type} in New, ensured in the tool. */
  private Held held(String name, ChangeType type) {
    Change change = change(uniqueKey(name), type, ChangeState.NEW);
    return new Held(change, ensure(change));
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

  @Test
  @DisplayName("names its system")
  void namesItsSystem() {
    assertThat(records.system()).isNotBlank();
  }

  @Nested
  @DisplayName("ensure")
  class Ensure {
    @Test
    @DisplayName("creates a record and returns a key of this system")
    void creates() {
      ExternalKey key = held("create").key();
      assertThat(key.system()).isEqualTo(records.system());
      assertThat(key.display()).isNotBlank();
    }

    @Test
    @DisplayName("twice with one idempotency key returns the same key")
    void twiceSameKey() {
      Change change = change(uniqueKey("twice"), ChangeType.NORMAL, ChangeState.NEW);
      assertThat(ensure(change)).isEqualTo(ensure(change));
    }

    @Test
    @DisplayName("with two idempotency keys creates two records")
    void twoKeys() {
      assertThat(held("one").key()).isNotEqualTo(held("two").key());
    }

    @Test
    @DisplayName("called concurrently with one idempotency key creates one record")
    void concurrent() throws Exception {
      Change change = change(uniqueKey("race"), ChangeType.NORMAL, ChangeState.NEW);
      int threads = 8;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Either<CoexistError, ExternalKey>>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          futures.add(pool.submit(() -> {
            start.await();
            return records.ensure(change);
          }));
        }
        start.countDown();
        Set<ExternalKey> keys = new HashSet<>();
        for (Future<Either<CoexistError, ExternalKey>> f : futures) {
          keys.add(f.get(30, TimeUnit.SECONDS).getOrElseThrow(e -> new AssertionError(e.message())));
        }
        assertThat(keys).hasSize(1);
        assertThat(records.find(change.idempotencyKey()).get()).contains(keys.iterator().next());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Nested
  @DisplayName("find")
  class Find {
    @Test
    @DisplayName("finds the record created under a key")
    void findsCreated() {
      Held held = held("find");
      assertThat(records.find(held.change().idempotencyKey()).get()).contains(held.key());
    }

    @Test
    @DisplayName("finds nothing under an unknown key")
    void unknown() {
      assertThat(records.find(IdempotencyKey.of(uniqueKey("unknown"))).get()).isEmpty();
    }
  }

  @Nested
  @DisplayName("update")
  class Update {
    @Test
    @DisplayName("to the next legal state reads back in that state")
    void nextState() {
      Held held = held("next");
      RecordedChange updated = move(held, ChangeState.ASSESS);
      assertThat(updated.state()).isEqualTo(ChangeState.ASSESS);
      assertThat(updated.key()).isEqualTo(held.key());
      assertThat(records.read(held.key()).get().state()).isEqualTo(ChangeState.ASSESS);
    }

    @Test
    @DisplayName("several states ahead walks the legal path and reads back in the target state")
    void severalAhead() {
      assertThat(move(held("ahead"), ChangeState.SCHEDULED).state()).isEqualTo(ChangeState.SCHEDULED);
    }

    @Test
    @DisplayName("to the state the record already has succeeds")
    void sameState() {
      Held held = held("same");
      move(held, ChangeState.ASSESS);
      assertThat(move(held, ChangeState.ASSESS).state()).isEqualTo(ChangeState.ASSESS);
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
  @DisplayName("read")
  class Read {
    @Test
    @DisplayName("reads a record back under its key")
    void readsBack() {
      Held held = held("read");
      RecordedChange read = records.read(held.key()).get();
      assertThat(read.key()).isEqualTo(held.key());
      assertThat(read.state()).isEqualTo(ChangeState.NEW);
      assertThat(read.closeCode()).isEmpty();
    }

    @Test
    @DisplayName("of an unknown key is not found")
    void unknown() {
      ExternalKey missing = new ExternalKey(records.system(), "does-not-exist-" + UUID.randomUUID(), "CHG9999999");
      assertThat(records.read(missing).getLeft()).isInstanceOf(CoexistError.NotFound.class);
    }
  }

  @Nested
  @DisplayName("approval in the tool")
  class ToolApproval {
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
}
