package io.github.coexist.store.jdbc;

import java.time.Clock;

/**
 * The state store kit on PostgreSQL (embedded, or the server named by COEXIST_TEST_POSTGRES_URL):
 * the lease expires by the server's clock, so the kit's expiry tests let real time pass.
 */
class PostgresStateStoreCompatibilityTest extends JdbcStateStoreKit {
  PostgresStateStoreCompatibilityTest() {
    super(TestDatabase::postgres);
  }

  @Override
  Clock clock() {
    return Clock.systemUTC();
  }
}
