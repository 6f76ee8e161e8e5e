package io.github.coexist.adapters.jira;

import static io.github.coexist.adapters.jira.Changes.moved;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.Decision.Outcome;
import io.github.coexist.core.change.RecordedChange;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.standins.jira.JiraStandIn;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Decisions made in Jira read back as what they are: on changes that are no customer request
 * (no service desk approvals), on changes cancelled or declined in Jira, and on changes an
 * automation rule approves the moment they await approval.
 */
class JiraApprovalReadBackTest {

  /** A change created and moved to approval; the key. */
  private static ExternalKey awaitingApproval(ChangeRecords records, Change change) {
    ExternalKey key = records.ensure(change).get();
    records.update(key, moved(change, ChangeState.ASSESS, Outcome.PENDING)).get();
    records.update(key, moved(change, ChangeState.AUTHORIZE, Outcome.PENDING)).get();
    return key;
  }

  @Test
  @DisplayName("a change that is no customer request waits in approval, and reads back approved once a person approves it by its workflow")
  void plainIssueApprovedByWorkflow() {
    try (Fixture f = Fixture.start(JiraStandIn.builder().plainChanges(), Map.of())) {
      ChangeRecords records = f.adapter.changeRecords();
      ExternalKey key = awaitingApproval(records, Changes.normal("k-plain"));
      assertThat(records.read(key).get().approval()).isEqualTo(ApprovalStatus.REQUESTED);

      assertThat(f.site.transitionAs(key.display(), "Approve", "cab-member")).isTrue();

      RecordedChange read = records.read(key).get();
      assertThat(read.state()).isEqualTo(ChangeState.SCHEDULED);
      assertThat(read.approval()).isEqualTo(ApprovalStatus.APPROVED);
    }
  }

  @Test
  @DisplayName("a change that is no customer request, declined in Jira, reads back rejected")
  void plainIssueDeclined() {
    try (Fixture f = Fixture.start(JiraStandIn.builder().plainChanges(), Map.of())) {
      ChangeRecords records = f.adapter.changeRecords();
      ExternalKey key = awaitingApproval(records, Changes.normal("k-plain-declined"));

      assertThat(f.site.transitionAs(key.display(), "Decline", "cab-member")).isTrue();

      RecordedChange read = records.read(key).get();
      assertThat(read.approval()).isEqualTo(ApprovalStatus.REJECTED);
      assertThat(read.state()).isEqualTo(ChangeState.CANCELED);
    }
  }

  @Test
  @DisplayName("coexist's own approval of a change that is no customer request takes the workflow's Approve transition")
  void plainIssueApprovedByCoexist() {
    try (Fixture f = Fixture.start(JiraStandIn.builder().plainChanges(), Map.of())) {
      ChangeRecords records = f.adapter.changeRecords();
      Change change = Changes.normal("k-plain-coexist");
      ExternalKey key = awaitingApproval(records, change);

      RecordedChange scheduled = records.update(key, moved(change, ChangeState.SCHEDULED, Outcome.APPROVED)).get();

      assertThat(scheduled.state()).isEqualTo(ChangeState.SCHEDULED);
      assertThat(scheduled.approval()).isEqualTo(ApprovalStatus.APPROVED);
      assertThat(f.site.count("GET", "/rest/servicedeskapi/request/")).isPositive();
    }
  }

  @Test
  @DisplayName("a request cancelled in Jira while its approval is pending reads back rejected, with Jira's resolution on the issue")
  void requestCancelledInJira() {
    try (Fixture f = Fixture.start()) {
      ChangeRecords records = f.adapter.changeRecords();
      ExternalKey key = awaitingApproval(records, Changes.normal("k-cancelled"));
      assertThat(records.read(key).get().approval()).isEqualTo(ApprovalStatus.REQUESTED);

      assertThat(f.site.transitionAs(key.display(), "Cancel", "change-manager")).isTrue();

      RecordedChange read = records.read(key).get();
      assertThat(read.approval()).isEqualTo(ApprovalStatus.REJECTED);
      assertThat(read.state()).isEqualTo(ChangeState.CANCELED);
      assertThat(f.site.issue(key.id()).orElseThrow().fields()).containsEntry("resolution", "Won't Do");
    }
  }

  @Test
  @DisplayName("an approval an automation rule gives the moment the change awaits it reads back as approved, not as a change out of step")
  void automationApprovesAtOnce() {
    try (Fixture f = Fixture.start(JiraStandIn.builder().automationApproves(), Map.of())) {
      ChangeRecords records = f.adapter.changeRecords();
      Change change = Changes.normal("k-automation");
      ExternalKey key = records.ensure(change).get();
      records.update(key, moved(change, ChangeState.ASSESS, Outcome.PENDING)).get();

      RecordedChange authorize = records.update(key, moved(change, ChangeState.AUTHORIZE, Outcome.PENDING)).get();

      assertThat(authorize.state()).isEqualTo(ChangeState.AUTHORIZE);
      assertThat(authorize.approval()).isEqualTo(ApprovalStatus.APPROVED);
      assertThat(f.site.issue(key.id()).orElseThrow().status()).isEqualTo("Awaiting implementation");
      RecordedChange scheduled = records.update(key, moved(change, ChangeState.SCHEDULED, Outcome.APPROVED)).get();
      assertThat(scheduled.state()).isEqualTo(ChangeState.SCHEDULED);
    }
  }
}
