package io.github.coexist.core.store;

import java.util.List;

/**
 * What a {@link StateStore} holds, as read: the latest state of each record, in the order of
 * the revisions they were last written at.
 *
 * @param records the records, each kind and key once
 * @param revision the revision of the last write read: pass it to the next
 *     {@link StateStore#load(long)} to read only what changed since
 */
public record StoredState(List<StoredRecord> records, long revision) {
  public StoredState {
    records = List.copyOf(records);
    if (revision < 0) {
      throw new IllegalArgumentException("revision " + revision + " is negative");
    }
  }

  /** Nothing kept yet. */
  public static StoredState empty() {
    return new StoredState(List.of(), 0);
  }
}
