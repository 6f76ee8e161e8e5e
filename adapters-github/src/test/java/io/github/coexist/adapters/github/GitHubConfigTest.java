package io.github.coexist.adapters.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coexist.adapters.http.ConfigSource;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.error.CoexistError;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GitHub adapter configuration")
class GitHubConfigTest {

  @Test
  @DisplayName("every setting has its documented default")
  void defaults() {
    GitHubConfig config = GitHubConfig.of(Map.of("coexist.github.token", "t", "coexist.github.webhook-secret", "s"));
    assertThat(config.validate().isRight()).isTrue();
    assertThat(config.apiUrl()).isEqualTo(URI.create("https://api.github.com"));
    assertThat(config.productionEnvironments()).containsExactly("production", "prod", "production-*", "prod-*");
    assertThat(config.incidentLabel()).isEqualTo("incident");
    assertThat(config.incidentIssues()).isTrue();
    assertThat(config.releaseMarkers()).isTrue();
    assertThat(config.gateTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(config.gateTimeoutOutcome()).isEqualTo(Decision.Outcome.REJECTED);
    assertThat(config.repositoryServices()).isEmpty();
    assertThat(config.http().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.http().maxAttempts()).isEqualTo(4);
  }

  @Test
  @DisplayName("binds to environment variables named after the dotted keys")
  void environment() {
    GitHubConfig config = GitHubConfig.from(ConfigSource.environment(Map.of(
        "COEXIST_GITHUB_API_URL", "https://ghe.example.com/api/v3",
        "COEXIST_GITHUB_TOKEN", "t",
        "COEXIST_GITHUB_WEBHOOK_SECRET", "new, old",
        "COEXIST_GITHUB_GATE_TIMEOUT", "20m",
        "COEXIST_GITHUB_REPOSITORY_SERVICES", "octo/shop=webshop, Octo/API=payments")));
    assertThat(config.validate().isRight()).isTrue();
    assertThat(config.apiUrl().getPath()).isEqualTo("/api/v3");
    assertThat(config.webhookSecrets()).hasSize(2);
    assertThat(config.gateTimeout()).isEqualTo(Duration.ofMinutes(20));
    assertThat(config.repositoryServices()).containsEntry("octo/shop", "webshop").containsEntry("octo/api", "payments");
  }

  @Test
  @DisplayName("validate lists every bad key at once, and never a secret's value")
  void everyProblem() {
    GitHubConfig config = GitHubConfig.of(Map.of(
        "coexist.github.api-url", "ftp://nowhere",
        "coexist.github.token", "ghp_supersecret",
        "coexist.github.app-id", "12",
        "coexist.github.gate-timeout", "soon",
        "coexist.github.gate-timeout-outcome", "maybe",
        "coexist.github.installation-id", "-4",
        "coexist.github.repository-services", "shop",
        "coexist.github.max-attempts", "99"));
    CoexistError error = config.validate().getLeft();
    List<String> problems = ((CoexistError.InvalidInput) error).problems().toJavaList();
    assertThat(problems).hasSize(9);
    assertThat(String.join("\n", problems))
        .contains("coexist.github.api-url").contains("COEXIST_GITHUB_API_URL")
        .contains("webhook-secret").contains("gate-timeout").contains("gate-timeout-outcome")
        .contains("installation-id").contains("repository-services").contains("max-attempts")
        .contains("both set").contains("private-key")
        .doesNotContain("ghp_supersecret");
  }

  @Test
  @DisplayName("an App without a key, or with an unreadable one, is refused")
  void appKey() {
    assertThat(GitHubConfig.of(Map.of("coexist.github.app-id", "1", "coexist.github.webhook-secret", "s")).validate()
        .getLeft().message()).contains("needs coexist.github.private-key");
    assertThat(GitHubConfig.of(Map.of("coexist.github.app-id", "1", "coexist.github.webhook-secret", "s",
        "coexist.github.private-key-path", "/nonexistent/key.pem")).validate().getLeft().message())
        .contains("cannot read the key file");
    assertThat(GitHubConfig.of(Map.of("coexist.github.webhook-secret", "s")).validate().getLeft().message())
        .contains("credentials are required");
  }

  @Test
  @DisplayName("the adapter refuses to start on a bad configuration, naming every problem")
  void buildRefuses() {
    assertThatThrownBy(() -> GitHubAdapter.builder(GitHubConfig.of(Map.of())).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("webhook-secret").hasMessageContaining("credentials");
  }

  @Test
  @DisplayName("a key file is read when the path is given")
  void keyFile() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("app", ".pem");
    try {
      java.nio.file.Files.writeString(file, Fixtures.pkcs1Pem());
      GitHubConfig config = GitHubConfig.of(Map.of("coexist.github.app-id", "1", "coexist.github.webhook-secret", "s",
          "coexist.github.private-key-path", file.toString()));
      assertThat(config.validate().isRight()).isTrue();
      try (GitHubAdapter adapter = GitHubAdapter.builder(config).build()) {
        assertThat(adapter.toString()).doesNotContain("PRIVATE");
      }
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }
}
