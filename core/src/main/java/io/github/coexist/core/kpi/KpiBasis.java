package io.github.coexist.core.kpi;

import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.ServiceId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts behind a {@link KpiReport} of the same query, for a drill-down: the production
 * deployments the DORA metrics count and the incidents the ITSM metrics count.
 *
 * @param deployments the production deployments of the scope that finished in the window, in time
 *     order (finish, then id): the successful ones (what deployment frequency, lead time and rework
 *     rate count) and the failed attempts, which the change failure rate counts with them
 * @param incidents the incidents of the scope opened or resolved in the window (what time to
 *     acknowledge and time to restore count), in order of opening, then id
 */
public record KpiBasis(List<Deployment> deployments, List<Incident> incidents) {
  public KpiBasis {
    deployments = List.copyOf(deployments);
    incidents = List.copyOf(incidents);
  }

  /**
   * One production deployment.
   *
   * @param id its id
   * @param service its service
   * @param finishedAt when it finished
   * @param hotfix whether it fixed an earlier deployment (rework)
   * @param incidents the incidents attributed to it
   * @param failures why the change failure rate counts it as failed ("deployment failed", an
   *     attributed incident, a rollback), as {@link KpiEngine#failures} says; empty when it did not fail
   */
  public record Deployment(DeploymentId id, ServiceId service, Instant finishedAt, boolean hotfix,
      List<IncidentId> incidents, List<String> failures) {
    public Deployment {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(finishedAt, "finishedAt");
      incidents = List.copyOf(incidents);
      failures = List.copyOf(failures);
    }

    /** Whether the change failure rate counts it as failed: {@link #failures()} says why. */
    public boolean failed() {
      return !failures.isEmpty();
    }
  }

  /**
   * One incident.
   *
   * @param fact the incident as the engine holds it
   * @param attributedTo the production deployment it is attributed to, if any
   */
  public record Incident(IncidentFact fact, Optional<DeploymentId> attributedTo) {
    public Incident {
      Objects.requireNonNull(fact, "fact");
      Objects.requireNonNull(attributedTo, "attributedTo");
    }
  }
}
