package io.github.coexist.core;

import io.github.coexist.core.gate.GateRecord;
import io.github.coexist.core.store.StoredRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of forgotten changes, and when each stops mattering: a change the gate forgot still
 * counts in its service's recent history until its last update is older than the gate's history
 * window; after that its record only makes start-up read more, and is deleted from the store.
 * Fed with every gate record written or read back. Thread-safe.
 */
final class Pruning {
  /** Guarded by this: the records of forgotten changes, with their changes' last update. */
  private final Map<StoredRecord.Ref, Instant> forgotten = new HashMap<>();

  /** Notes {@code record}, written or read back: a forgotten change becomes due, a tracked one is not. */
  synchronized void seen(GateRecord record) {
    StoredRecord.Ref ref = new StoredRecord.OfGate(record).ref();
    if (record.forgotten().isPresent()) {
      forgotten.put(ref, record.change().updatedAt());
    } else {
      forgotten.remove(ref);
    }
  }

  /**
   * The records of forgotten changes that no longer count at {@code now} in a history of {@code
   * historyWindow}: last updated before {@code now - historyWindow}, as the gate's history drops
   * them. Each is answered once.
   */
  synchronized List<StoredRecord.Ref> dueBy(Instant now, Duration historyWindow) {
    Instant from = now.minus(historyWindow);
    List<StoredRecord.Ref> gone = new ArrayList<>();
    forgotten.entrySet().removeIf(entry -> {
      if (!entry.getValue().isBefore(from)) {
        return false;
      }
      gone.add(entry.getKey());
      return true;
    });
    return gone;
  }

}
