package io.github.coexist.adapters.jira;

import static io.github.coexist.adapters.jira.Changes.moved;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.Decision.Outcome;
import io.github.coexist.core.change.RecordedChange;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.standins.jira.JiraStandIn;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JiraChangeRecordsTest {

  @Nested
  @DisplayName("creating a change")
  class Creating {

    @Test
    @DisplayName("writes the change fields with the site's ids, an ADF description, the labels and the key property")
    void writesTheIssue() {
      try (Fixture f = Fixture.start()) {
        Change change = Changes.normal("github:octo/shop:deployment:1");

        ExternalKey key = f.adapter.changeRecords().ensure(change).get();

        JiraStandIn.Issue issue = f.site.issue(key.id()).orElseThrow();
        assertThat(key.system()).isEqualTo("jira");
        assertThat(key.display()).isEqualTo(issue.key()).startsWith("OPS-");
        assertThat(issue.issueType()).isEqualTo("Change");
        assertThat(issue.status()).isEqualTo("Open");
        assertThat(issue.labels()).containsExactly("coexist", Jql.keyLabel("coexist", change.idempotencyKey()));
        assertThat(issue.fields())
            .containsEntry("summary", "Deploy shop github:octo/shop:deployment:1")
            .containsEntry(f.site.fieldId("Change type").orElseThrow(), "Normal")
            .containsEntry(f.site.fieldId("Change risk").orElseThrow(), "Medium")
            .containsEntry(f.site.fieldId("Planned start").orElseThrow(), "2025-03-03T10:15:30.000+0000")
            .containsEntry(f.site.fieldId("Planned end").orElseThrow(), "2025-03-03T10:45:30.000+0000");
        assertThat(issue.fields().get(f.site.fieldId("Affected services").orElseThrow())).contains("svc-checkout-0001");
        assertThat(issue.fields().get("description")).contains("\"type\":\"doc\"").contains("blast-radius +8")
            .contains("risk is moderate");
        assertThat(issue.properties().get("coexist.deployment"))
            .contains("\"key\":\"github:octo/shop:deployment:1\"").contains("\"service\":\"checkout\"");
      }
    }

    @Test
    @DisplayName("ensure with the same key twice creates one issue and returns the same key")
    void idempotent() {
      try (Fixture f = Fixture.start()) {
        Change change = Changes.normal("k-1");

        ExternalKey first = f.adapter.changeRecords().ensure(change).get();
        ExternalKey second = f.adapter.changeRecords().ensure(change).get();

        assertThat(second).isEqualTo(first);
        assertThat(f.site.count("POST", "/rest/api/3/issue")).isEqualTo(1);
        assertThat(f.adapter.changeRecords().find(change.idempotencyKey()).get()).contains(first);
      }
    }

    @Test
    @DisplayName("another process finds the issue by searching and reading the property back, and creates nothing")
    void anotherProcessFindsIt() {
      try (Fixture f = Fixture.start(); Fixture other = f.another(Map.of(), b -> b)) {
        Change change = Changes.normal("k-2");
        ExternalKey created = f.adapter.changeRecords().ensure(change).get();

        assertThat(other.adapter.changeRecords().ensure(change).get()).isEqualTo(created);
        assertThat(f.site.count("POST", "/rest/api/3/issue")).isEqualTo(1);
        assertThat(f.site.count("POST", "/rest/api/3/search/jql")).isPositive();
        assertThat(f.site.count("GET", "/rest/api/3/issue/" + created.id() + "/properties/coexist.deployment")).isPositive();
        assertThat(f.removedSearchCalls()).isZero();
      }
    }

    @Test
    @DisplayName("an unknown key is found nowhere")
    void unknownKey() {
      try (Fixture f = Fixture.start()) {
        assertThat(f.adapter.changeRecords().find(IdempotencyKey.of("never")).get()).isEmpty();
      }
    }

    @Test
    @DisplayName("concurrent ensures of one key in one process create exactly one issue")
    void concurrentEnsure() throws Exception {
      try (Fixture f = Fixture.start()) {
        Change change = Changes.normal("k-concurrent");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
          List<Callable<Either<CoexistError, ExternalKey>>> calls = new ArrayList<>();
          for (int i = 0; i < 8; i++) {
            calls.add(() -> f.adapter.changeRecords().ensure(change));
          }
          Set<ExternalKey> keys = pool.invokeAll(calls).stream().map(JiraChangeRecordsTest::get)
              .map(Either::get).collect(Collectors.toSet());

          assertThat(keys).hasSize(1);
          assertThat(f.site.issues()).hasSize(1);
        } finally {
          pool.shutdownNow();
        }
      }
    }

    @Test
    @DisplayName("two issues carrying the same key are a conflict naming both, and nothing is created")
    void duplicatesConflict() {
      try (Fixture f = Fixture.start()) {
        IdempotencyKey key = IdempotencyKey.of("k-dup");
        String label = Jql.keyLabel("coexist", key);
        String property = "{\"key\":\"k-dup\"}";
        String a = f.site.createChange("one", List.of("coexist", label), Map.of("coexist.deployment", property));
        String b = f.site.createChange("two", List.of("coexist", label), Map.of("coexist.deployment", property));

        CoexistError error = f.adapter.changeRecords().ensure(Changes.normal("k-dup")).getLeft();

        assertThat(error).isInstanceOf(CoexistError.Conflict.class);
        assertThat(error.message()).contains(a).contains(b);
        assertThat(f.site.count("POST", "/rest/api/3/issue")).isZero();
      }
    }

    @Test
    @DisplayName("an issue with the label but another key in its property is not taken for the change")
    void labelCollision() {
      try (Fixture f = Fixture.start()) {
        IdempotencyKey key = IdempotencyKey.of("k-collide");
        String stranger = f.site.createChange("stranger", List.of("coexist", Jql.keyLabel("coexist", key)),
            Map.of("coexist.deployment", "{\"key\":\"someone-else\"}"));

        ExternalKey created = f.adapter.changeRecords().ensure(Changes.normal("k-collide")).get();

        assertThat(created.display()).isNotEqualTo(stranger);
        assertThat(f.site.issues()).hasSize(2);
      }
    }

    @Test
    @DisplayName("search pages are followed by nextPageToken until the matching issue is found")
    void pagesBySearchToken() {
      try (Fixture f = Fixture.start(JiraStandIn.builder().searchPageSize(1))) {
        IdempotencyKey key = IdempotencyKey.of("k-paged");
        String label = Jql.keyLabel("coexist", key);
        f.site.createChange("a", List.of(label), Map.of("coexist.deployment", "{\"key\":\"x\"}"));
        f.site.createChange("b", List.of(label), Map.of());
        String mine = f.site.createChange("c", List.of(label), Map.of("coexist.deployment", "{\"key\":\"k-paged\"}"));

        assertThat(f.adapter.changeRecords().find(key).get()).map(ExternalKey::display).contains(mine);
        assertThat(f.site.count("POST", "/rest/api/3/search/jql")).isEqualTo(3);
      }
    }

    @Test
    @DisplayName("an issue created a moment ago is found through reconcileIssues although search lags behind")
    void reconcilesNewIssues() {
      try (Fixture f = Fixture.start(JiraStandIn.builder().searchLag(5), Map.of(), b -> b.indexCapacity(1))) {
        Change first = Changes.normal("k-first");
        ExternalKey created = f.adapter.changeRecords().ensure(first).get();
        f.adapter.changeRecords().ensure(Changes.normal("k-second")); // pushes k-first out of the small memory

        assertThat(f.adapter.changeRecords().find(first.idempotencyKey()).get()).contains(created);
        assertThat(f.site.issues()).hasSize(2);
      }
    }

    @Test
    @DisplayName("with an app indexing the property, lookup may search by the property instead of the label")
    void searchesByProperty() {
      try (Fixture f = Fixture.start(JiraStandIn.builder().indexProperty("coexist.deployment"),
          Map.of("coexist.jira.idempotency-search", "property"))) {
        Change change = Changes.normal("key with \"quotes\" and \\ backslash");
        ExternalKey created = f.adapter.changeRecords().ensure(change).get();
        Fixture other = f.another(Map.of("coexist.jira.idempotency-search", "property"), b -> b);

        assertThat(other.adapter.changeRecords().find(change.idempotencyKey()).get()).contains(created);
        other.close();
      }
    }

    @Test
    @DisplayName("without an index, searching by property is refused by Jira with its message")
    void propertySearchNeedsAnIndex() {
      try (Fixture f = Fixture.start(JiraStandIn.builder(), Map.of("coexist.jira.idempotency-search", "property"))) {
        CoexistError error = f.adapter.changeRecords().find(IdempotencyKey.of("k")).getLeft();

        assertThat(error).isInstanceOf(CoexistError.InvalidInput.class);
        assertThat(error.message()).contains("issue.property[coexist.deployment]");
      }
    }
  }

  @Nested
  @DisplayName("moving a change")
  class Moving {

    @Test
    @DisplayName("a normal change walks the workflow by named transitions, is approved by the bot, and closes")
    void normalLifecycle() {
      try (Fixture f = Fixture.start()) {
        Change change = Changes.normal("k-life");
        ExternalKey key = f.adapter.changeRecords().ensure(change).get();

        RecordedChange assess = f.adapter.changeRecords().update(key, moved(change, ChangeState.ASSESS, Outcome.PENDING)).get();
        RecordedChange authorize = f.adapter.changeRecords()
            .update(key, moved(change, ChangeState.AUTHORIZE, Outcome.PENDING)).get();
        RecordedChange scheduled = f.adapter.changeRecords()
            .update(key, moved(change, ChangeState.SCHEDULED, Outcome.APPROVED)).get();
        Change implementing = moved(change, ChangeState.IMPLEMENT, Outcome.APPROVED);
        RecordedChange implement = f.adapter.changeRecords().update(key, implementing).get();
        RecordedChange review = f.adapter.changeRecords().update(key, moved(change, ChangeState.REVIEW, Outcome.APPROVED)).get();
        RecordedChange closed = f.adapter.changeRecords()
            .update(key, Changes.closed(moved(change, ChangeState.REVIEW, Outcome.APPROVED), CloseCode.SUCCESSFUL_WITH_ISSUES,
                "slow start")).get();

        assertThat(assess.state()).isEqualTo(ChangeState.ASSESS);
        assertThat(authorize.state()).isEqualTo(ChangeState.AUTHORIZE);
        assertThat(authorize.approval()).isEqualTo(ApprovalStatus.REQUESTED);
        assertThat(scheduled.state()).isEqualTo(ChangeState.SCHEDULED);
        assertThat(scheduled.approval()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(implement.state()).isEqualTo(ChangeState.IMPLEMENT);
        assertThat(review.state()).isEqualTo(ChangeState.REVIEW);
        assertThat(closed.state()).isEqualTo(ChangeState.CLOSED);
        assertThat(closed.closeCode()).contains(CloseCode.SUCCESSFUL_WITH_ISSUES);
        assertThat(closed.riskLevel()).contains(RiskLevel.MODERATE);
        assertThat(f.site.issue(key.id()).orElseThrow().status()).isEqualTo("Completed");
        assertThat(f.site.issue(key.id()).orElseThrow().properties().get("coexist.deployment")).contains("slow start");
      }
    }

    @Test
    @DisplayName("moving several states at once takes every step on the way, approval included")
    void manyStepsAtOnce() {
      try (Fixture f = Fixture.start()) {
        Change change = Changes.normal("k-jump");
        ExternalKey key = f.adapter.changeRecords().ensure(change).get();

        RecordedChange implement = f.adapter.changeRecords()
            .update(key, moved(change, ChangeState.IMPLEMENT, Outcome.APPROVED)).get();

        assertThat(implement.state()).isEqualTo(ChangeState.IMPLEMENT);
        assertThat(implement.approval()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(f.site.count("POST", "/rest/servicedeskapi/request/" + key.id() + "/approval/")).isEqualTo(1);
      }
    }

    @Test
    @DisplayName("a standard change skips approval by the transition only standard changes are offered")
    void standardSkipsApproval() {
      try (Fixture f = Fixture.start()) {
        Change change = Changes.change("k-std", ChangeType.STANDARD, RiskLevel.LOW, ChangeState.NEW, Outcome.APPROVED);
        ExternalKey key = f.adapter.changeRecords().ensure(change).get();

        RecordedChange scheduled = f.adapter.changeRecords().update(key, moved(change, ChangeState.SCHEDULED, Outcome.APPROVED)).get();

        assertThat(scheduled.state()).isEqualTo(ChangeState.SCHEDULED);
        assertThat(scheduled.approval()).isEqualTo(ApprovalStatus.NOT_REQUESTED);
        assertThat(scheduled.riskLevel()).contains(RiskLevel.LOW);
      }
    }

    @Test
    @DisplayName("moving to the state the record already has changes nothing and succeeds")
    void sameStateIsANoOp() {
      try (Fixture f = Fixture.start()) {
        Change change = Changes.normal("k-same");
        ExternalKey key = f.adapter.changeRecords().ensure(change).get();
        f.adapter.changeRecords().update(key, moved(change, ChangeState.ASSESS, Outcome.PENDING)).get();
        long transitions = f.site.count("POST", "/rest/api/3/issue/" + key.id() + "/transitions");
        long edits = f.site.count("PUT", "/rest/api/3/issue/" + key.id());

        RecordedChange again = f.adapter.changeRecords().update(key, moved(change, ChangeState.ASSESS, Outcome.PENDING)).get();

        assertThat(again.state()).isEqualTo(ChangeState.ASSESS);
        assertThat(f.site.count("POST", "/rest/api/3/issue/" + key.id() + "/transitions")).isEqualTo(transitions);
        assertThat(f.site.count("PUT", "/rest/api/3/issue/" + key.id())).isEqualTo(edits);
      }
    }

    @Test
    @DisplayName("a changed risk is written to the change risk field")
    void riskChanges() {
      try (Fixture f = Fixture.start()) {
        Change change = Changes.normal("k-risk");
        ExternalKey key = f.adapter.changeRecords().ensure(change).get();
        Change riskier = Changes.change("k-risk", ChangeType.NORMAL, RiskLevel.VERY_HIGH, ChangeState.NEW, Outcome.PENDING);

        RecordedChange read = f.adapter.changeRecords().update(key, riskier).get();

        assertThat(read.riskLevel()).contains(RiskLevel.VERY_HIGH);
        assertThat(f.site.issue(key.id()).orElseThrow().fields().get(f.site.fieldId("Change risk").orElseThrow()))
            .isEqualTo("Critical");
      }
    }

    @Test
    @DisplayName("a pending change cannot pass the approval step: the error names the transitions Jira offers")
    void missingTransitionNamesTheAvailableOnes() {
      try (Fixture f = Fixture.start()) {
        Change change = Changes.normal("k-stuck");
        ExternalKey key = f.adapter.changeRecords().ensure(change).get();

        CoexistError error = f.adapter.changeRecords().update(key, moved(change, ChangeState.REVIEW, Outcome.PENDING)).getLeft();

        assertThat(error).isInstanceOf(CoexistError.IllegalTransition.class);
        assertThat(error.message()).contains("Awaiting CAB approval").contains("Peer review")
            .contains("'Cancel' (to Canceled)").contains("waits for its approvers");
      }
    }

    @Test
    @DisplayName("when the account is no approver, an approved change waits in Jira and says so")
    void notAnApprover() {
      try (Fixture f = Fixture.start(JiraStandIn.builder().approvers("cab-member"))) {
        Change change = Changes.normal("k-noapprover");
        ExternalKey key = f.adapter.changeRecords().ensure(change).get();

        CoexistError error = f.adapter.changeRecords().update(key, moved(change, ChangeState.SCHEDULED, Outcome.APPROVED))
            .getLeft();

        assertThat(error).isInstanceOf(CoexistError.IllegalTransition.class);
        assertThat(f.site.count("POST", "/rest/servicedeskapi/")).isZero();
        assertThat(f.adapter.changeRecords().read(key).get().approval()).isEqualTo(ApprovalStatus.REQUESTED);
      }
    }

    @Test
    @DisplayName("an approval someone else approved a moment before (409) counts as done")
    void alreadyApprovedByAnother() {
      try (Fixture f = Fixture.start(JiraStandIn.builder().approvers("5b10ac8d82e05b22cc7d4ef5", "cab"))) {
        Change change = Changes.normal("k-race");
        ExternalKey key = f.adapter.changeRecords().ensure(change).get();
        f.adapter.changeRecords().update(key, moved(change, ChangeState.AUTHORIZE, Outcome.PENDING)).get();
        f.site.raceNextApprovalAnswer("cab", true);

        RecordedChange scheduled = f.adapter.changeRecords().update(key, moved(change, ChangeState.SCHEDULED, Outcome.APPROVED))
            .get();

        assertThat(scheduled.state()).isEqualTo(ChangeState.SCHEDULED);
        assertThat(scheduled.approval()).isEqualTo(ApprovalStatus.APPROVED);
      }
    }

    @Test
    @DisplayName("an approval someone else declined a moment before (409) is a conflict")
    void alreadyDeclinedByAnother() {
      try (Fixture f = Fixture.start(JiraStandIn.builder().approvers("5b10ac8d82e05b22cc7d4ef5", "cab"))) {
        Change change = Changes.normal("k-race-2");
        ExternalKey key = f.adapter.changeRecords().ensure(change).get();
        f.adapter.changeRecords().update(key, moved(change, ChangeState.AUTHORIZE, Outcome.PENDING)).get();
        f.site.raceNextApprovalAnswer("cab", false);

        CoexistError error = f.adapter.changeRecords().update(key, moved(change, ChangeState.SCHEDULED, Outcome.APPROVED))
            .getLeft();

        assertThat(error).isInstanceOf(CoexistError.Conflict.class);
        assertThat(error.message()).contains("already declined");
        assertThat(f.adapter.changeRecords().read(key).get().approval()).isEqualTo(ApprovalStatus.REJECTED);
      }
    }

    @Test
    @DisplayName("a rejected change is declined through its approval and reads back canceled and rejected")
    void rejected() {
      try (Fixture f = Fixture.start()) {
        Change change = Changes.normal("k-reject");
        ExternalKey key = f.adapter.changeRecords().ensure(change).get();
        f.adapter.changeRecords().update(key, moved(change, ChangeState.AUTHORIZE, Outcome.PENDING)).get();

        RecordedChange canceled = f.adapter.changeRecords().update(key, moved(change, ChangeState.CANCELED, Outcome.REJECTED))
            .get();

        assertThat(canceled.state()).isEqualTo(ChangeState.CANCELED);
        assertThat(canceled.approval()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(f.site.issue(key.id()).orElseThrow().status()).isEqualTo("Declined");
      }
    }

    @Test
    @DisplayName("an unsuccessful close ends in Failed and reads back unsuccessful; a closed issue moves no more")
    void failed() {
      try (Fixture f = Fixture.start()) {
        Change change = Changes.change("k-fail", ChangeType.STANDARD, RiskLevel.LOW, ChangeState.NEW, Outcome.APPROVED);
        ExternalKey key = f.adapter.changeRecords().ensure(change).get();
        f.adapter.changeRecords().update(key, moved(change, ChangeState.IMPLEMENT, Outcome.APPROVED)).get();

        RecordedChange closed = f.adapter.changeRecords()
            .update(key, Changes.closed(change, CloseCode.UNSUCCESSFUL, "rolled back")).get();
        CoexistError reopen = f.adapter.changeRecords().update(key, moved(change, ChangeState.IMPLEMENT, Outcome.APPROVED))
            .getLeft();

        assertThat(closed.state()).isEqualTo(ChangeState.CLOSED);
        assertThat(closed.closeCode()).contains(CloseCode.UNSUCCESSFUL);
        assertThat(f.site.issue(key.id()).orElseThrow().status()).isEqualTo("Failed");
        assertThat(reopen).isInstanceOf(CoexistError.IllegalTransition.class);
        assertThat(reopen.message()).contains("already closed");
      }
    }

    @Test
    @DisplayName("a configured transition name is preferred over finding one by the status it leads to")
    void configuredTransitionName() {
      try (Fixture f = Fixture.start(JiraStandIn.builder(), Map.of("coexist.jira.transition.assess", "Cancel"))) {
        Change change = Changes.normal("k-named");
        ExternalKey key = f.adapter.changeRecords().ensure(change).get();

        CoexistError error = f.adapter.changeRecords().update(key, moved(change, ChangeState.ASSESS, Outcome.PENDING))
            .getLeft();

        // The (deliberately wrong) configured name wins over the transition to Planning: the issue
        // lands in Canceled, and the update says it did not get where it should.
        assertThat(f.site.issue(key.id()).orElseThrow().status()).isEqualTo("Canceled");
        assertThat(error).isInstanceOf(CoexistError.IllegalTransition.class);
        assertThat(error.message()).contains("Canceled").contains("Planning");
      }
    }
  }

  @Nested
  @DisplayName("reading a change")
  class Reading {

    @Test
    @DisplayName("a status no state is mapped to is an error naming the status and the setting")
    void unmappedStatus() {
      try (Fixture f = Fixture.start(JiraStandIn.builder(), Map.of("coexist.jira.status.review", "Post-implementation review"))) {
        Change change = Changes.change("k-unmapped", ChangeType.STANDARD, RiskLevel.LOW, ChangeState.NEW, Outcome.APPROVED);
        ExternalKey key = f.adapter.changeRecords().ensure(change).get();
        f.adapter.changeRecords().update(key, moved(change, ChangeState.IMPLEMENT, Outcome.APPROVED)).get();
        f.site.transitionAs(key.display(), "Request review", "someone");

        CoexistError error = f.adapter.changeRecords().read(key).getLeft();

        assertThat(error).isInstanceOf(CoexistError.InvalidInput.class);
        assertThat(error.message()).contains("'Peer review'").contains("coexist.jira.status.<state>");
      }
    }

    @Test
    @DisplayName("a missing issue is NotFound; a key of another tool is refused; another change's issue is a conflict")
    void wrongKeys() {
      try (Fixture f = Fixture.start()) {
        ExternalKey mine = f.adapter.changeRecords().ensure(Changes.normal("k-mine")).get();

        assertThat(f.adapter.changeRecords().read(new ExternalKey("jira", "99999", "OPS-999")).getLeft())
            .isInstanceOf(CoexistError.NotFound.class);
        assertThat(f.adapter.changeRecords().read(ExternalKey.of("servicenow", "abc")).getLeft())
            .isInstanceOf(CoexistError.InvalidInput.class);
        assertThat(f.adapter.changeRecords().update(mine, Changes.normal("k-other")).getLeft())
            .isInstanceOf(CoexistError.Conflict.class);
      }
    }
  }

  private static <T> T get(Future<T> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
