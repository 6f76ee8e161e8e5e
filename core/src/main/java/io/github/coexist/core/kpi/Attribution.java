package io.github.coexist.core.kpi;

import io.github.coexist.core.kernel.DeploymentId;
import java.util.Objects;

/**
 * The deployment an incident counts against in the change failure rate, and why.
 *
 * @param deployment the deployment
 * @param explicit whether by an explicit link (or a confirmed suspect), rather than heuristically
 * @param why "explicit link", or "heuristic, 17 h after"
 */
public record Attribution(DeploymentId deployment, boolean explicit, String why) {
  public Attribution {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(why, "why");
  }
}
