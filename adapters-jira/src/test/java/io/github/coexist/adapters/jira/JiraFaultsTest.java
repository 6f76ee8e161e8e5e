package io.github.coexist.adapters.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.adapters.http.HttpSettings;
import io.github.coexist.adapters.http.RemoteClient;
import io.github.coexist.adapters.http.RemoteRequest;
import io.github.coexist.adapters.http.RequestAuth;
import io.github.coexist.adapters.http.Secret;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.standins.jira.JiraStandIn;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Jira's failure modes, served by the stand-in. */
class JiraFaultsTest {

  @Test
  @DisplayName("a 429 is waited out for exactly its Retry-After, also for a create, which Jira did not process")
  void rateLimitedCreateIsRetried() {
    try (Fixture f = Fixture.start()) {
      f.adapter.resolveFields().get();
      f.site.failNext("/rest/api/3/search/jql", 1, 429, Map.of("Retry-After", "7", "RateLimit-Reason", "jira-burst-based"), "");
      f.site.failNext("/rest/api/3/issue", 1, 429, Map.of("Retry-After", "3"), "");

      ExternalKey key = f.adapter.changeRecords().ensure(Changes.normal("k-429")).get();

      assertThat(f.waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(3));
      assertThat(f.site.issues()).hasSize(1);
      assertThat(f.site.issue(key.id())).isPresent();
    }
  }

  @Test
  @DisplayName("a Retry-After beyond the configured maximum is handed back as RateLimited with Jira's reason")
  void longRetryAfterIsHandedBack() {
    try (Fixture f = Fixture.start()) {
      f.site.rateLimitNext(1, 120);

      CoexistError error = f.adapter.resolveFields().getLeft();

      assertThat(error).isInstanceOfSatisfying(CoexistError.RateLimited.class,
          r -> assertThat(r.retryAfter()).contains(Duration.ofSeconds(120)));
      assertThat(error.message()).contains("429").contains("jira-burst-based");
      assertThat(f.waits).isEmpty();
    }
  }

  @Test
  @DisplayName("a 503 with Retry-After is load shedding: waited out like a 429")
  void unavailableWithRetryAfter() {
    try (Fixture f = Fixture.start()) {
      f.site.unavailableNext(2, Optional.of(2));

      assertThat(f.adapter.resolveFields().isRight()).isTrue();
      assertThat(f.waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }
  }

  @Test
  @DisplayName("a bare 503 is retried for reads with backoff, but a create is not repeated")
  void unavailable() {
    try (Fixture f = Fixture.start()) {
      f.site.unavailableNext(2, Optional.empty());
      assertThat(f.adapter.resolveFields().isRight()).isTrue();
      assertThat(f.waits).hasSize(2);

      f.site.failNext("/rest/api/3/issue", 1, 503, Map.of(), "{\"errorMessages\":[\"Service Unavailable\"]}");
      CoexistError error = f.adapter.changeRecords().ensure(Changes.normal("k-503")).getLeft();

      assertThat(error).isInstanceOf(CoexistError.Unavailable.class);
      assertThat(error.message()).contains("503").contains("Service Unavailable");
      assertThat(f.site.count("POST", "/rest/api/3/issue")).isEqualTo(1);
      // It looked again before giving up, in case the create had landed.
      assertThat(f.site.count("POST", "/rest/api/3/search/jql")).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("wrong credentials are Unauthorized with Jira's message and without the token")
  void unauthorized() {
    try (Fixture f = Fixture.start(JiraStandIn.builder(), Map.of("coexist.jira.api-token", "wrong-token-123"))) {
      CoexistError error = f.adapter.resolveFields().getLeft();

      assertThat(error).isInstanceOf(CoexistError.Unauthorized.class);
      assertThat(error.message()).contains("Client must be authenticated").doesNotContain("wrong-token-123");
    }
  }

  @Test
  @DisplayName("the removed /rest/api/3/search answers 410 and maps to a NotFound that says it was removed")
  void removedSearch() {
    try (JiraStandIn site = JiraStandIn.start()) {
      RemoteClient client = rawClient(site);

      CoexistError error = client.send(RemoteRequest.get("/rest/api/3/search").query("jql", "project = OPS").build())
          .getLeft();

      assertThat(error).isInstanceOf(CoexistError.NotFound.class);
      assertThat(error.message()).contains("410").contains("has been removed").contains("/rest/api/3/search/jql");
    }
  }

  @Test
  @DisplayName("the stand-in refuses what Jira refuses: unbounded JQL, startAt in a search/jql body, bad page tokens")
  void standInRefusesLikeJira() {
    try (JiraStandIn site = JiraStandIn.start()) {
      RemoteClient client = rawClient(site);

      CoexistError unbounded = client.send(RemoteRequest.post("/rest/api/3/search/jql", "{\"jql\":\"labels = x\"}").build()).getLeft();
      CoexistError startAt = client.send(RemoteRequest.post("/rest/api/3/search/jql", "{\"jql\":\"project = OPS\",\"startAt\":0}")
          .build()).getLeft();
      CoexistError token = client.send(RemoteRequest.post("/rest/api/3/search/jql",
          "{\"jql\":\"project = OPS\",\"nextPageToken\":\"forged\"}").build()).getLeft();

      assertThat(unbounded.message()).contains("Unbounded JQL");
      assertThat(startAt.message()).contains("Invalid request payload");
      assertThat(token.message()).contains("next page token");
    }
  }

  /** A plain client of the stand-in with Jira's error mapping, for calls the adapter never makes. */
  private static RemoteClient rawClient(JiraStandIn site) {
    return RemoteClient.builder("jira", HttpSettings.defaults(site.siteUri()), new JiraErrors(Clock.systemUTC()))
        .auth(RequestAuth.basic(site.email(), Secret.of(site.apiToken()))).build();
  }
}
