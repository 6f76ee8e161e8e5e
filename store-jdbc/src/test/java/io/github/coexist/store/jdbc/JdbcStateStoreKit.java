package io.github.coexist.store.jdbc;

import io.github.coexist.core.store.StateStore;
import io.github.coexist.testkit.StateStoreCompatibilityKit;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;

/** testkit's state store kit on a new database per test, which is removed after it. */
abstract class JdbcStateStoreKit extends StateStoreCompatibilityKit {
  private final Supplier<TestDatabase> databases;
  private final List<TestDatabase> opened = new ArrayList<>();

  JdbcStateStoreKit(Supplier<TestDatabase> databases) {
    this.databases = databases;
  }

  /** The clock the store's lease expires by on SQLite; PostgreSQL uses its own. */
  abstract Clock clock();

  @Override
  protected StateStore store() {
    TestDatabase database = databases.get();
    opened.add(database);
    return database.open().stateStore(clock());
  }

  @AfterEach
  void removeDatabases() {
    opened.forEach(TestDatabase::close);
    opened.clear();
  }
}
