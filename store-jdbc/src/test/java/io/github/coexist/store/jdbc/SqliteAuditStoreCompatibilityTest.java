package io.github.coexist.store.jdbc;

/** The audit store kit on the embedded SQLite file. */
class SqliteAuditStoreCompatibilityTest extends JdbcAuditStoreKit {
  SqliteAuditStoreCompatibilityTest() {
    super(TestDatabase::sqlite);
  }
}
