package io.github.coexist.core.gate;

import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.ServiceId;
import java.util.Objects;

/**
 * A lockdown holding a change: a major incident is open on the change's service, or on a service
 * it depends on. Normal and standard changes wait until the incident is resolved; emergency
 * changes (the fixes) go to the emergency authority.
 *
 * @param incident the major incident
 * @param service the service it is open on
 */
public record Lockdown(IncidentId incident, ServiceId service) {
  public Lockdown {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(service, "service");
  }

  /** "locked down: major incident INC-7 open on payments". */
  public String reason() {
    return "locked down: major incident " + incident + " open on " + service;
  }
}
