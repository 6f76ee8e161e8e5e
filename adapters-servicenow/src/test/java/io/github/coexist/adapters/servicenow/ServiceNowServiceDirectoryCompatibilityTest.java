package io.github.coexist.adapters.servicenow;

import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceDirectory;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.testkit.ServiceDirectoryCompatibilityKit;
import io.github.coexist.standins.servicenow.ServiceNowStandIn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The service directory kit against the ServiceNow CMDB of a stand-in instance seeded with the kit's services. */
class ServiceNowServiceDirectoryCompatibilityTest extends ServiceDirectoryCompatibilityKit {
  private final List<StandInAdapter> instances = new ArrayList<>();

  @AfterEach
  void stop() {
    instances.forEach(StandInAdapter::close);
  }

  @Override
  protected ServiceDirectory directoryWith(List<Service> services) {
    StandInAdapter servicenow = new StandInAdapter(ServiceNowStandIn.start());
    instances.add(servicenow);
    for (Service service : services) {
      servicenow.instance.addService("cmdb_ci_service", service.id().value(), service.owner().value(),
          service.tier().rank(), service.zone().getId());
    }
    for (Service service : services) {
      for (ServiceId dependency : service.dependsOn()) {
        servicenow.instance.addDependency(service.id().value(), dependency.value());
      }
    }
    return servicenow.adapter.cmdb();
  }
}
