package io.github.coexist.adapters.github;

import io.github.coexist.testkit.AdapterArchitectureKit;
import java.util.Set;

/** The adapter's rules, as tests: the ones every adapter keeps, from testkit. */
class ArchitectureTest extends AdapterArchitectureKit {
  ArchitectureTest() {
    super("io.github.coexist.adapters.github", Set.of("GitHubAdapter", "GitHubConfig", "GitHubDeployments", "GitHubGateReplies", "GitHubWebhooks",
        "Observation", "WebhookResult", "GateTimeouts", "CommitRange", "GitHubSignals"));
  }
}
