package io.github.coexist.adapters.jira;

import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.testkit.ChangeRecordsCompatibilityKit;
import io.github.coexist.standins.jira.JiraStandIn;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The change records kit against the adapter and the stand-in Jira site (the API account approves). */
class JiraChangeRecordsCompatibilityTest extends ChangeRecordsCompatibilityKit {
  private static final String CAB = "cab-member";
  private static Fixture jira;

  @BeforeAll
  static void start() {
    jira = Fixture.start(JiraStandIn.builder().approvers("5b10ac8d82e05b22cc7d4ef5", CAB), Map.of());
  }

  @AfterAll
  static void stop() {
    jira.close();
  }

  @Override
  protected ChangeRecords records() {
    return jira.adapter.changeRecords();
  }

  @Override
  protected boolean approveInTool(ExternalKey key) {
    return jira.site.decideAs(key.display(), CAB, true);
  }

  @Override
  protected boolean rejectInTool(ExternalKey key) {
    return jira.site.decideAs(key.display(), CAB, false);
  }
}
