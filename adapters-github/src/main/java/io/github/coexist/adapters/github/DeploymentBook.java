package io.github.coexist.adapters.github;

import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.kernel.IdempotencyKey;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What is known of each deployment, so that deliveries arriving out of order never move a
 * deployment backwards: a finished deployment stays finished, and a status older than the one
 * recorded is a late arrival. Also remembers the sha last deployed successfully per environment
 * and the gate key of each gated deployment. Bounded; thread-safe.
 */
final class DeploymentBook {
  private final Bounded<Long, Known> deployments;
  private final Bounded<String, LastSuccess> lastSuccess;
  private final Bounded<Long, IdempotencyKey> gateKeys;

  /** The latest status recorded for a deployment, and the id of the status that said so (0 for the deployment itself). */
  private record Known(Deployment.Status status, long statusId) {}

  private record LastSuccess(String sha, Instant deployedAt) {}

  DeploymentBook(int capacity) {
    this.deployments = new Bounded<>(capacity);
    this.lastSuccess = new Bounded<>(capacity);
    this.gateKeys = new Bounded<>(capacity);
  }

  /**
   * Records that deployment {@code id} reached {@code status} by status {@code statusId} (0 for the
   * {@code deployment} event itself), unless that would move it backwards: then the reason it
   * is stale.
   */
  synchronized Optional<String> observe(long id, Deployment.Status status, long statusId) {
    Known known = deployments.get(id);
    if (known != null) {
      if (known.status() != Deployment.Status.IN_PROGRESS) {
        return Optional.of("deployment " + id + " already finished as " + name(known.status())
            + "; this delivery arrived late");
      }
      if (statusId <= known.statusId()) {
        return Optional.of("deployment " + id + " already has a newer status; this delivery arrived late");
      }
    }
    deployments.put(id, new Known(status, statusId));
    return Optional.empty();
  }

  /** The sha last deployed successfully to {@code environment}, when known. */
  synchronized Optional<String> lastSuccess(Repository repository, String environment) {
    return Optional.ofNullable(lastSuccess.get(envKey(repository, environment))).map(LastSuccess::sha);
  }

  /** Records a successful deployment, unless a later one is already recorded. */
  synchronized void succeeded(Repository repository, String environment, String sha, Instant deployedAt) {
    lastSuccess.merge(envKey(repository, environment), new LastSuccess(sha, deployedAt),
        (old, now) -> now.deployedAt().isBefore(old.deployedAt()) ? old : now);
  }

  /** Remembers the gate request key of deployment {@code id}. */
  synchronized void gated(long id, IdempotencyKey key) {
    gateKeys.put(id, key);
  }

  /** The gate request key of deployment {@code id}, when it was gated here. */
  synchronized Optional<IdempotencyKey> gateKey(long id) {
    return Optional.ofNullable(gateKeys.get(id));
  }

  private static String name(Deployment.Status status) {
    return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String envKey(Repository repository, String environment) {
    return repository.fullName().toLowerCase(Locale.ROOT) + "#" + environment;
  }
}
