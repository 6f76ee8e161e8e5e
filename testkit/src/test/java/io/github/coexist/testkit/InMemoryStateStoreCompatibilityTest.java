package io.github.coexist.testkit;

import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.store.InMemoryStateStore;
import io.github.coexist.core.store.StateStore;
import java.time.Duration;
import java.time.Instant;

/** The state store kit on core's in-memory store, its lease expiring by a clock the test moves. */
class InMemoryStateStoreCompatibilityTest extends StateStoreCompatibilityKit {
  private final ManualClock clock = new ManualClock(Instant.parse("2025-03-04T10:00:00Z"));

  @Override
  protected StateStore store() {
    return new InMemoryStateStore(clock);
  }

  @Override
  protected void elapse(Duration time) {
    clock.advance(time);
  }
}
