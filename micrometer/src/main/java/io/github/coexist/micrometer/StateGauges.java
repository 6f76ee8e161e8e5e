package io.github.coexist.micrometer;

import io.github.coexist.core.Coexist;
import io.github.coexist.core.StoreStatus;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.Priority;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Gauges of how coexist stands now: changes pending, open incidents by priority, and the store's
 * inbox backlog and records not yet committed. Read on each scrape; the incident counts and the
 * store's status (a database query) at most once per {@code refresh}. The gauges hold what they
 * read strongly: Micrometer's default weak reference would let the caches be collected.
 */
final class StateGauges {
  static final String PENDING = "coexist.gate.pending.changes";
  static final String INCIDENTS_OPEN = "coexist.incidents.open";
  static final String INBOX_BACKLOG = "coexist.store.inbox.backlog";
  static final String UNSAVED = "coexist.store.unsaved.records";
  static final String LEASE_HELD = "coexist.store.lease.held";

  private StateGauges() {}

  static void register(Coexist coexist, MeterRegistry registry, Duration refresh) {
    Gauge.builder(PENDING, coexist, StateGauges::pending)
        .description("Changes waiting for a decision (an authority, a freeze, evidence)")
        .strongReference(true).register(registry);
    Cached<Map<Priority, Integer>> open = new Cached<>(() -> openByPriority(coexist), coexist.clock(), refresh);
    for (Priority priority : Priority.values()) {
      Gauge.builder(INCIDENTS_OPEN, open, counts -> counts.get().getOrDefault(priority, 0))
          .description("Open incidents (new, in progress, on hold), by priority")
          .tag("priority", priority.name().toLowerCase(Locale.ROOT))
          .strongReference(true).register(registry);
    }
    if (coexist.storeStatus().isPresent()) {
      Cached<Optional<StoreStatus>> status = new Cached<>(coexist::storeStatus, coexist.clock(), refresh);
      Gauge.builder(INBOX_BACKLOG, status, s -> s.get().map(StateGauges::backlog).orElse(Double.NaN))
          .description("Signals received and not yet processed; NaN when the store cannot say")
          .strongReference(true).register(registry);
      Gauge.builder(UNSAVED, status, s -> s.get().map(StoreStatus::unsaved).orElse(0))
          .description("Records produced and not yet committed to the store")
          .strongReference(true).register(registry);
      Gauge.builder(LEASE_HELD, status, s -> s.get().map(StoreStatus::holdsLease).orElse(false) ? 1 : 0)
          .description("1 when this instance holds the lease and does the work, else 0")
          .strongReference(true).register(registry);
    }
  }

  static double pending(Coexist coexist) {
    int pending = 0;
    for (TrackedChange tracked : coexist.gate().changes()) {
      boolean waiting = tracked.change().decision().isPending() && !tracked.change().state().isTerminal();
      pending += waiting ? 1 : 0;
    }
    return pending;
  }

  private static Map<Priority, Integer> openByPriority(Coexist coexist) {
    Map<Priority, Integer> counts = new EnumMap<>(Priority.class);
    for (Incident incident : coexist.incidents().openIncidents()) {
      counts.merge(incident.priority(), 1, Integer::sum);
    }
    return counts;
  }

  private static double backlog(StoreStatus status) {
    return status.inboxBacklog() < 0 ? Double.NaN : status.inboxBacklog();
  }
}
