package io.github.coexist.adapters.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coexist.core.error.CoexistError;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServiceNowConfigTest {

  @Test
  @DisplayName("defaults: basic auth, Change API probed, 100 rows a page, 5 minute CMDB cache")
  void defaults() {
    ServiceNowConfig config = ServiceNowConfig.fromMap(Map.of("coexist.servicenow.url", "https://acme.service-now.com"));
    assertThat(config.prefix()).isEqualTo("coexist.servicenow");
    assertThat(config.url()).contains(URI.create("https://acme.service-now.com"));
    assertThat(config.auth()).isEqualTo(ServiceNowConfig.AuthMode.BASIC);
    assertThat(config.changeApi()).isEqualTo(ServiceNowConfig.ChangeApi.AUTO);
    assertThat(config.oauthGrant()).isEqualTo(ServiceNowConfig.OAuthGrant.PASSWORD);
    assertThat(config.pageSize()).isEqualTo(100);
    assertThat(config.cmdbCacheTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.cmdbServiceTable()).isEqualTo("cmdb_ci_service");
    assertThat(config.cmdbRelationTypes()).containsExactly("Depends on::Used by");
    assertThat(config.cmdbDefaultOwner()).isEqualTo("unassigned");
    assertThat(config.approvalPollInitial()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.approvalPollMax()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.http(config.url().get()).requestTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  @DisplayName("environment variables are the dotted keys upper-cased with underscores")
  void environment() {
    ServiceNowConfig config = ServiceNowConfig.fromEnvironment(Map.of(
        "COEXIST_SERVICENOW_URL", "https://acme.service-now.com",
        "COEXIST_SERVICENOW_AUTH", "oauth",
        "COEXIST_SERVICENOW_OAUTH_GRANT", "client-credentials",
        "COEXIST_SERVICENOW_OAUTH_CLIENT_ID", "id",
        "COEXIST_SERVICENOW_OAUTH_CLIENT_SECRET", "s3cret",
        "COEXIST_SERVICENOW_CMDB_RELATION_TYPES", "Depends on::Used by, Runs on::Runs",
        "COEXIST_SERVICENOW_PAGE_SIZE", "500"));
    assertThat(config.validate().isRight()).isTrue();
    assertThat(config.auth()).isEqualTo(ServiceNowConfig.AuthMode.OAUTH);
    assertThat(config.oauthGrant()).isEqualTo(ServiceNowConfig.OAuthGrant.CLIENT_CREDENTIALS);
    assertThat(config.cmdbRelationTypes()).containsExactly("Depends on::Used by", "Runs on::Runs");
    assertThat(config.pageSize()).isEqualTo(500);
  }

  @Test
  @DisplayName("validate lists every bad setting at once, naming key and environment variable, never a secret")
  void everyProblemAtOnce() {
    ServiceNowConfig config = ServiceNowConfig.fromMap(Map.of(
        "coexist.servicenow.url", "ftp://acme",
        "coexist.servicenow.auth", "kerberos",
        "coexist.servicenow.change-api", "maybe",
        "coexist.servicenow.page-size", "0",
        "coexist.servicenow.cmdb.cache-ttl", "soon",
        "coexist.servicenow.cmdb.service-table", "cmdb ci",
        "coexist.servicenow.password", "hunter2"));
    CoexistError error = config.validate().getLeft();
    List<String> problems = ((CoexistError.InvalidInput) error).problems().toJavaList();
    assertThat(problems).hasSize(6);
    assertThat(error.message()).contains("coexist.servicenow.url (COEXIST_SERVICENOW_URL)",
        "coexist.servicenow.auth", "kerberos", "coexist.servicenow.change-api", "page-size",
        "cmdb.cache-ttl", "cmdb.service-table").doesNotContain("hunter2");
  }

  @Test
  @DisplayName("each auth mode asks for its own credentials")
  void credentialsPerMode() {
    String url = "https://acme.service-now.com";
    assertThat(problems(Map.of("coexist.servicenow.url", url))).anyMatch(p -> p.contains(".user "))
        .anyMatch(p -> p.contains(".password "));
    assertThat(problems(Map.of("coexist.servicenow.url", url, "coexist.servicenow.auth", "api-key")))
        .singleElement().asString().contains("api-key");
    assertThat(problems(Map.of("coexist.servicenow.url", url, "coexist.servicenow.auth", "oauth")))
        .hasSize(4);
    assertThat(problems(Map.of("coexist.servicenow.url", url, "coexist.servicenow.auth", "oauth",
        "coexist.servicenow.oauth.grant", "refresh-token", "coexist.servicenow.oauth.client-id", "c",
        "coexist.servicenow.oauth.client-secret", "s")))
        .singleElement().asString().contains("oauth.refresh-token");
  }

  private static List<String> problems(Map<String, String> values) {
    return ((CoexistError.InvalidInput) ServiceNowConfig.fromMap(values).validate().getLeft()).problems().toJavaList();
  }

  @Test
  @DisplayName("build refuses a bad configuration at start-up with every problem; tryBuild returns them")
  void buildRefuses() {
    ServiceNowConfig config = ServiceNowConfig.fromMap(Map.of("coexist.servicenow.auth", "basic"));
    assertThat(ServiceNowAdapter.builder(config).tryBuild().getLeft()).isInstanceOf(CoexistError.InvalidInput.class);
    assertThatThrownBy(() -> ServiceNowAdapter.builder(config).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("coexist.servicenow.url")
        .hasMessageContaining("coexist.servicenow.user");
  }

  @Test
  @DisplayName("secrets are redacted when the config's values are printed")
  void secretsRedacted() {
    ServiceNowConfig config = ServiceNowConfig.fromMap(Map.of("coexist.servicenow.password", "hunter2",
        "coexist.servicenow.api-key", "k3y"));
    assertThat(config.password().get().toString()).doesNotContain("hunter2");
    assertThat(config.apiKey().get().toString()).doesNotContain("k3y");
  }
}
