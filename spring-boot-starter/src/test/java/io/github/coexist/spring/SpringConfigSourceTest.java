package io.github.coexist.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SpringConfigSourceTest {
  private final StandardEnvironment environment = new StandardEnvironment();
  private final SpringConfigSource source = new SpringConfigSource(environment);

  @Test
  @DisplayName("reads serve's environment variable names for the adapters' dotted keys")
  void environmentVariables() {
    environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env",
        Map.of("COEXIST_GITHUB_WEBHOOK_SECRET", "from-env", "COEXIST_SERVICENOW_URL", "https://acme")));
    assertThat(source.get("coexist.github.webhook-secret")).contains("from-env");
    assertThat(source.get("coexist.servicenow.url")).contains("https://acme");
  }

  @Test
  @DisplayName("reads camel case and list forms, as YAML writes them; a list reads as its items joined by commas")
  void relaxed() {
    environment.getPropertySources().addFirst(new MapPropertySource("yaml", Map.of(
        "coexist.github.webhookSecret", " spaced ", "coexist.github.webhook-secrets[0]", "old",
        "coexist.github.webhook-secrets[1]", "new")));
    assertThat(source.get("coexist.github.webhook-secret")).contains("spaced");
    assertThat(source.get("coexist.github.webhook-secrets")).contains("old,new");
  }

  @Test
  @DisplayName("a key that is not set, blank or not a property name reads as absent")
  void absent() {
    environment.getPropertySources().addFirst(new MapPropertySource("p", Map.of("coexist.jira.url", "  ")));
    assertThat(source.get("coexist.jira.url")).isEmpty();
    assertThat(source.get("coexist.jira.email")).isEmpty();
    assertThat(source.get("Not A Key!")).isEmpty();
  }
}
