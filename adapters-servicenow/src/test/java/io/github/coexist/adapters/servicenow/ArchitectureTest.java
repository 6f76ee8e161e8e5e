package io.github.coexist.adapters.servicenow;

import io.github.coexist.testkit.AdapterArchitectureKit;
import java.util.Set;

/** The adapter's rules, as tests: the ones every adapter keeps, from testkit. */
class ArchitectureTest extends AdapterArchitectureKit {
  ArchitectureTest() {
    super("io.github.coexist.adapters.servicenow", Set.of("ServiceNowAdapter", "ServiceNowConfig"));
  }
}
