package io.github.coexist.adapters.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.RecordedChange;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.standins.servicenow.ServiceNowStandIn;
import io.vavr.control.Either;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of updates against the stand-in, with the invariants checked after each:
 * one record per key, no state ever moves backwards or out of a final state, a success lands
 * on the target (or beyond it only when the instance moved it there), a failure is a lifecycle
 * error and leaves the record on the way to the target, and read agrees with update.
 */
class ServiceNowChangeRecordsProperties {
  private static Harness api;
  private static Harness tableOnly;
  private static final AtomicInteger KEYS = new AtomicInteger();

  @BeforeAll
  static void start() {
    api = new Harness(ServiceNowStandIn.builder().changeApi(true).start());
    tableOnly = new Harness(ServiceNowStandIn.builder().changeApi(false).start());
    api.instance.addStandardTemplate("Restart web tier");
  }

  @AfterAll
  static void stop() {
    api.close();
    tableOnly.close();
  }

  @Test
  @DisplayName("random update sequences keep the change lifecycle's invariants, with and without the Change API")
  void lifecycleInvariants() {
    ChangeRecords withApi = api.adapter().changeRecords();
    ChangeRecords withTable = tableOnly.adapter().changeRecords();
    qt().withExamples(40)
        .forAll(integers().between(0, ChangeType.values().length - 1),
            lists().of(integers().between(0, ChangeState.values().length - 1)).ofSizeBetween(1, 6),
            lists().of(booleans().all()).ofSize(6),
            booleans().all())
        .checkAssert((typeIndex, targets, approvals, useApi) -> run(useApi ? api : tableOnly,
            useApi ? withApi : withTable, ChangeType.values()[typeIndex], targets, approvals));
  }

  private static void run(Harness harness, ChangeRecords records, ChangeType type, List<Integer> targets,
      List<Boolean> approvals) {
    String idempotencyKey = "prop-" + KEYS.incrementAndGet();
    Change base = TestChanges.change(idempotencyKey, type, ChangeState.NEW, Decision.Outcome.PENDING);
    ExternalKey key = records.ensure(base).getOrElseThrow(e -> new AssertionError(e.message()));
    assertThat(records.ensure(base).get()).isEqualTo(key);
    List<ChangeState> path = StateModel.path(type);
    ChangeState current = ChangeState.NEW;
    for (int i = 0; i < targets.size(); i++) {
      ChangeState target = ChangeState.values()[targets.get(i)];
      Decision.Outcome outcome = approvals.get(i) ? Decision.Outcome.APPROVED : Decision.Outcome.PENDING;
      Change wanted = TestChanges.moved(base, target, outcome);
      if (target == ChangeState.CLOSED) {
        wanted = TestChanges.closed(wanted, CloseCode.SUCCESSFUL);
      }
      Either<CoexistError, RecordedChange> result = records.update(key, wanted);
      RecordedChange now = records.read(key).getOrElseThrow(e -> new AssertionError(e.message()));
      if (current.isTerminal()) {
        assertThat(now.state()).as("a final state never changes").isEqualTo(current);
      } else if (now.state() != ChangeState.CANCELED) {
        assertThat(path.indexOf(now.state())).as("states only move forward").isGreaterThanOrEqualTo(path.indexOf(current));
      }
      if (result.isRight()) {
        assertThat(result.get()).isEqualTo(now);
        boolean onTarget = now.state() == target;
        boolean beyond = path.contains(target) && path.indexOf(now.state()) > path.indexOf(target);
        assertThat(onTarget || beyond).as("a success lands on %s, was %s", target, now.state()).isTrue();
      } else {
        assertThat(result.getLeft()).as("failures are lifecycle errors: %s", result.getLeft().message())
            .isInstanceOfAny(CoexistError.IllegalTransition.class, CoexistError.Conflict.class);
        assertThat(now.state() == current || now.state() != target).isTrue();
      }
      current = now.state();
    }
    assertThat(harness.instance.records("change_request", "correlation_id", idempotencyKey)).hasSize(1);
  }
}
