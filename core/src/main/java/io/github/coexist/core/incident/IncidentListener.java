package io.github.coexist.core.incident;

import java.util.List;

/**
 * Hears what happens to incidents. The desk delivers events in the order they happened, one at a
 * time, after the command that caused them has taken effect; a listener that throws is logged and
 * does not stop the others. Listeners should be quick: the command's caller waits for them.
 */
@FunctionalInterface
public interface IncidentListener {

  /** Called once per event. */
  void on(IncidentEvent event);

  /** A listener that ignores everything. */
  static IncidentListener noop() {
    return event -> { };
  }

  /** A listener that passes every event to each of {@code listeners}, in order. */
  static IncidentListener composite(IncidentListener... listeners) {
    List<IncidentListener> all = List.of(listeners);
    return event -> all.forEach(listener -> SafeDelivery.deliver(listener, event));
  }
}
