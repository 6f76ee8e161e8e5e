package io.github.coexist.core.testing;

import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.kernel.Actor;

/** Deployment requests for tests. */
public final class Requests {
  private Requests() {}

  /** A production deployment of {@code service} by alice, every check passed. */
  public static DeploymentRequest.Builder deploy(String key, String service) {
    return DeploymentRequest.builder()
        .idempotencyKey(key)
        .service(service)
        .environment("production")
        .headSha("0123456789abcdef0123456789abcdef01234567")
        .filesChanged(4)
        .linesChanged(120)
        .evidence(PipelineEvidence.allPassed())
        .requester(Actor.person("alice"))
        .source("github")
        .replyTo("run", "42");
  }

  public static DeploymentRequest built(String key, String service) {
    return deploy(key, service).build().get();
  }
}
