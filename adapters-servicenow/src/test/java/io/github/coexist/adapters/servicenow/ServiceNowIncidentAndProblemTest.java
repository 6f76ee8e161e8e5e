package io.github.coexist.adapters.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.Impact;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.ProblemLink;
import io.github.coexist.core.kernel.ProblemId;
import io.github.coexist.core.incident.IncidentRecords;
import io.github.coexist.core.incident.IncidentState;
import io.github.coexist.core.incident.Urgency;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.problem.Problem;
import io.github.coexist.core.problem.ProblemRecords;
import io.github.coexist.core.problem.ProblemState;
import io.github.coexist.core.problem.Resolution;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.testkit.SampleIncidents;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the kits do not pin down: ServiceNow's fields, its refusals, and the walk's paths. */
class ServiceNowIncidentAndProblemTest {
  private final Harness harness = new Harness();
  private final ServiceNowAdapter adapter = harness.adapter();
  private final IncidentRecords incidents = adapter.incidentRecords();
  private final ProblemRecords problems = adapter.problemRecords();

  @AfterEach
  void stop() {
    harness.close();
  }

  private Map<String, String> stored(String table, ExternalKey key) {
    return harness.instance.record(table, key.id()).orElseThrow();
  }

  @Test
  @DisplayName("an incident carries its key, title, impact, urgency, CI and group; the instance computes priority")
  void incidentFields() {
    harness.instance.addGroup("team-shop");
    Incident incident = SampleIncidents.incident("inc-1", Impact.HIGH, Urgency.LOW);

    ExternalKey key = incidents.ensure(incident).get();

    assertThat(key.display()).startsWith("INC");
    assertThat(stored("incident", key))
        .containsEntry("correlation_id", "coexist:incident:inc-1")
        .containsEntry("short_description", "Checkout fails (inc-1)")
        .containsEntry("impact", "1").containsEntry("urgency", "3").containsEntry("priority", "3")
        .containsEntry("opened_at", "2025-03-04 10:00:00")
        .containsEntry("cmdb_ci", harness.instance.records("cmdb_ci_service", "name", "shop").get(0).get("sys_id"))
        .containsEntry("assignment_group",
            harness.instance.records("sys_user_group", "name", "team-shop").get(0).get("sys_id"));
  }

  @Test
  @DisplayName("an incident on a service the CMDB lacks is still recorded, without a CI")
  void incidentWithoutCi() {
    Incident incident = Incident.builder().from(SampleIncidents.incident("inc-2", Impact.LOW, Urgency.LOW))
        .service(ServiceId.of("not-in-cmdb")).build();

    ExternalKey key = incidents.ensure(incident).get();

    assertThat(stored("incident", key)).doesNotContainKey("cmdb_ci").doesNotContainKey("assignment_group");
  }

  @Test
  @DisplayName("holding sends a hold reason and resolving a close code and notes, as the data policies demand")
  void holdAndResolveFields() {
    Incident incident = SampleIncidents.incident("inc-3", Impact.MEDIUM, Urgency.MEDIUM);
    ExternalKey key = incidents.ensure(incident).get();
    Incident held = SampleIncidents.moved(SampleIncidents.moved(incident, IncidentState.IN_PROGRESS), IncidentState.ON_HOLD);

    assertThat(incidents.update(key, held).get().state()).isEqualTo(IncidentState.ON_HOLD);
    assertThat(stored("incident", key)).containsEntry("hold_reason", "4");

    assertThat(incidents.update(key, SampleIncidents.moved(held, IncidentState.RESOLVED)).get().state())
        .isEqualTo(IncidentState.RESOLVED);
    assertThat(stored("incident", key)).containsEntry("close_code", "Solved (Permanently)")
        .containsEntry("close_notes", "restarted");
  }

  @Test
  @DisplayName("an incident update answered 200 that changed nothing is a conflict")
  void incidentSilentTwoHundred() {
    Incident incident = SampleIncidents.incident("inc-4", Impact.MEDIUM, Urgency.MEDIUM);
    ExternalKey key = incidents.ensure(incident).get();
    harness.instance.ignoreNextUpdates(1);

    CoexistError error = incidents.update(key, SampleIncidents.moved(incident, IncidentState.IN_PROGRESS)).getLeft();

    assertThat(error).isInstanceOf(CoexistError.Conflict.class);
    assertThat(error.message()).contains("stayed in NEW");
  }

  @Test
  @DisplayName("caused_by can only point at a ServiceNow change")
  void causeInAnotherTool() {
    Incident incident = SampleIncidents.incident("inc-5", Impact.MEDIUM, Urgency.MEDIUM);
    ExternalKey key = incidents.ensure(incident).get();

    CoexistError error = incidents.update(key,
        SampleIncidents.causedBy(incident, "chg-1", ExternalKey.of("jira", "OPS-1"))).getLeft();

    assertThat(error).isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(error.message()).contains("kept in jira");
  }

  @Test
  @DisplayName("an incident on a known error points problem_id at the problem and gets the workaround as a work note, once")
  void knownErrorWorkNote() {
    ExternalKey problem = problems.ensure(SampleIncidents.problem("prb-2")).get();
    Incident incident = SampleIncidents.incident("inc-6", Impact.MEDIUM, Urgency.MEDIUM);
    ExternalKey key = incidents.ensure(incident).get();
    Incident linked = Incident.builder().from(incident).problem(new ProblemLink(ProblemId.of("prb-2"),
        java.util.Optional.of(problem), java.util.Optional.of("restart the pods"))).build();

    incidents.update(key, linked).get();
    assertThat(stored("incident", key)).containsEntry("problem_id", problem.id())
        .containsEntry("work_notes", "linked to problem prb-2 (a known error); workaround: restart the pods");

    harness.instance.ignoreNextUpdates(1);
    assertThat(incidents.update(key, linked).isRight()).as("the link is set: nothing is written again").isTrue();
  }

  @Test
  @DisplayName("a known error keeps its root cause and workaround; closing records the resolution and notes")
  void problemFields() {
    Problem problem = SampleIncidents.problem("prb-1");
    ExternalKey key = problems.ensure(problem).get();
    Problem known = SampleIncidents.knownError(
        SampleIncidents.moved(problem, ProblemState.ROOT_CAUSE_ANALYSIS, Resolution.FIX_APPLIED), "restart the pods");

    problems.update(key, known).get();
    assertThat(stored("problem", key)).containsEntry("known_error", "true")
        .containsEntry("workaround", "restart the pods").containsEntry("cause_notes", "connection pool too small")
        .containsEntry("state", "103").containsEntry("correlation_id", "coexist:problem:prb-1");

    problems.update(key, SampleIncidents.moved(known, ProblemState.CLOSED, Resolution.DUPLICATE)).get();
    assertThat(stored("problem", key)).containsEntry("state", "107").containsEntry("resolution_code", "duplicate")
        .containsEntry("close_notes", "closed by the kit");
  }

  @Test
  @DisplayName("closing a problem without a resolution is refused before anything is sent")
  void problemCloseNeedsResolution() {
    Problem problem = SampleIncidents.problem("prb-2");
    ExternalKey key = problems.ensure(problem).get();
    Problem closed = Problem.builder().from(problem).state(ProblemState.CLOSED).build();

    assertThat(problems.update(key, closed).getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(stored("problem", key)).containsEntry("state", "101");
  }

  @Test
  @DisplayName("the walk takes the shortest legal path and finds none out of a final state")
  void shortestPaths() {
    assertThat(StateWalk.shortestPath(IncidentState.NEW, IncidentState.CLOSED, IncidentState::next))
        .contains(List.of(IncidentState.RESOLVED, IncidentState.CLOSED));
    assertThat(StateWalk.shortestPath(IncidentState.NEW, IncidentState.ON_HOLD, IncidentState::next))
        .contains(List.of(IncidentState.IN_PROGRESS, IncidentState.ON_HOLD));
    assertThat(StateWalk.shortestPath(ProblemState.RESOLVED, ProblemState.FIX_IN_PROGRESS, ProblemState::next))
        .contains(List.of(ProblemState.ROOT_CAUSE_ANALYSIS, ProblemState.FIX_IN_PROGRESS));
    assertThat(StateWalk.shortestPath(IncidentState.CLOSED, IncidentState.NEW, IncidentState::next)).isEmpty();
    assertThat(incidents.update(incidents.ensure(SampleIncidents.incident("inc-6", Impact.LOW, Urgency.LOW)).get(),
        SampleIncidents.moved(SampleIncidents.incident("inc-6", Impact.LOW, Urgency.LOW), IncidentState.CANCELED))
        .get().state()).isEqualTo(IncidentState.CANCELED);
    ExternalKey canceled = incidents.find(SampleIncidents.incident("inc-6", Impact.LOW, Urgency.LOW).recordKey())
        .get().orElseThrow();
    assertThat(incidents.update(canceled, SampleIncidents.incident("inc-6", Impact.LOW, Urgency.LOW)).getLeft())
        .isInstanceOf(CoexistError.IllegalTransition.class);
  }
}
