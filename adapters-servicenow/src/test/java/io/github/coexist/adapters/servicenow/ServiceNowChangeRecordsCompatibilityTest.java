package io.github.coexist.adapters.servicenow;

import io.github.coexist.standins.servicenow.ServiceNowStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The change records kit against the ServiceNow adapter and a stand-in instance with the Change Management API. */
class ServiceNowChangeRecordsCompatibilityTest extends StandInChangeRecordsKit {
  private static StandInAdapter servicenow;

  @BeforeAll
  static void start() {
    servicenow = new StandInAdapter(ServiceNowStandIn.builder().changeApi(true).start());
    servicenow.instance.addService("shop", "web", 1);
  }

  @AfterAll
  static void stop() {
    servicenow.close();
  }

  @Override
  protected StandInAdapter servicenow() {
    return servicenow;
  }
}
