package io.github.coexist.adapters.servicenow;

import io.github.coexist.standins.servicenow.ServiceNowStandIn;
import java.util.Map;

/** One stand-in instance and one adapter on it, shared by the tests of a compatibility class. */
final class StandInAdapter implements AutoCloseable {
  final ServiceNowStandIn instance;
  final ServiceNowAdapter adapter;

  StandInAdapter(ServiceNowStandIn instance) {
    this.instance = instance;
    this.adapter = ServiceNowAdapter.builder(ServiceNowConfig.fromMap(Map.of(
            "coexist.servicenow.url", instance.baseUri().toString(),
            "coexist.servicenow.user", instance.user(),
            "coexist.servicenow.password", instance.password())))
        .sleeper(d -> true)
        .build();
  }

  @Override
  public void close() {
    adapter.close();
    instance.close();
  }
}
