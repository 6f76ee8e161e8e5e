package io.github.coexist.core.kpi;

import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.service.ServiceId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A production deployment the change failure rate counts as failed, with why: each incident
 * attributed to it ("INC-7 (P1): explicit link", "INC-9 (P3): heuristic, 17 h after") and each
 * rollback of it ("rollback detected: deployment 42").
 *
 * @param deployment the failed deployment
 * @param service its service
 * @param finishedAt when it finished
 * @param why the reasons it counts, incidents in id order, then rollbacks
 */
public record FailedDeployment(DeploymentId deployment, ServiceId service, Instant finishedAt, List<String> why) {

  public FailedDeployment {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(finishedAt, "finishedAt");
    why = List.copyOf(why);
    if (why.isEmpty()) {
      throw new IllegalArgumentException("a failed deployment needs a reason");
    }
  }
}
