package io.github.coexist.adapters.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.RecordedChange;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.standins.servicenow.ServiceNowStandIn;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceNowChangeRecordsTest {
  private Harness harness;
  private ChangeRecords records;

  private ChangeRecords start(boolean changeApi) {
    harness = new Harness(ServiceNowStandIn.builder().changeApi(changeApi).start());
    records = harness.adapter().changeRecords();
    return records;
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  private Map<String, String> stored(ExternalKey key) {
    return harness.instance.record("change_request", key.id()).orElseThrow();
  }

  @ParameterizedTest(name = "change api {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("ensure creates one change carrying the key, the deployment, the risk and the planned window")
  void ensureCreates(boolean changeApi) {
    start(changeApi);
    ExternalKey key = records.ensure(TestChanges.change("github:octo/shop:deployment:1")).get();

    Map<String, String> chg = stored(key);
    assertThat(key.system()).isEqualTo("servicenow");
    assertThat(key.display()).startsWith("CHG");
    assertThat(chg).containsEntry("correlation_id", "github:octo/shop:deployment:1")
        .containsEntry("type", "normal")
        .containsEntry("state", "-5")
        .containsEntry("risk", "2")
        .containsEntry("impact", "1")
        .containsEntry("start_date", "2025-03-04 10:15:30")
        .containsEntry("end_date", "2025-03-04 10:45:30")
        .containsEntry("short_description", "Deploy shop 1.4.2")
        .containsEntry("cmdb_ci", harness.instance.records("cmdb_ci_service", "name", "shop").get(0).get("sys_id"))
        .containsEntry("assignment_group",
            harness.instance.records("sys_user_group", "name", "payments").get(0).get("sys_id"));
    assertThat(chg.get("description")).contains("Risk: HIGH (score 55/100)", "blast-radius +30: 3 services depend on shop",
        "Repository: octo/shop at 0123456789abcdef");
    assertThat(harness.instance.requests().stream().anyMatch(r -> r.startsWith("POST /api/sn_chg_rest/change/normal")))
        .isEqualTo(changeApi);
  }

  @ParameterizedTest(name = "change api {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("ensure with the same key twice finds the first record instead of creating a second")
  void ensureIsIdempotent(boolean changeApi) {
    start(changeApi);
    Change change = TestChanges.change("k-1");
    ExternalKey first = records.ensure(change).get();
    ExternalKey second = records.ensure(change).get();

    assertThat(second).isEqualTo(first);
    assertThat(harness.instance.records("change_request")).hasSize(1);
    assertThat(records.find(IdempotencyKey.of("k-1")).get()).contains(first);
    assertThat(records.find(IdempotencyKey.of("k-2")).get()).isEmpty();
  }

  @Test
  @DisplayName("concurrent ensure with one key in one process creates exactly one record")
  void concurrentEnsure() throws Exception {
    start(true);
    Change change = TestChanges.change("k-concurrent");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Either<CoexistError, ExternalKey>>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> records.ensure(change));
      }
      List<ExternalKey> keys = new ArrayList<>();
      for (Future<Either<CoexistError, ExternalKey>> f : pool.invokeAll(calls)) {
        keys.add(f.get().get());
      }
      assertThat(keys).hasSize(8).allMatch(k -> k.equals(keys.get(0)));
      assertThat(harness.instance.records("change_request")).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("two records carrying one key are a conflict, never 'take the first'")
  void duplicateKeyIsConflict() {
    start(true);
    harness.instance.insert("change_request", Map.of("correlation_id", "dup", "short_description", "a"));
    harness.instance.insert("change_request", Map.of("correlation_id", "dup", "short_description", "b"));

    Either<CoexistError, ExternalKey> result = records.ensure(TestChanges.change("dup"));

    assertThat(result.getLeft()).isInstanceOf(CoexistError.Conflict.class);
    assertThat(result.getLeft().message()).contains("2 ServiceNow change_request records", "carry correlation id 'dup'");
    assertThat(records.find(IdempotencyKey.of("dup")).getLeft()).isInstanceOf(CoexistError.Conflict.class);
    assertThat(harness.instance.records("change_request")).hasSize(2);
  }

  @Test
  @DisplayName("a key longer than correlation_id holds is replaced by its digest and stays idempotent")
  void longKey() {
    start(false);
    String key = "github:" + "o".repeat(120) + ":deployment:1";
    ExternalKey first = records.ensure(TestChanges.change(key)).get();
    ExternalKey second = records.ensure(TestChanges.change(key)).get();

    assertThat(second).isEqualTo(first);
    assertThat(stored(first).get("correlation_id")).startsWith("coexist:sha256:").hasSizeLessThanOrEqualTo(100);
    assertThat(stored(first).get("correlation_display")).hasSizeLessThanOrEqualTo(100);
  }

  private static Change unplaced(String key, String service, String group) {
    return Change.builder().from(TestChanges.change(key))
        .request(io.github.coexist.core.delivery.DeploymentRequest.builder()
            .idempotencyKey(key).service(service).environment("production").build().get())
        .assignmentGroup(io.github.coexist.core.service.TeamId.of(group))
        .build();
  }

  @ParameterizedTest(name = "change api {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("a service missing from the CMDB, owned by no known group, is still recorded, and its work notes say why")
  void unknownReferencesStillRecorded(boolean changeApi) {
    start(changeApi);

    ExternalKey key = records.ensure(unplaced("k-ref", "ghost", "unassigned")).get();

    Map<String, String> chg = stored(key);
    assertThat(chg.get("assignment_group")).isNullOrEmpty();
    assertThat(chg.get("cmdb_ci")).isNullOrEmpty();
    assertThat(chg.get("work_notes")).contains("'ghost' is not in cmdb_ci_service",
        "owning group 'unassigned' is not in sys_user_group", "no assignment group is set");
    assertThat(harness.instance.records("change_request")).hasSize(1);
  }

  @Test
  @DisplayName("an owner without a group goes to the configured default group (change.default-group), and the notes say so")
  void defaultGroup() {
    harness = new Harness(ServiceNowStandIn.builder().start());
    harness.instance.addGroup("change-managers");
    Map<String, String> config = harness.basic();
    config.put("coexist.servicenow.change.default-group", "change-managers");
    records = harness.adapter(config).changeRecords();

    ExternalKey key = records.ensure(unplaced("k-default", "shop", "unassigned")).get();

    Map<String, String> chg = stored(key);
    assertThat(chg).containsEntry("assignment_group",
        harness.instance.records("sys_user_group", "name", "change-managers").get(0).get("sys_id"));
    assertThat(chg.get("work_notes")).contains("'unassigned' is not in sys_user_group", "default group 'change-managers'");
  }

  @Test
  @DisplayName("the start-up check names a configured default group ServiceNow does not know, and passes one it knows")
  void defaultGroupIsCheckedAtStartUp() {
    harness = new Harness(ServiceNowStandIn.builder().start());
    Map<String, String> config = harness.basic();
    config.put("coexist.servicenow.change.default-group", "change-managers");

    io.github.coexist.core.error.CoexistError unknown = harness.adapter(config).checkSite().getLeft();
    harness.instance.addGroup("change-managers");

    assertThat(unknown).isInstanceOf(io.github.coexist.core.error.CoexistError.InvalidInput.class);
    assertThat(unknown.message()).contains("no assignment group named 'change-managers'", "change.default-group");
    assertThat(harness.adapter(config).checkSite().isRight()).isTrue();
  }

  @Test
  @DisplayName("a known service and group set both references and write no work note")
  void knownReferencesNoNote() {
    start(true);

    ExternalKey key = records.ensure(TestChanges.change("k-known")).get();

    assertThat(stored(key).get("work_notes")).isNullOrEmpty();
  }

  @ParameterizedTest(name = "change api {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("an approved normal change walks New, Assess, Authorize, Scheduled to Implement, one step at a time")
  void walksToImplement(boolean changeApi) {
    start(changeApi);
    Change change = TestChanges.change("k-walk");
    ExternalKey key = records.ensure(change).get();

    RecordedChange after = records.update(key,
        TestChanges.moved(change, ChangeState.IMPLEMENT, Decision.Outcome.APPROVED)).get();

    assertThat(after.state()).isEqualTo(ChangeState.IMPLEMENT);
    assertThat(after.approval()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(after.riskLevel()).contains(RiskLevel.HIGH);
    assertThat(stored(key)).containsEntry("state", "-1").containsEntry("approval", "approved");
    long nextstateCalls = harness.instance.requests().stream().filter(r -> r.contains("/nextstate")).count();
    assertThat(nextstateCalls > 0).isEqualTo(changeApi);
  }

  @ParameterizedTest(name = "change api {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("a change is closed through Review with its close code and notes")
  void closes(boolean changeApi) {
    start(changeApi);
    Change change = TestChanges.change("k-close");
    ExternalKey key = records.ensure(change).get();
    records.update(key, TestChanges.moved(change, ChangeState.IMPLEMENT, Decision.Outcome.APPROVED)).get();

    RecordedChange closed = records.update(key,
        TestChanges.closed(TestChanges.moved(change, ChangeState.IMPLEMENT, Decision.Outcome.APPROVED),
            CloseCode.SUCCESSFUL_WITH_ISSUES)).get();

    assertThat(closed.state()).isEqualTo(ChangeState.CLOSED);
    assertThat(closed.closeCode()).contains(CloseCode.SUCCESSFUL_WITH_ISSUES);
    assertThat(stored(key)).containsEntry("close_code", "successful_issues")
        .containsEntry("close_notes", "deployed, smoke tests green");
    assertThat(harness.instance.requests()).anyMatch(r -> r.startsWith("PATCH") && r.contains(key.id()));
  }

  @Test
  @DisplayName("moving to the state the record already has is a success that sends no state change")
  void sameStateIsSuccess() {
    start(true);
    Change change = TestChanges.change("k-same");
    ExternalKey key = records.ensure(change).get();
    int before = harness.instance.requests().size();

    RecordedChange again = records.update(key, change).get();

    assertThat(again.state()).isEqualTo(ChangeState.NEW);
    assertThat(harness.instance.requests().subList(before, harness.instance.requests().size()))
        .noneMatch(r -> r.startsWith("PATCH"));
  }

  @ParameterizedTest(name = "change api {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("an update answered 200 that changed nothing is a conflict, not a success")
  void silentTwoHundred(boolean changeApi) {
    start(changeApi);
    Change change = TestChanges.change("k-silent");
    ExternalKey key = records.ensure(change).get();
    harness.instance.ignoreNextUpdates(1);

    CoexistError error = records.update(key, TestChanges.moved(change, ChangeState.ASSESS, Decision.Outcome.PENDING))
        .getLeft();

    assertThat(error).isInstanceOf(CoexistError.Conflict.class);
    assertThat(error.message()).contains("answered 200", "stayed in NEW");
    assertThat(stored(key)).containsEntry("state", "-5");
  }

  @Test
  @DisplayName("moving backwards, or out of a final state, is an illegal transition")
  void illegalMoves() {
    start(false);
    Change change = TestChanges.change("k-back");
    ExternalKey key = records.ensure(change).get();
    records.update(key, TestChanges.moved(change, ChangeState.SCHEDULED, Decision.Outcome.APPROVED)).get();

    assertThat(records.update(key, TestChanges.moved(change, ChangeState.ASSESS, Decision.Outcome.APPROVED)).getLeft())
        .isInstanceOf(CoexistError.IllegalTransition.class);

    records.update(key, TestChanges.moved(change, ChangeState.CANCELED, Decision.Outcome.APPROVED)).get();
    CoexistError fromFinal = records.update(key,
        TestChanges.moved(change, ChangeState.IMPLEMENT, Decision.Outcome.APPROVED)).getLeft();
    assertThat(fromFinal).isInstanceOf(CoexistError.IllegalTransition.class);
    assertThat(fromFinal.message()).contains("CANCELED is final");
  }

  @Test
  @DisplayName("an unapproved change cannot pass Authorize: nextstate does not offer Scheduled")
  void authorizeNeedsApproval() {
    start(true);
    Change change = TestChanges.change("k-pending");
    ExternalKey key = records.ensure(change).get();

    CoexistError error = records.update(key,
        TestChanges.moved(change, ChangeState.SCHEDULED, Decision.Outcome.PENDING)).getLeft();

    assertThat(error).isInstanceOf(CoexistError.IllegalTransition.class);
    assertThat(error.message()).contains("ServiceNow allows only [CANCELED] from AUTHORIZE");
    assertThat(records.read(key).get().approval()).isEqualTo(ApprovalStatus.REQUESTED);
  }

  @Test
  @DisplayName("closing without a close code is refused before anything is sent")
  void closeNeedsCode() {
    start(true);
    Change change = TestChanges.change("k-nocode");
    ExternalKey key = records.ensure(change).get();

    CoexistError error = records.update(key, TestChanges.moved(change, ChangeState.CLOSED, Decision.Outcome.APPROVED))
        .getLeft();

    assertThat(error).isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(error.message()).contains("needs a close code");
  }

  @Test
  @DisplayName("an emergency change skips Assess; a rejected one is canceled")
  void emergencyAndRejection() {
    start(true);
    Change emergency = TestChanges.change("k-emergency", ChangeType.EMERGENCY, ChangeState.NEW, Decision.Outcome.PENDING);
    ExternalKey key = records.ensure(emergency).get();
    records.update(key, TestChanges.moved(emergency, ChangeState.AUTHORIZE, Decision.Outcome.PENDING)).get();
    assertThat(harness.instance.requests()).anyMatch(r -> r.startsWith("PATCH") && r.contains("\"state\":\"-3\""))
        .noneMatch(r -> r.startsWith("PATCH") && r.contains("\"state\":\"-4\""));
    assertThat(stored(key)).containsEntry("type", "emergency").containsEntry("state", "-3");

    RecordedChange canceled = records.update(key,
        TestChanges.moved(emergency, ChangeState.CANCELED, Decision.Outcome.REJECTED)).get();
    assertThat(canceled.state()).isEqualTo(ChangeState.CANCELED);
    assertThat(canceled.approval()).isEqualTo(ApprovalStatus.REJECTED);
  }

  @Test
  @DisplayName("a standard change is created from its template through the Change Management API")
  void standardChange() {
    start(true);
    String template = harness.instance.addStandardTemplate("Restart web tier");
    Change standard = TestChanges.change("k-std", ChangeType.STANDARD, ChangeState.NEW, Decision.Outcome.APPROVED);

    ExternalKey key = records.ensure(standard).get();

    assertThat(stored(key)).containsEntry("type", "standard").containsEntry("std_change_producer_version", template);
    RecordedChange implementing = records.update(key,
        TestChanges.moved(standard, ChangeState.IMPLEMENT, Decision.Outcome.APPROVED)).get();
    assertThat(implementing.state()).isEqualTo(ChangeState.IMPLEMENT);
  }

  @Test
  @DisplayName("a standard change that names no template is created through the Table API")
  void genericStandardChange() {
    start(true);
    Change standard = Change.builder()
        .from(TestChanges.change("k-generic", ChangeType.STANDARD, ChangeState.NEW, Decision.Outcome.APPROVED))
        .model("standard").build();

    ExternalKey key = records.ensure(standard).get();

    assertThat(stored(key)).containsEntry("type", "standard");
    assertThat(harness.instance.requests()).anyMatch(r -> r.startsWith("POST /api/now/table/change_request"));
  }

  @Test
  @DisplayName("a standard change whose template does not exist is refused, not created without one")
  void missingTemplate() {
    start(true);
    Change standard = TestChanges.change("k-notpl", ChangeType.STANDARD, ChangeState.NEW, Decision.Outcome.APPROVED);

    CoexistError error = records.ensure(standard).getLeft();

    assertThat(error).isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(error.message()).contains("no standard change template named 'Restart web tier'");
    assertThat(harness.instance.records("change_request")).isEmpty();
  }

  @Test
  @DisplayName("ensure of a change that is already past New creates it and walks it there")
  void ensureWalks() {
    start(true);
    Change change = TestChanges.change("k-assess", ChangeType.NORMAL, ChangeState.ASSESS, Decision.Outcome.PENDING);

    ExternalKey key = records.ensure(change).get();

    assertThat(records.read(key).get().state()).isEqualTo(ChangeState.ASSESS);
  }

  @Test
  @DisplayName("read of a missing record, or of a key of another tool, is a typed error")
  void readErrors() {
    start(true);
    assertThat(records.read(new ExternalKey("servicenow", "0123456789abcdef0123456789abcdef", "CHG0")).getLeft())
        .isInstanceOf(CoexistError.NotFound.class);
    assertThat(records.read(ExternalKey.of("jira", "OPS-1")).getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(records.read(ExternalKey.of("servicenow", "../etc")).getLeft())
        .isInstanceOf(CoexistError.NotFound.class);
    assertThat(harness.instance.requests()).noneMatch(r -> r.contains("etc"));
  }

  @Test
  @DisplayName("an approval made in ServiceNow is found by polling with doubling waits")
  void awaitsApproval() {
    harness = new Harness();
    ServiceNowAdapter adapter = harness.adapter();
    Change change = TestChanges.change("k-poll");
    ExternalKey key = adapter.changeRecords().ensure(change).get();
    adapter.changeRecords().update(key, TestChanges.moved(change, ChangeState.AUTHORIZE, Decision.Outcome.PENDING)).get();
    harness.waits.clear();
    ServiceNowAdapter polling = ServiceNowAdapter.builder(ServiceNowConfig.fromMap(harness.basic()))
        .clock(harness.clock)
        .sleeper(d -> {
          harness.waits.add(d);
          harness.clock.advance(d);
          if (harness.waits.size() == 3) {
            harness.instance.approve(key.id());
          }
          return true;
        })
        .build();

    RecordedChange decided = polling.awaitApproval(key, java.time.Duration.ofHours(1)).get();

    assertThat(decided.approval()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(decided.state()).isEqualTo(ChangeState.SCHEDULED);
    assertThat(harness.waits).containsExactly(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(10),
        java.time.Duration.ofSeconds(20));
    polling.close();
  }

  @Test
  @DisplayName("polling gives up at the deadline and returns the change still waiting")
  void pollTimesOut() {
    harness = new Harness();
    ServiceNowAdapter adapter = harness.adapter();
    Change change = TestChanges.change("k-timeout");
    ExternalKey key = adapter.changeRecords().ensure(change).get();
    adapter.changeRecords().update(key, TestChanges.moved(change, ChangeState.AUTHORIZE, Decision.Outcome.PENDING)).get();
    Map<String, String> config = new HashMap<>(harness.basic());
    config.put("coexist.servicenow.approval.poll-max", "30s");
    List<java.time.Duration> naps = new ArrayList<>();
    ServiceNowAdapter polling = ServiceNowAdapter.builder(ServiceNowConfig.fromMap(config))
        .clock(harness.clock)
        .sleeper(d -> {
          naps.add(d);
          harness.clock.advance(d);
          return true;
        })
        .build();

    RecordedChange waiting = polling.awaitApproval(key, java.time.Duration.ofSeconds(100)).get();

    assertThat(waiting.approval()).isEqualTo(ApprovalStatus.REQUESTED);
    assertThat(naps).containsExactly(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(10),
        java.time.Duration.ofSeconds(20), java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(30),
        java.time.Duration.ofSeconds(5));
    polling.close();
  }

  @Test
  @DisplayName("a callback from the instance is answered from the record itself, not from the callback's body")
  void changeNotice() {
    harness = new Harness();
    ServiceNowAdapter adapter = harness.adapter();
    Change change = TestChanges.change("k-notice");
    ExternalKey key = adapter.changeRecords().ensure(change).get();
    adapter.changeRecords().update(key, TestChanges.moved(change, ChangeState.AUTHORIZE, Decision.Outcome.PENDING)).get();
    harness.instance.approve(key.id());
    String forged = "{\"sys_id\":\"" + key.id() + "\",\"approval\":\"rejected\",\"state\":\"4\"}";

    RecordedChange read = adapter.onChangeNotice(forged.getBytes(java.nio.charset.StandardCharsets.UTF_8)).get();

    assertThat(read.approval()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(read.key().display()).isEqualTo(key.display());
    assertThat(adapter.onChangeNotice("{\"number\":\"CHG1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(adapter.onChangeNotice("not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)).getLeft())
        .isInstanceOf(CoexistError.InvalidInput.class);
  }

  @Test
  @DisplayName("the system name is servicenow")
  void systemName() {
    start(true);
    assertThat(records.system()).isEqualTo("servicenow");
  }
}
