package io.github.coexist.testkit;

import io.github.coexist.core.incident.InMemoryIncidentRecords;
import io.github.coexist.core.incident.IncidentRecords;

class InMemoryIncidentRecordsCompatibilityTest extends IncidentRecordsCompatibilityKit {
  @Override
  protected IncidentRecords records() {
    return new InMemoryIncidentRecords();
  }
}
