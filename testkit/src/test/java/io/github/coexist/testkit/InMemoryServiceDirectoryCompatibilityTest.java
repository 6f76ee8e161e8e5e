package io.github.coexist.testkit;

import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceDirectory;
import java.util.List;

class InMemoryServiceDirectoryCompatibilityTest extends ServiceDirectoryCompatibilityKit {
  @Override
  protected ServiceDirectory directoryWith(List<Service> services) {
    return InMemoryServiceDirectory.of(services.toArray(Service[]::new));
  }
}
