package io.github.coexist.spring;

import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.signal.Signal;

/** Gate requests for the starter's tests. */
final class Gates {
  private Gates() {}

  /** A gate asked for a deployment of {@code service} to {@code environment} by alice, every check passed. */
  static Signal.GateRequested request(String key, String service, String environment) {
    return Signal.GateRequested.of(DeploymentRequest.builder().idempotencyKey(key).service(service)
        .environment(environment).headSha("0123456789abcdef0123456789abcdef01234567").filesChanged(4)
        .linesChanged(120).evidence(PipelineEvidence.allPassed()).requester(Actor.person("alice")).source("github")
        .replyTo("run", "42").build().get());
  }
}
