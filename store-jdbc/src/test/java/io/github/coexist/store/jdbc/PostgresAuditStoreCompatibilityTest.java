package io.github.coexist.store.jdbc;

/** The audit store kit on PostgreSQL (embedded, or the server named by COEXIST_TEST_POSTGRES_URL). */
class PostgresAuditStoreCompatibilityTest extends JdbcAuditStoreKit {
  PostgresAuditStoreCompatibilityTest() {
    super(TestDatabase::postgres);
  }
}
