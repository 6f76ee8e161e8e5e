package io.github.coexist.store.jdbc;

import io.github.coexist.core.audit.AuditStore;
import io.github.coexist.testkit.AuditStoreCompatibilityKit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;

/** testkit's audit store kit on a new database per test, which is removed after it. */
abstract class JdbcAuditStoreKit extends AuditStoreCompatibilityKit {
  private final Supplier<TestDatabase> databases;
  private final List<TestDatabase> opened = new ArrayList<>();

  JdbcAuditStoreKit(Supplier<TestDatabase> databases) {
    this.databases = databases;
  }

  @Override
  protected AuditStore store() {
    TestDatabase database = databases.get();
    opened.add(database);
    return database.open().auditStore();
  }

  @AfterEach
  void removeDatabases() {
    opened.forEach(TestDatabase::close);
    opened.clear();
  }
}
