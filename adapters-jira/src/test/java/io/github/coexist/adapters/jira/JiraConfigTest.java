package io.github.coexist.adapters.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coexist.adapters.http.ConfigSource;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.risk.RiskLevel;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JiraConfigTest {

  @Test
  @DisplayName("validate lists every problem at once, each with its key and environment variable")
  void everyProblemAtOnce() {
    JiraConfig config = JiraConfig.fromMap(Map.of(
        "coexist.jira.auth", "kerberos",
        "coexist.jira.project", "ops team",
        "coexist.jira.request-timeout", "soon",
        "coexist.jira.idempotency-search", "magic",
        "coexist.jira.status.review", "Implementing",
        "coexist.jira.label", "co exist"));

    CoexistError error = config.validate().getLeft();

    assertThat(error).isInstanceOfSatisfying(CoexistError.InvalidInput.class, e -> assertThat(e.problems()).hasSize(7));
    assertThat(error.message())
        .contains("coexist.jira.url (COEXIST_JIRA_URL) or coexist.jira.cloud-id (COEXIST_JIRA_CLOUD_ID) is required")
        .contains("coexist.jira.auth (COEXIST_JIRA_AUTH) must be basic, bearer or oauth")
        .contains("must be a project key")
        .contains("coexist.jira.request-timeout")
        .contains("must be label or property")
        .contains("coexist.jira.status.review").contains("another state")
        .contains("must not contain white space");
  }

  @Test
  @DisplayName("basic auth needs e-mail and token; url and cloud id together are refused")
  void authNeeds() {
    CoexistError error = JiraConfig.fromMap(Map.of("coexist.jira.url", "https://acme.atlassian.net",
        "coexist.jira.cloud-id", "abc", "coexist.jira.project", "OPS")).validate().getLeft();

    assertThat(error.message()).contains("coexist.jira.email").contains("coexist.jira.api-token")
        .contains("are both set");
  }

  @Test
  @DisplayName("build refuses a bad configuration with every problem, and never prints a secret")
  void buildRefuses() {
    JiraConfig config = JiraConfig.fromMap(Map.of("coexist.jira.url", "not a url", "coexist.jira.api-token", "s3cr3t"));

    assertThatThrownBy(() -> JiraAdapter.builder(config).build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("coexist.jira.url").hasMessageContaining("coexist.jira.email")
        .hasMessageContaining("coexist.jira.project").hasMessageNotContaining("s3cr3t");
    assertThat(config.toString()).doesNotContain("s3cr3t");
  }

  @Test
  @DisplayName("settings bind to environment variables by upper-cased key, and defaults follow the JSM change workflow")
  void environmentAndDefaults() {
    JiraConfig config = JiraConfig.of(ConfigSource.environment(Map.of(
        "COEXIST_JIRA_URL", "https://acme.atlassian.net",
        "COEXIST_JIRA_EMAIL", "bot@acme.example",
        "COEXIST_JIRA_API_TOKEN", "t",
        "COEXIST_JIRA_PROJECT", "OPS",
        "COEXIST_JIRA_STATUS_IMPLEMENT", "Deploying",
        "COEXIST_JIRA_OPTION_CHANGE_RISK_VERY_HIGH", "Very high")));

    assertThat(config.validate().isRight()).isTrue();
    assertThat(config.url()).contains("https://acme.atlassian.net");
    assertThat(config.issueType()).isEqualTo("Change");
    assertThat(config.status(ChangeState.IMPLEMENT)).isEqualTo("Deploying");
    assertThat(config.status(ChangeState.AUTHORIZE)).isEqualTo("Awaiting CAB approval");
    assertThat(config.riskOption(RiskLevel.VERY_HIGH)).isEqualTo("Very high");
    assertThat(config.riskOption(RiskLevel.MODERATE)).isEqualTo("Medium");
    assertThat(config.changeTypeOption(ChangeType.EMERGENCY)).isEqualTo("Emergency");
    assertThat(config.environmentType("prod-eu")).isEqualTo("production");
    assertThat(config.environmentType("qa2")).isEqualTo("testing");
    assertThat(config.environmentType("sandbox")).isEqualTo("unmapped");
  }

  @Test
  @DisplayName("a cloud id points the adapter at the gateway's /ex/jira/{cloudId}")
  void cloudIdBase() {
    JiraSettings settings = JiraSettings.read(JiraConfig.fromMap(Map.of(
        "coexist.jira.cloud-id", "11111111-2222-3333-4444-555555555555",
        "coexist.jira.auth", "bearer", "coexist.jira.access-token", "t", "coexist.jira.project", "OPS"))).get();

    assertThat(settings.http.baseUri().toString())
        .isEqualTo("https://api.atlassian.com/ex/jira/11111111-2222-3333-4444-555555555555");
  }
}
