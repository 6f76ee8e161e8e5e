package io.github.coexist.testkit;

import io.github.coexist.core.postmortem.ActionItemRecords;
import io.github.coexist.core.postmortem.InMemoryActionItemRecords;

class InMemoryActionItemRecordsCompatibilityTest extends ActionItemRecordsCompatibilityKit {
  @Override
  protected ActionItemRecords records() {
    return new InMemoryActionItemRecords();
  }
}
