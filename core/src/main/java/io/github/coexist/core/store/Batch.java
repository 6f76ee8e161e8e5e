package io.github.coexist.core.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One atomic write: the records a unit of work changed, and the inbox entries it finished.
 *
 * @param records the records to write, each replacing the earlier state of its kind and key (a
 *     record listed twice keeps its last state)
 * @param inboxDone the sequence numbers of the inbox entries this work finished
 * @param fence the lease grant the writer holds, when it writes as the lease holder; the store
 *     refuses the batch if the grant is no longer current
 */
public record Batch(List<StoredRecord> records, List<Long> inboxDone, Optional<LeaseGrant> fence) {
  public Batch {
    records = List.copyOf(records);
    inboxDone = List.copyOf(inboxDone);
    Objects.requireNonNull(fence, "fence");
  }

  /** A batch of {@code records} written without a lease. */
  public static Batch of(List<StoredRecord> records) {
    return new Batch(records, List.of(), Optional.empty());
  }

  /** Whether there is nothing to write. */
  public boolean isEmpty() {
    return records.isEmpty() && inboxDone.isEmpty();
  }
}
