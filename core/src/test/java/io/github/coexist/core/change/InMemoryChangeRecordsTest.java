package io.github.coexist.core.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.testing.FakeRisk;
import io.github.coexist.core.testing.Requests;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the in-memory system of record does beyond the port's kit (that runs in coexist-testkit). */
class InMemoryChangeRecordsTest {
  private static final Instant T0 = Instant.parse("2025-03-04T10:00:00Z");
  private final InMemoryChangeRecords records = new InMemoryChangeRecords();

  static Change change(String key, ChangeState state, Decision.Outcome outcome, Optional<String> authority) {
    return Change.builder()
        .id(ChangeId.of("ch-" + key)).idempotencyKey(IdempotencyKey.of(key)).type(ChangeType.NORMAL).model("normal")
        .state(state).request(Requests.built(key, "shop")).assignmentGroup(TeamId.of("web"))
        .risk(FakeRisk.of(RiskLevel.MODERATE, 40))
        .decision(new Decision(outcome, List.of(), "p-1", authority, Optional.empty(), Actor.COEXIST, T0, Optional.empty()))
        .plannedStart(T0).plannedEnd(T0.plusSeconds(1800)).createdAt(T0).updatedAt(T0)
        .build();
  }

  @Test
  @DisplayName("numbers records as ServiceNow does, CHG0001001 onwards")
  void numbers() {
    ExternalKey first = records.ensure(change("a", ChangeState.NEW, Decision.Outcome.PENDING, Optional.empty())).get();
    ExternalKey second = records.ensure(change("b", ChangeState.NEW, Decision.Outcome.PENDING, Optional.empty())).get();
    assertThat(first).isEqualTo(new ExternalKey("memory", "CHG0001001", "CHG0001001"));
    assertThat(second.display()).isEqualTo("CHG0001002");
  }

  @Test
  @DisplayName("an approval set in the tool stands while coexist reports the change pending, and yields to its final decision")
  void toolApproval() {
    Change pending = change("a", ChangeState.AUTHORIZE, Decision.Outcome.PENDING, Optional.of("cab"));
    ExternalKey key = records.ensure(pending).get();
    assertThat(records.read(key).get().approval()).isEqualTo(ApprovalStatus.REQUESTED);
    records.setApproval(key, ApprovalStatus.APPROVED).get();
    assertThat(records.update(key, pending).get().approval()).isEqualTo(ApprovalStatus.APPROVED);
    Change rejected = change("a", ChangeState.CANCELED, Decision.Outcome.REJECTED, Optional.of("cab"));
    assertThat(records.update(key, rejected).get().approval()).isEqualTo(ApprovalStatus.REJECTED);
  }

  @Test
  @DisplayName("refuses a move off the legal path, a key of another tool, and a change with another idempotency key")
  void refusals() {
    ExternalKey key = records.ensure(change("a", ChangeState.SCHEDULED, Decision.Outcome.APPROVED, Optional.empty())).get();
    assertThat(records.update(key, change("a", ChangeState.ASSESS, Decision.Outcome.PENDING, Optional.empty())).getLeft())
        .isInstanceOf(CoexistError.IllegalTransition.class);
    assertThat(records.read(ExternalKey.of("servicenow", "CHG0001001")).getLeft()).isInstanceOf(CoexistError.NotFound.class);
    assertThat(records.update(key, change("b", ChangeState.SCHEDULED, Decision.Outcome.APPROVED, Optional.empty())).getLeft())
        .isInstanceOf(CoexistError.Conflict.class);
    assertThat(records.read(key).get().state()).isEqualTo(ChangeState.SCHEDULED);
  }
}
