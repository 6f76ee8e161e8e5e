package io.github.coexist.adapters.servicenow;

import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.standins.servicenow.ServiceNowStandIn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in instance seeded with the {@code shop} service and the {@code payments} group, and
 * adapters pointed at it. Waits are recorded, never slept; the adapter's clock is moved by hand.
 */
final class Harness implements AutoCloseable {
  final ServiceNowStandIn instance;
  final List<Duration> waits = new ArrayList<>();
  final ManualClock clock = new ManualClock(TestChanges.T0);
  private final List<ServiceNowAdapter> adapters = new ArrayList<>();

  Harness() {
    this(ServiceNowStandIn.builder().start());
  }

  Harness(ServiceNowStandIn instance) {
    this.instance = instance;
    instance.addGroup("payments");
    instance.addService("shop", "payments", 1);
  }

  Map<String, String> basic() {
    Map<String, String> config = new HashMap<>();
    config.put("coexist.servicenow.url", instance.baseUri().toString());
    config.put("coexist.servicenow.user", instance.user());
    config.put("coexist.servicenow.password", instance.password());
    config.put("coexist.servicenow.request-timeout", "5s");
    return config;
  }

  ServiceNowAdapter adapter() {
    return adapter(basic());
  }

  ServiceNowAdapter adapter(Map<String, String> config) {
    ServiceNowAdapter adapter = ServiceNowAdapter.builder(ServiceNowConfig.fromMap(config))
        .clock(clock)
        .sleeper(d -> {
          waits.add(d);
          return true;
        })
        .build();
    adapters.add(adapter);
    return adapter;
  }

  @Override
  public void close() {
    adapters.forEach(ServiceNowAdapter::close);
    instance.close();
  }
}
