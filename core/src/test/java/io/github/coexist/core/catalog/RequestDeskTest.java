package io.github.coexist.core.catalog;

import static io.github.coexist.core.catalog.CatalogFixtures.DAVE;
import static io.github.coexist.core.catalog.CatalogFixtures.DBA;
import static io.github.coexist.core.catalog.CatalogFixtures.DB_ACCESS;
import static io.github.coexist.core.catalog.CatalogFixtures.ERIN;
import static io.github.coexist.core.catalog.CatalogFixtures.STAGING;
import static io.github.coexist.core.support.Results.right;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.audit.InMemoryAuditStore;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.kernel.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RequestDeskTest {
  private final ManualClock clock = ManualClock.atMondayMorning();
  private final List<RequestEvent> events = new ArrayList<>();
  private final AuditTrail trail = new AuditTrail(new InMemoryAuditStore(), clock);
  private final AtomicInteger next = new AtomicInteger();
  private final RequestDesk desk = RequestDesk.builder(clock, CatalogFixtures.catalog()).listener(events::add)
      .audit(trail).ids(() -> RequestId.of("REQ-" + next.incrementAndGet())).build();


  private ServiceRequest dbAccess() {
    return right(desk.submit(DB_ACCESS.id(), DAVE, Map.of("database", "orders", "reason", "monthly report")));
  }

  @Test
  @DisplayName("a request is approved by an approver, fulfilled task by task, and fulfilled with the last task")
  void happyPath() {
    ServiceRequest submitted = dbAccess();
    assertThat(submitted.state()).isEqualTo(RequestState.SUBMITTED);
    assertThat(submitted.answers()).containsExactly(Map.entry("database", "orders"), Map.entry("reason", "monthly report"));
    clock.advance(Duration.ofHours(1));
    ServiceRequest approved = right(desk.approve(submitted.id(), DBA));
    assertThat(approved.approvedBy()).contains(DBA);
    assertThat(approved.approvedAt()).contains(clock.instant());
    ServiceRequest started = right(desk.startFulfilment(submitted.id(), ERIN));
    assertThat(started.tasks()).extracting(FulfilmentTask::name).containsExactly("create user", "grant read role");
    assertThat(started.tasks()).extracting(FulfilmentTask::team).containsOnly(TeamId.of("team-db"));
    ServiceRequest oneDone = right(desk.completeTask(submitted.id(), "create user", ERIN));
    assertThat(oneDone.state()).isEqualTo(RequestState.IN_FULFILMENT);
    assertThat(right(desk.completeTask(submitted.id(), "create user", ERIN)).openTasks()).hasSize(1);
    ServiceRequest fulfilled = right(desk.completeTask(submitted.id(), "grant read role", ERIN));
    assertThat(fulfilled.state()).isEqualTo(RequestState.FULFILLED);
    assertThat(fulfilled.fulfilledAt()).contains(clock.instant());
    assertThat(events).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Submitted", "Approved", "FulfilmentStarted", "Fulfilled");
    assertThat(trail.read(1, 100).get()).extracting(AuditEntry::action).containsExactly("request.submitted",
        "request.approved", "request.fulfilment-started", "request.task-done", "request.task-done", "request.fulfilled");
    assertThat(trail.verify().get().intact()).isTrue();
  }

  @Test
  @DisplayName("an item that needs no approval is approved by coexist on submission")
  void noApproval() {
    ServiceRequest request = right(desk.submit(STAGING.id(), DAVE, Map.of("name", "stage-7")));
    assertThat(request.state()).isEqualTo(RequestState.APPROVED);
    assertThat(request.approvedBy()).contains(Actor.COEXIST);
    AuditEntry approval = trail.read(2, 1).get().get(0);
    assertThat(approval.policyVersion()).contains("catalog-no-approval-v1");
  }

  @Test
  @DisplayName("answers are checked against the item's fields, listing every problem")
  void validation() {
    CoexistError error = desk.submit(DB_ACCESS.id(), DAVE, Map.of("database", "hr", "days", "a week",
        "manager", "not-an-address", "production", "maybe", "colour", "blue")).getLeft();
    assertThat(error).isInstanceOfSatisfying(CoexistError.InvalidInput.class, invalid ->
        assertThat(invalid.problems()).containsExactly(
            "database: 'hr' is not one of orders, payments",
            "reason is required",
            "days: 'a week' is not a number",
            "manager: 'not-an-address' is not an e-mail address",
            "production: 'maybe' is not true or false",
            "colour is not a field of db-read-access"));
    assertThat(desk.requests()).isEmpty();
    assertThat(desk.submit(CatalogItemId.of("pony"), DAVE, Map.of()).getLeft())
        .isEqualTo(new CoexistError.NotFound("catalog item", "pony"));
  }

  @Test
  @DisplayName("only the item's approvers decide, never the requester, and a rejection needs a reason")
  void whoDecides() {
    ServiceRequest request = dbAccess();
    assertThat(desk.approve(request.id(), Actor.person("mallory")).getLeft()).isInstanceOf(CoexistError.Forbidden.class);
    ServiceRequest byErin = right(desk.submit(DB_ACCESS.id(), ERIN, Map.of("database", "orders", "reason", "r")));
    assertThat(desk.approve(byErin.id(), ERIN).getLeft().message()).contains("cannot decide on it");
    assertThat(desk.reject(request.id(), DBA, " ").getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
    ServiceRequest rejected = right(desk.reject(request.id(), DBA, "use the reporting replica"));
    assertThat(rejected.reason()).contains("use the reporting replica");
    assertThat(desk.approve(request.id(), DBA).getLeft()).isInstanceOf(CoexistError.IllegalTransition.class);
  }

  @Test
  @DisplayName("fulfilment needs approval first, all tasks done, and a finished request stays finished")
  void rules() {
    ServiceRequest request = dbAccess();
    assertThat(desk.startFulfilment(request.id(), ERIN).getLeft()).isInstanceOf(CoexistError.IllegalTransition.class);
    right(desk.approve(request.id(), ERIN));
    right(desk.startFulfilment(request.id(), ERIN));
    assertThat(desk.fulfil(request.id(), ERIN).getLeft().message()).contains("2 tasks are still open");
    assertThat(desk.completeTask(request.id(), "dance", ERIN).getLeft()).isInstanceOf(CoexistError.NotFound.class);
    right(desk.cancel(request.id(), "no longer needed", DAVE));
    assertThat(desk.completeTask(request.id(), "create user", ERIN).getLeft()).isInstanceOf(CoexistError.IllegalTransition.class);
    assertThat(desk.cancel(request.id(), "again", DAVE).getLeft().message()).contains("the request is finished");
  }

  @Test
  @DisplayName("a catalog item must not ask a field or create a task twice")
  void itemChecks() {
    assertThatThrownBy(() -> CatalogItem.builder().id(CatalogItemId.of("x")).name("x")
        .addFields(FieldSpec.text("a", "A", true), FieldSpec.text("a", "A again", false)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("field a twice");
    assertThatThrownBy(() -> FieldSpec.choice("c", "C", true)).isInstanceOf(IllegalArgumentException.class);
  }
}
