package io.github.coexist.core.store;

import io.github.coexist.core.audit.AuditEntry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One atomic write: the records a unit of work changed or deleted, the audit entries it appended,
 * and the inbox entries it finished.
 *
 * @param records the records to write, each replacing the earlier state of its kind and key (a
 *     record listed twice keeps its last state)
 * @param inboxDone the sequence numbers of the inbox entries this work finished
 * @param fence the lease grant the writer holds, when it writes as the lease holder; the store
 *     refuses the batch if the grant is no longer current
 * @param audit the audit entries to append to {@link StateStore#audit()}, in sequence order, the
 *     first following the last entry the store keeps
 * @param deleted the records to delete, by kind and key, once they no longer matter (a record
 *     both written and deleted in one batch is deleted; deleting one the store does not hold does
 *     nothing)
 */
public record Batch(List<StoredRecord> records, List<Long> inboxDone, Optional<LeaseGrant> fence,
    List<AuditEntry> audit, List<StoredRecord.Ref> deleted) {
  public Batch {
    records = List.copyOf(records);
    inboxDone = List.copyOf(inboxDone);
    Objects.requireNonNull(fence, "fence");
    audit = List.copyOf(audit);
    deleted = List.copyOf(deleted);
  }

  /** A batch of {@code records} and inbox marks, without audit entries or deletions. */
  public Batch(List<StoredRecord> records, List<Long> inboxDone, Optional<LeaseGrant> fence) {
    this(records, inboxDone, fence, List.of(), List.of());
  }

  /** A batch of {@code records} written without a lease. */
  public static Batch of(List<StoredRecord> records) {
    return new Batch(records, List.of(), Optional.empty());
  }

  /** This batch, appending {@code entries} to the audit trail as well. */
  public Batch withAudit(List<AuditEntry> entries) {
    return new Batch(records, inboxDone, fence, entries, deleted);
  }

  /** This batch, deleting the records {@code refs} name as well. */
  public Batch withDeleted(List<StoredRecord.Ref> refs) {
    return new Batch(records, inboxDone, fence, audit, refs);
  }

  /** Whether there is nothing to write. */
  public boolean isEmpty() {
    return records.isEmpty() && inboxDone.isEmpty() && audit.isEmpty() && deleted.isEmpty();
  }
}
