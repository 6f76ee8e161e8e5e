package io.github.coexist.core.incident;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers an event so that a failing listener is logged instead of failing the command. */
final class SafeDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(SafeDelivery.class);

  private SafeDelivery() {}

  static void deliver(IncidentListener listener, IncidentEvent event) {
    try {
      listener.on(event);
    } catch (RuntimeException e) {
      LOG.error("incident listener {} failed on {} of incident {}", listener,
          event.getClass().getSimpleName(), event.id(), e);
    }
  }
}
