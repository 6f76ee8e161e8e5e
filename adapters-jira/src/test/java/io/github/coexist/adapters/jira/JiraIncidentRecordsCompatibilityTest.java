package io.github.coexist.adapters.jira;

import io.github.coexist.core.incident.IncidentRecords;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.testkit.IncidentRecordsCompatibilityKit;
import io.github.coexist.standins.jira.JiraStandIn;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The incident records kit against the adapter and the stand-in Jira site. */
class JiraIncidentRecordsCompatibilityTest extends IncidentRecordsCompatibilityKit {
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
  protected IncidentRecords records() {
    return jira.adapter.incidentRecords();
  }

  @Override
  protected Optional<ExternalKey> changeRecord() {
    String key = jira.site.createChange("the change that broke checkout", List.of(), Map.of());
    return Optional.of(new ExternalKey("jira", jira.site.issue(key).orElseThrow().id(), key));
  }
}
