package io.github.coexist.adapters.jira;

import io.github.coexist.core.feedback.FeedbackRecords;
import io.github.coexist.core.feedback.Ticket;
import io.github.coexist.core.incident.Impact;
import io.github.coexist.core.incident.Urgency;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.testkit.FeedbackRecordsCompatibilityKit;
import io.github.coexist.testkit.SampleIncidents;
import io.github.coexist.standins.jira.JiraStandIn;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The feedback records kit against CSAT on requests the adapter raised in the stand-in Jira site. */
class JiraFeedbackRecordsCompatibilityTest extends FeedbackRecordsCompatibilityKit {
  private static Fixture jira;

  @BeforeAll
  static void start() {
    jira = Fixture.start(JiraStandIn.builder(), Map.of());
  }

  @AfterAll
  static void stop() {
    jira.close();
  }

  @Override
  protected FeedbackRecords records() {
    return jira.adapter.feedbackRecords();
  }

  @Override
  protected Ticket ticket(String name) {
    String id = "kit-" + name + "-" + UUID.randomUUID();
    ExternalKey key = jira.adapter.incidentRecords().ensure(SampleIncidents.incident(id, Impact.MEDIUM, Urgency.LOW))
        .getOrElseThrow(e -> new AssertionError(e.message()));
    return SampleIncidents.ticket(id, key);
  }
}
