package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.adapters.http.ConfigReader;
import io.github.coexist.adapters.http.ConfigSource;
import io.github.coexist.adapters.http.Secret;
import io.github.coexist.adapters.http.WebhookSignature;
import io.github.coexist.core.error.CoexistError;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AlertSourcesTest {
  private static final byte[] BODY = "{\"event\":{}}".getBytes(StandardCharsets.UTF_8);

  private static String v1(String secret) {
    return "v1=" + WebhookSignature.sign(Secret.of(secret), BODY).substring("sha256=".length());
  }

  @Test
  @DisplayName("without secrets PagerDuty webhooks are forbidden, saying which setting takes them")
  void notConfigured() {
    assertThat(AlertSources.defaults().verifyPagerDuty(BODY, Optional.of(v1("x"))).getLeft())
        .isInstanceOf(CoexistError.Forbidden.class)
        .extracting(CoexistError::message).asString().contains("COEXIST_PAGERDUTY_WEBHOOK_SECRETS");
  }

  @Test
  @DisplayName("any of the configured secrets signs, in any of the header's v1 signatures; the secrets never print")
  void rotation() {
    ConfigReader read = new ConfigReader(ConfigSource.environment(Map.of(
        "COEXIST_PAGERDUTY_WEBHOOK_SECRETS", "new-one, old-one", "COEXIST_ALERT_SERVICE_LABEL", "app")), "coexist");
    AlertSources sources = AlertSources.read(read);

    assertThat(sources.serviceLabel()).isEqualTo("app");
    assertThat(sources.verifyPagerDuty(BODY, Optional.of(v1("old-one"))).isRight()).isTrue();
    assertThat(sources.verifyPagerDuty(BODY, Optional.of("v1=00ff, " + v1("new-one"))).isRight()).isTrue();
    assertThat(sources.verifyPagerDuty(BODY, Optional.of(v1("other"))).getLeft()).isInstanceOf(CoexistError.Unauthorized.class);
    assertThat(sources.verifyPagerDuty(BODY, Optional.of("sha256=00")).getLeft().message()).contains("v1=<hex>");
    assertThat(sources.verifyPagerDuty(BODY, Optional.empty()).getLeft().message()).contains("no X-PagerDuty-Signature");
    assertThat(sources.toString()).doesNotContain("new-one", "old-one");
  }
}
