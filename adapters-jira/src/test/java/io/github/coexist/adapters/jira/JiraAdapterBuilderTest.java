package io.github.coexist.adapters.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.adapters.http.InvalidConfigurationException;
import io.github.coexist.core.ItsmAdapter;
import io.github.coexist.testkit.AdapterBuilderKit;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JiraAdapterBuilderTest extends AdapterBuilderKit<JiraAdapter.Builder, JiraAdapter> {

  JiraAdapterBuilderTest() {
    super(JiraAdapter.Builder::tryBuild, JiraAdapter.Builder::build, InvalidConfigurationException.class);
  }

  @Override
  protected JiraAdapter.Builder usable() {
    return JiraAdapter.builder(JiraConfig.fromMap(Map.of("coexist.jira.url", "https://acme.atlassian.net",
        "coexist.jira.email", "ops@acme.example", "coexist.jira.api-token", "t0ken", "coexist.jira.project", "OPS",
        "coexist.jira.webhook.secrets", "s3cret")));
  }

  @Override
  protected JiraAdapter.Builder unusable() {
    return JiraAdapter.builder(JiraConfig.fromMap(Map.of("coexist.jira.url", "not a url")));
  }

  @Test
  @DisplayName("is an ITSM bundle: no CMDB, problems in memory, closing twice is harmless")
  void bundle() {
    ItsmAdapter jira = usable().build();
    assertThat(jira.name()).isEqualTo("jira");
    assertThat(jira.serviceDirectory()).isEmpty();
    assertThat(jira.problemRecords()).isSameAs(jira.problemRecords());
    jira.close();
    jira.close();
  }
}
