package io.github.coexist.micrometer;

import io.github.coexist.testkit.AdapterArchitectureKit;
import java.util.Set;

/** The module's rules, as tests: the ones every adapter keeps, from testkit; only CoexistMetrics is public. */
class ArchitectureTest extends AdapterArchitectureKit {
  ArchitectureTest() {
    super("io.github.coexist.micrometer", Set.of("CoexistMetrics"));
  }
}
