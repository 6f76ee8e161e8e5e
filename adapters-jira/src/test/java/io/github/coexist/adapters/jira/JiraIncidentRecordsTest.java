package io.github.coexist.adapters.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.feedback.RecordedFeedback;
import io.github.coexist.core.feedback.Ticket;
import io.github.coexist.core.incident.Impact;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentState;
import io.github.coexist.core.incident.Urgency;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.testkit.SampleIncidents;
import io.github.coexist.standins.jira.JiraStandIn;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the incident and feedback kits do not say: how incidents look in Jira, and Jira's own failure modes. */
class JiraIncidentRecordsTest {

  @Test
  @DisplayName("an incident is raised as a request of the incident request type, mapped and marked")
  void raisedAsARequest() {
    try (Fixture f = Fixture.start()) {
      Incident incident = SampleIncidents.incident("inc-1", Impact.HIGH, Urgency.HIGH);

      ExternalKey key = f.adapter.incidentRecords().ensure(incident).get();

      JiraStandIn.Issue issue = f.site.issue(key.id()).orElseThrow();
      assertThat(f.site.count("POST", "/rest/servicedeskapi/request")).isEqualTo(1);
      assertThat(issue.issueType()).isEqualTo("Incident");
      assertThat(issue.status()).isEqualTo("Open");
      assertThat(issue.fields()).containsEntry("priority", "Highest")
          .containsEntry(f.site.fieldId("Impact").orElseThrow(), "Extensive")
          .containsEntry(f.site.fieldId("Urgency").orElseThrow(), "Critical")
          .containsEntry("summary", "Checkout fails (inc-1)");
      assertThat(issue.labels()).containsExactly("coexist-incident", Jql.keyLabel("coexist-incident", incident.recordKey()));
      assertThat(issue.properties().get("coexist.incident")).contains("coexist:incident:inc-1");
    }
  }

  @Test
  @DisplayName("the causing change is linked so that the change causes the incident, once")
  void linksTheChange() {
    try (Fixture f = Fixture.start()) {
      ExternalKey change = f.adapter.changeRecords().ensure(Changes.normal("k-cause")).get();
      Incident incident = SampleIncidents.incident("inc-2", Impact.MEDIUM, Urgency.MEDIUM);
      ExternalKey key = f.adapter.incidentRecords().ensure(incident).get();
      Incident caused = SampleIncidents.causedBy(SampleIncidents.moved(incident, IncidentState.IN_PROGRESS), "chg", change);

      f.adapter.incidentRecords().update(key, caused).get();
      f.adapter.incidentRecords().update(key, caused).get();

      assertThat(f.site.issue(key.id()).orElseThrow().links()).containsExactly("is caused by " + change.display());
      assertThat(f.site.issue(change.id()).orElseThrow().links()).containsExactly("causes " + key.display());
      assertThat(f.site.count("POST", "/rest/api/3/issueLink")).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("another process finds the incident by its label and property and raises nothing")
  void anotherProcessFindsIt() {
    try (Fixture f = Fixture.start(); Fixture other = f.another(Map.of(), b -> b)) {
      Incident incident = SampleIncidents.incident("inc-3", Impact.LOW, Urgency.LOW);
      ExternalKey key = f.adapter.incidentRecords().ensure(incident).get();

      assertThat(other.adapter.incidentRecords().ensure(incident).get()).isEqualTo(key);
      assertThat(f.site.count("POST", "/rest/servicedeskapi/request")).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a request raised but not yet marked is marked on the next ensure, not raised again")
  void marksLater() {
    try (Fixture f = Fixture.start(JiraStandIn.builder(), Map.of("coexist.jira.max-attempts", "1"))) {
      f.adapter.resolveIncidentFields().get();
      Incident incident = SampleIncidents.incident("inc-4", Impact.LOW, Urgency.MEDIUM);
      f.site.failNext("/rest/api/3/issue/", 1, 503, Map.of(), "");

      CoexistError first = f.adapter.incidentRecords().ensure(incident).getLeft();
      ExternalKey key = f.adapter.incidentRecords().ensure(incident).get();

      assertThat(first).isInstanceOf(CoexistError.Unavailable.class);
      assertThat(f.site.count("POST", "/rest/servicedeskapi/request")).isEqualTo(1);
      assertThat(f.site.issue(key.id()).orElseThrow().properties()).containsKey("coexist.incident");
    }
  }

  @Test
  @DisplayName("a missing request type and missing fields are named in one error with their settings")
  void resolutionProblems() {
    try (Fixture f = Fixture.start(JiraStandIn.builder(), Map.of("coexist.jira.incident.request-type", "Report an outage"))) {
      assertThat(f.adapter.resolveIncidentFields().getLeft().message()).contains("no request type 'Report an outage'")
          .contains("Report an incident").contains("coexist.jira.incident.request-type");
    }
    try (Fixture f = Fixture.start(JiraStandIn.builder().withoutField("Urgency").renameOption("Impact", "Minor", "Localized"))) {
      assertThat(f.adapter.resolveIncidentFields().getLeft().message()).contains("'Urgency'")
          .contains("coexist.jira.field.urgency.id").contains("no option 'Minor'").contains("coexist.jira.option.impact.low");
    }
  }

  @Test
  @DisplayName("an incident in a status no state is mapped to names the status and the setting")
  void unmappedStatus() {
    try (Fixture f = Fixture.start(JiraStandIn.builder(), Map.of("coexist.jira.incident.status.on-hold", "Waiting for vendor"))) {
      ExternalKey key = f.adapter.incidentRecords().ensure(SampleIncidents.incident("inc-5", Impact.LOW, Urgency.LOW)).get();
      f.site.transitionAs(key.display(), "Start work", "someone");
      f.site.transitionAs(key.display(), "Pend", "someone");

      assertThat(f.adapter.incidentRecords().read(key).getLeft().message()).contains("'Pending'")
          .contains("coexist.jira.incident.status.<state>");
    }
  }

  @Test
  @DisplayName("CSAT a customer gave in the portal reads back; a ticket without a Jira key is refused for recording")
  void feedback() {
    try (Fixture f = Fixture.start()) {
      ExternalKey key = f.adapter.incidentRecords().ensure(SampleIncidents.incident("inc-6", Impact.LOW, Urgency.LOW)).get();
      Ticket ticket = SampleIncidents.ticket("inc-6", key);
      f.site.rateAs(key.display(), 3, "took a while");
      Ticket nowhere = new Ticket(Ticket.Kind.REQUEST, "req-1", Optional.empty(), Optional.empty());

      assertThat(f.adapter.feedbackRecords().find(ticket).get())
          .contains(new RecordedFeedback(ticket, 3, Optional.of("took a while")));
      assertThat(f.adapter.feedbackRecords().record(SampleIncidents.response(nowhere, 5, null)).getLeft())
          .isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(f.adapter.feedbackRecords().find(nowhere).get()).isEmpty();
      assertThat(f.site.requests()).filteredOn(r -> r.contains("/feedback")).isNotEmpty();
    }
  }

  @Test
  @DisplayName("the incident lifecycle hops follow the shortest legal path")
  void hops() {
    assertThat(JiraIncidentRecords.hops(IncidentState.NEW, IncidentState.CLOSED)).startsWith(IncidentState.RESOLVED);
    assertThat(JiraIncidentRecords.hops(IncidentState.ON_HOLD, IncidentState.CLOSED)).startsWith(IncidentState.RESOLVED);
    assertThat(JiraIncidentRecords.hops(IncidentState.RESOLVED, IncidentState.ON_HOLD)).containsExactly(IncidentState.IN_PROGRESS);
    assertThat(JiraIncidentRecords.hops(IncidentState.CLOSED, IncidentState.NEW)).isEqualTo(List.of());
  }
}
