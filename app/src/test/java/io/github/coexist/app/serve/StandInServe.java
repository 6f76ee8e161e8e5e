package io.github.coexist.app.serve;

import io.github.coexist.standins.github.GitHubStandIn;
import io.github.coexist.standins.servicenow.ServiceNowStandIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The settings of a {@code serve} connected to a GitHub and a ServiceNow stand-in, with a policy
 * that pre-authorises the standard model {@code routine} on Hello-World: each test adds what it
 * is about (the store, time-outs, breakers).
 */
final class StandInServe {
  private StandInServe() {}

  /**
   * The environment: GitHub at {@code github} with {@code token} and webhook {@code secret},
   * ServiceNow at {@code servicenow}, ticking every second, the policy file (named {@code
   * policyVersion}) written to {@code dir}. A mutable map.
   */
  static Map<String, String> environment(Path dir, GitHubStandIn github, String token, String secret,
      ServiceNowStandIn servicenow, String policyVersion) throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("COEXIST_PORT", "0");
    env.put("COEXIST_TICK_INTERVAL", "1s");
    env.put("COEXIST_GITHUB_API_URL", github.apiUrl().toString());
    env.put("COEXIST_GITHUB_TOKEN", token);
    env.put("COEXIST_GITHUB_WEBHOOK_SECRET", secret);
    env.put("COEXIST_ITSM", "servicenow");
    env.put("COEXIST_SERVICENOW_URL", servicenow.baseUri().toString());
    env.put("COEXIST_SERVICENOW_USER", servicenow.user());
    env.put("COEXIST_SERVICENOW_PASSWORD", servicenow.password());
    env.put("COEXIST_POLICY_FILE", Files.writeString(dir.resolve("policy.json"), """
        {"version": "%s", "autoApproveUpTo": "high",
         "models": [{"name": "routine", "type": "standard"}],
         "services": [{"id": "Hello-World", "owner": "octo", "tier": 3, "zone": "UTC"}]}
        """.formatted(policyVersion)).toString());
    return env;
  }
}
