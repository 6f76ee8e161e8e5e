package io.github.coexist.adapters.servicenow;

import io.github.coexist.core.incident.IncidentRecords;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.testkit.IncidentRecordsCompatibilityKit;
import io.github.coexist.standins.servicenow.ServiceNowStandIn;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The incident records kit against the ServiceNow adapter and a stand-in instance. */
class ServiceNowIncidentRecordsCompatibilityTest extends IncidentRecordsCompatibilityKit {
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
  protected IncidentRecords records() {
    return servicenow.adapter.incidentRecords();
  }

  @Override
  protected Optional<ExternalKey> changeRecord() {
    String sysId = servicenow.instance.insert("change_request", Map.of("short_description", "the cause"));
    String number = servicenow.instance.record("change_request", sysId).orElseThrow().get("number");
    return Optional.of(new ExternalKey("servicenow", sysId, number));
  }
}
