package io.github.coexist.testkit;

import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.InMemoryChangeRecords;
import io.github.coexist.core.kernel.ExternalKey;

class InMemoryChangeRecordsCompatibilityTest extends ChangeRecordsCompatibilityKit {
  private InMemoryChangeRecords records;

  @Override
  protected ChangeRecords records() {
    records = new InMemoryChangeRecords();
    return records;
  }

  @Override
  protected boolean approveInTool(ExternalKey key) {
    return records.setApproval(key, ApprovalStatus.APPROVED).isRight();
  }

  @Override
  protected boolean rejectInTool(ExternalKey key) {
    return records.setApproval(key, ApprovalStatus.REJECTED).isRight();
  }
}
