package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.app.Waiting;
import io.github.coexist.standins.github.GitHubDeliveries;
import io.github.coexist.standins.github.GitHubStandIn;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code serve} processes on one PostgreSQL behind a (test-made) load balancer: deliveries
 * go to both, the one holding the lease is killed with SIGKILL, the other takes over.
 */
class ServeFailoverTest {
  private static final String SECRET = "failover-s3cret";
  private static final String TOKEN = "t0ken";
  private static final String REPO = GitHubDeliveries.REPOSITORY;
  private static final int DELIVERIES = 60;

  @Test
  @DisplayName("deliveries spread over two instances are each decided once, also those the killed lease holder "
      + "acknowledged, and the standby takes the lease over")
  void holderKilled(@TempDir Path dir) throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        GitHubStandIn github = GitHubStandIn.builder().token(TOKEN).start()) {
      Map<String, String> env = environment(dir, postgres, github);
      ServeProcess a = ServeProcess.start(dir, "a", env);
      ServeProcess b = ServeProcess.start(dir, "b", env);
      try {
        Waiting.until("one of them holds the lease", ServeProcess.GENEROUS,
            () -> holds(a) != holds(b));
        ServeProcess holder = holds(a) ? a : b;
        ServeProcess standby = holder == a ? b : a;
        String holderName = store(holder).path("instance").asText();
        assertThat(store(standby).path("leaseHolder").asText()).isEqualTo(holderName);

        // On another service: an open P1 on Hello-World would rightly keep its standard changes from being
        // pre-authorised (issue 16), and this test is about failover, not about that guardrail.
        Client.Answer alert = new Client(standby.uri()).post("/alerts", "{\"source\": \"prometheus\","
            + " \"dedupKey\": \"hello-5xx\", \"service\": \"Hello-Docs\", \"summary\": \"errors\","
            + " \"severity\": \"critical\", \"status\": \"firing\"}", Map.of());
        assertThat(alert.status()).as("a standby keeps an alert for the holder").isEqualTo(202);

        List<Long> acknowledged = new ArrayList<>();
        for (long run = 1; run <= DELIVERIES; run++) {
          github.openGate(REPO, run, "production");
          if (run == DELIVERIES / 2) {
            holder.kill();
          }
          // Round robin, as a load balancer would; the dead one's deliveries fail and are not acknowledged.
          ServeProcess target = run % 2 == 0 ? a : b;
          if (deliver(target, github.apiUrl(), run).filter(status -> status == 202).isPresent()) {
            acknowledged.add(run);
          }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(DELIVERIES / 2);

        Waiting.until("the standby holds the lease", ServeProcess.GENEROUS, () -> holds(standby));
        standby.awaitOrExplain("every acknowledged gate is answered on GitHub",
            () -> acknowledged.stream().allMatch(run -> github.gateState(REPO, run, "production")
                .filter("approved"::equals).isPresent()));
        Waiting.until("the inbox is empty", ServeProcess.GENEROUS,
            () -> new Client(standby.uri()).get("/health").json().path("backlog").path("inbox").asInt() == 0);

        standby.awaitOrExplain("the alert kept by the standby opened an incident",
            () -> new Client(standby.uri()).get("/api/incidents?all=true").json().path("incidents").size() == 1);
        List<String> ids = new Client(standby.uri()).all("/api/changes", "changes").stream()
            .map(c -> c.path("id").asText()).toList();
        assertThat(ids).as("one change per acknowledged delivery at least, none twice")
            .hasSizeGreaterThanOrEqualTo(acknowledged.size()).doesNotHaveDuplicates();
        assertThat(new Client(standby.uri()).get("/api/audit?limit=1").json().path("verification").path("intact")
            .asBoolean()).isTrue();
      } finally {
        a.close();
        b.close();
      }
    }
  }

  private static Optional<Integer> deliver(ServeProcess target, URI githubApi, long run) {
    try {
      // A routine change the policy pre-authorises: each gate is approved at once.
      return Optional.of(new Client(target.uri()).deliver(GitHubDeliveries.fixture("deployment_protection_rule")
          .callbackOn(githubApi, run).with("/deployment/payload", Map.of("coexist", Map.of("change_model", "routine")))
          .signed(SECRET)).status());
    } catch (RuntimeException refused) {
      return Optional.empty();
    }
  }

  private static boolean holds(ServeProcess serve) {
    try {
      return store(serve).path("holdsLease").asBoolean();
    } catch (RuntimeException down) {
      return false;
    }
  }

  private static JsonNode store(ServeProcess serve) {
    return new Client(serve.uri()).get("/health").json().path("store");
  }

  private static Map<String, String> environment(Path dir, EmbeddedPostgres postgres, GitHubStandIn github)
      throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("COEXIST_PORT", "0");
    env.put("COEXIST_STORE", "postgres");
    env.put("COEXIST_DATABASE_URL", postgres.getJdbcUrl("postgres", "postgres"));
    env.put("COEXIST_DATABASE_USER", "postgres");
    env.put("COEXIST_DATABASE_PASSWORD", "unused-with-trust-authentication");
    env.put("COEXIST_TICK_INTERVAL", "1s");
    env.put("COEXIST_GITHUB_API_URL", github.apiUrl().toString());
    env.put("COEXIST_GITHUB_TOKEN", TOKEN);
    env.put("COEXIST_GITHUB_WEBHOOK_SECRET", SECRET);
    env.put("COEXIST_POLICY_FILE", Files.writeString(dir.resolve("policy.json"), """
        {"version": "failover-1", "autoApproveUpTo": "high",
         "models": [{"name": "routine", "type": "standard"}],
         "services": [{"id": "Hello-World", "owner": "octo", "tier": 3, "zone": "UTC"}]}
        """).toString());
    return env;
  }
}
