package io.github.coexist.testkit;

import io.github.coexist.core.audit.AuditStore;
import io.github.coexist.core.audit.InMemoryAuditStore;

class InMemoryAuditStoreCompatibilityTest extends AuditStoreCompatibilityKit {
  @Override
  protected AuditStore store() {
    return new InMemoryAuditStore();
  }
}
