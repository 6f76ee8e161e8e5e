package io.github.coexist.core.gate;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceDirectory;
import io.github.coexist.core.service.ServiceGraph;
import io.github.coexist.core.service.ServiceId;
import io.vavr.control.Either;
import io.github.coexist.core.internal.delivery.Lane;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.NullUnmarked;

/**
 * The service graph as last read from the {@link ServiceDirectory}, refreshed when older than
 * its maximum age, so a decision does not read a whole CMDB. A failed refresh keeps the graph it
 * had and is logged; the next refresh is tried after another maximum age. Given the ITSM tool's
 * workers (the directory is its CMDB), a refresh runs on them, one at a time, while decisions go
 * on with the graph read before: a hanging CMDB holds neither the tick nor a decision. Only the
 * very first read, before any graph is known, is made on the deciding thread. Thread-safe.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
final class GraphCache {
  private static final Logger LOG = LoggerFactory.getLogger(GraphCache.class);

  private final ServiceDirectory directory;
  private final Duration maxAge;
  private final Clock clock;
  private final Optional<Executor> workers;
  private final Lane refreshes = new Lane();
  private volatile Snapshot snapshot;

  GraphCache(ServiceDirectory directory, Duration maxAge, Clock clock, Optional<Executor> workers) {
    this.directory = directory;
    this.maxAge = maxAge;
    this.clock = clock;
    this.workers = workers;
  }

  /** A service's neighbourhood in the graph. */
  record Reach(Optional<Service> service, SortedSet<ServiceId> dependencies, SortedSet<ServiceId> blastRadius) {}

  /** The graph of at most the maximum age at {@code now}. */
  Snapshot current(Instant now) {
    Snapshot s = snapshot;
    if (s == null || (workers.isEmpty() && !now.isBefore(s.staleAt))) {
      return refresh(now, false);
    }
    if (!now.isBefore(s.staleAt)) {
      refreshSoon(now);
    }
    return s;
  }

  /**
   * Reads the directory again: on the workers when there are some (returning at once; a read under
   * way takes this ask in), else here.
   */
  void refreshSoon(Instant now) {
    if (workers.isEmpty()) {
      refresh(now, true);
      return;
    }
    if (!refreshes.ask(workers.get(), () -> refresh(clock.instant(), true) != null)) {
      LOG.info("the workers are busy: the service directory is read again later");
    }
  }

  /** Reads the directory again; when {@code force} is false, only if no one else just did. */
  synchronized Snapshot refresh(Instant now, boolean force) {
    Snapshot s = snapshot;
    if (!force && s != null && now.isBefore(s.staleAt)) {
      return s;
    }
    Either<CoexistError, ServiceGraph> read = directory.graph();
    ServiceGraph graph;
    if (read.isRight()) {
      graph = read.get();
    } else {
      LOG.warn("could not read the service directory, deciding with the graph read before: {}", read.getLeft().message());
      graph = s == null ? ServiceGraph.of(List.<Service>of()) : s.graph;
    }
    s = new Snapshot(graph, now.plus(maxAge));
    snapshot = s;
    return s;
  }

  /** One reading of the graph, with each service's reach worked out once. */
  static final class Snapshot {
    private final ServiceGraph graph;
    /** When it is to be read again: worked out once, not on every decision. */
    private final Instant staleAt;
    private final ConcurrentHashMap<ServiceId, Reach> reach = new ConcurrentHashMap<>();

    Snapshot(ServiceGraph graph, Instant staleAt) {
      this.graph = graph;
      this.staleAt = staleAt;
    }

    Reach reach(ServiceId id) {
      return reach.computeIfAbsent(id, s -> new Reach(graph.service(s),
          graph.transitiveDependencies(s), graph.blastRadius(s)));
    }
  }
}
