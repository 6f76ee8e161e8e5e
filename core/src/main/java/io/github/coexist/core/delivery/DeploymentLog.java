package io.github.coexist.core.delivery;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.service.ServiceId;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.NullUnmarked;

/**
 * The deployments that happened, held in memory and queried by service and time: what incident
 * correlation suspects and postmortems put on their timelines. Fed from the delivery tool's
 * deployment status events.
 *
 * <p>Recording a deployment again under the same id replaces it, so status updates simply
 * overwrite; a late event never moves a finished deployment back to in progress. Thread-safe.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public final class DeploymentLog {
  private static final Comparator<Deployment> BY_START =
      Comparator.comparing(Deployment::startedAt).thenComparing(Deployment::id);

  private final Map<DeploymentId, Deployment> byId = new HashMap<>();
  private final Map<ServiceId, TreeSet<Deployment>> byService = new HashMap<>();

  /** An empty log. */
  public DeploymentLog() {}

  /**
   * Records {@code deployment}, or its newer state when the id is already known, and returns the
   * deployment as the log now holds it. Refuses with {@link CoexistError.Conflict} a deployment
   * whose id is known under another service.
   */
  public synchronized Either<CoexistError, Deployment> record(Deployment deployment) {
    Objects.requireNonNull(deployment, "deployment");
    Deployment known = byId.get(deployment.id());
    if (known != null && !known.service().equals(deployment.service())) {
      return Either.left(new CoexistError.Conflict("deployment " + deployment.id()
          + " is recorded for service " + known.service() + ", not " + deployment.service()));
    }
    if (known != null
        && known.status() != Deployment.Status.IN_PROGRESS
        && deployment.status() == Deployment.Status.IN_PROGRESS) {
      // Status events arrive out of order; the finished state is the later truth.
      return Either.right(known);
    }
    if (known != null) {
      byService.get(known.service()).remove(known);
    }
    byId.put(deployment.id(), deployment);
    byService.computeIfAbsent(deployment.service(), s -> new TreeSet<>(BY_START)).add(deployment);
    return Either.right(deployment);
  }

  /** The deployment with this id, if the log holds it. */
  public synchronized Optional<Deployment> find(DeploymentId id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The deployments of {@code service} that started in [from, to], oldest first. */
  public synchronized List<Deployment> forService(ServiceId service, Instant from, Instant to) {
    return List.copyOf(startedBetween(byService.get(service), from, to));
  }

  /** The deployments of any of {@code services} that started in [from, to], oldest first. */
  public synchronized List<Deployment> forServices(
      Collection<ServiceId> services, Instant from, Instant to) {
    List<Deployment> found = new ArrayList<>();
    for (ServiceId service : new TreeSet<>(services)) {
      found.addAll(startedBetween(byService.get(service), from, to));
    }
    found.sort(BY_START);
    return List.copyOf(found);
  }

  /** Every deployment that started in [from, to], oldest first. */
  public synchronized List<Deployment> between(Instant from, Instant to) {
    return forServices(byService.keySet(), from, to);
  }

  /** Forgets the deployments that started before {@code cutoff}; returns how many. */
  public synchronized int pruneBefore(Instant cutoff) {
    List<Deployment> old = byId.values().stream().filter(d -> d.startedAt().isBefore(cutoff)).toList();
    for (Deployment deployment : old) {
      byId.remove(deployment.id());
      TreeSet<Deployment> ofService = byService.get(deployment.service());
      ofService.remove(deployment);
      if (ofService.isEmpty()) {
        byService.remove(deployment.service());
      }
    }
    return old.size();
  }

  /** How many deployments the log holds. */
  public synchronized int size() {
    return byId.size();
  }

  private static List<Deployment> startedBetween(TreeSet<Deployment> deployments, Instant from, Instant to) {
    if (deployments == null || to.isBefore(from)) {
      return List.of();
    }
    return deployments.stream()
        .filter(d -> !d.startedAt().isBefore(from) && !d.startedAt().isAfter(to))
        .toList();
  }
}
