package io.github.coexist.adapters.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.standins.jira.JiraStandIn;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JiraAuthTest {

  @Test
  @DisplayName("basic auth with e-mail and API token talks to the site URL")
  void basicAtTheSite() {
    try (Fixture f = Fixture.start()) {
      assertThat(f.adapter.changeRecords().ensure(Changes.normal("k-basic")).isRight()).isTrue();
      assertThat(f.site.requests()).allMatch(r -> r.contains(" /rest/"));
    }
  }

  @Test
  @DisplayName("an OAuth bearer token talks to api.atlassian.com/ex/jira/{cloudId}")
  void bearerThroughTheGateway() {
    try (Fixture f = Fixture.start(JiraStandIn.builder(), site -> Fixture.viaGateway(site, Map.of(
        "coexist.jira.auth", "bearer", "coexist.jira.access-token", site.accessToken())))) {
      JiraStandIn site = f.site;
      assertThat(f.adapter.changeRecords().ensure(Changes.normal("k-bearer")).isRight()).isTrue();
      assertThat(f.site.requests()).isNotEmpty()
          .allMatch(r -> r.contains(" /ex/jira/" + site.cloudId() + "/rest/"));
    }
  }

  @Test
  @DisplayName("OAuth client credentials fetch one token, reuse it, and fetch a fresh one after a 401")
  void clientCredentials() {
    try (Fixture f = Fixture.start(JiraStandIn.builder(), site -> Fixture.oauth(site, Map.of()))) {
      assertThat(f.adapter.changeRecords().ensure(Changes.normal("k-oauth")).isRight()).isTrue();
      assertThat(f.site.count("POST", "/oauth/token")).isEqualTo(1);

      f.site.expireTokens();
      assertThat(f.adapter.changeRecords().ensure(Changes.normal("k-oauth-2")).isRight()).isTrue();

      assertThat(f.site.count("POST", "/oauth/token")).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("refused client credentials are Unauthorized, naming the settings and not the secret")
  void badClientSecret() {
    try (Fixture f = Fixture.start(JiraStandIn.builder(), site -> Fixture.viaGateway(site, Map.of("coexist.jira.auth", "oauth",
        "coexist.jira.client-id", site.clientId(), "coexist.jira.client-secret", "not-the-secret")))) {
      CoexistError error = f.adapter.resolveFields().getLeft();

      assertThat(error).isInstanceOf(CoexistError.Unauthorized.class);
      assertThat(error.message()).contains("client-secret").doesNotContain("not-the-secret");
    }
  }

  @Test
  @DisplayName("a bearer token sent to the site URL is refused by Jira, and the configuration says so beforehand")
  void bearerAtTheSiteIsAMistake() {
    Map<String, String> settings = Map.of("coexist.jira.url", "https://acme.atlassian.net",
        "coexist.jira.auth", "bearer", "coexist.jira.access-token", "t", "coexist.jira.project", "OPS");

    CoexistError error = JiraConfig.fromMap(settings).validate().getLeft();

    assertThat(error.message()).contains("coexist.jira.cloud-id").contains("/ex/jira/{cloud-id}");
  }
}
