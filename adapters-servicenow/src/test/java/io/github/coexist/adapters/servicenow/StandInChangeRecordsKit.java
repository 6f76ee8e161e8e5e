package io.github.coexist.adapters.servicenow;

import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.testkit.ChangeRecordsCompatibilityKit;

/**
 * The change records kit wired to the adapter and a stand-in instance; subclasses start the
 * instance with or without the Change Management API.
 */
abstract class StandInChangeRecordsKit extends ChangeRecordsCompatibilityKit {

  /** The running adapter and instance of the subclass. */
  protected abstract StandInAdapter servicenow();

  @Override
  protected ChangeRecords records() {
    return servicenow().adapter.changeRecords();
  }

  @Override
  protected boolean approveInTool(ExternalKey key) {
    servicenow().instance.approve(key.id());
    return true;
  }

  @Override
  protected boolean rejectInTool(ExternalKey key) {
    servicenow().instance.reject(key.id());
    return true;
  }
}
