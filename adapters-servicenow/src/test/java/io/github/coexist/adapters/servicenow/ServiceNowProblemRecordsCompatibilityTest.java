package io.github.coexist.adapters.servicenow;

import io.github.coexist.core.problem.ProblemRecords;
import io.github.coexist.testkit.ProblemRecordsCompatibilityKit;
import io.github.coexist.standins.servicenow.ServiceNowStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The problem records kit against the ServiceNow adapter and a stand-in instance. */
class ServiceNowProblemRecordsCompatibilityTest extends ProblemRecordsCompatibilityKit {
  private static StandInAdapter servicenow;

  @BeforeAll
  static void start() {
    servicenow = new StandInAdapter(ServiceNowStandIn.start());
    servicenow.instance.addService("shop", "team-shop", 1);
  }

  @AfterAll
  static void stop() {
    servicenow.close();
  }

  @Override
  protected ProblemRecords records() {
    return servicenow.adapter.problemRecords();
  }
}
