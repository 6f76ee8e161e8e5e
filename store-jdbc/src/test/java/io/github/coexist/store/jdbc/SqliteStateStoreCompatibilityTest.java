package io.github.coexist.store.jdbc;

import io.github.coexist.core.kernel.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The state store kit on the embedded SQLite file, its lease expiring by a clock the test moves. */
class SqliteStateStoreCompatibilityTest extends JdbcStateStoreKit {
  private final ManualClock clock = new ManualClock(Instant.parse("2025-03-04T10:00:00Z"));

  SqliteStateStoreCompatibilityTest() {
    super(TestDatabase::sqlite);
  }

  @Override
  Clock clock() {
    return clock;
  }

  @Override
  protected void elapse(Duration time) {
    clock.advance(time);
  }
}
