package io.github.coexist.store.jdbc;

import io.github.coexist.testkit.AdapterArchitectureKit;
import java.util.Set;

/** The module's rules, as tests: the ones every adapter keeps, from testkit; only JdbcStore is public. */
class ArchitectureTest extends AdapterArchitectureKit {
  ArchitectureTest() {
    super("io.github.coexist.store.jdbc", Set.of("JdbcStore"));
  }
}
