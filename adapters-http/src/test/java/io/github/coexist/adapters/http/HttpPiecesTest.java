package io.github.coexist.adapters.http;

import io.github.coexist.core.kernel.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.coexist.core.error.CoexistError;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HttpPiecesTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  @Test
  @DisplayName("Link headers give each relation's URL")
  void parsesLinks() {
    Map<String, String> links = LinkHeader.parse(
        "<https://api.github.com/repos/o/r/commits?page=2>; rel=\"next\", "
            + "<https://api.github.com/repos/o/r/commits?page=9>; rel=\"last\"");
    assertThat(links).containsEntry("next", "https://api.github.com/repos/o/r/commits?page=2")
        .containsEntry("last", "https://api.github.com/repos/o/r/commits?page=9");
    assertThat(LinkHeader.parse("")).isEmpty();
  }

  @Test
  @DisplayName("Retry-After is read as seconds or as an HTTP date, never negative")
  void readsRetryAfter() {
    assertThat(RetryAfter.parse("120", CLOCK)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse("Thu, 26 Nov 2026 10:00:30 GMT", CLOCK)).contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Thu, 26 Nov 2026 09:00:00 GMT", CLOCK)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", CLOCK)).isEmpty();
    assertThat(RetryAfter.untilEpochSecond(Long.toString(CLOCK.instant().getEpochSecond() + 60), CLOCK))
        .contains(Duration.ofSeconds(60));
  }

  @Test
  @DisplayName("backoff never exceeds its ceiling, and a Retry-After replaces it")
  void backoffIsBounded() {
    qt().withExamples(500).forAll(integers().between(1, 40), integers().between(0, 1000)).checkAssert((retry, r) -> {
      Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(3), () -> r / 1001.0);
      Duration delay = backoff.delay(retry, Optional.empty());
      assertThat(delay).isBetween(Duration.ZERO, Duration.ofSeconds(3));
      assertThat(backoff.delay(retry, Optional.of(Duration.ofSeconds(9)))).isEqualTo(Duration.ofSeconds(9));
    });
  }

  @Test
  @DisplayName("signatures verify with any active secret and fail without leaking why")
  void verifiesSignatures() {
    byte[] body = "{\"zen\":\"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);
    Secret old = Secret.of("old-secret");
    Secret current = Secret.of("new-secret");
    WebhookSignature verifier = new WebhookSignature(List.of(current, old));

    assertThat(verifier.verify(body, Optional.of(WebhookSignature.sign(old, body))).isRight()).isTrue();
    assertThat(verifier.verify(body, Optional.of(WebhookSignature.sign(current, body))).isRight()).isTrue();
    assertThat(verifier.verify(body, Optional.of(WebhookSignature.sign(Secret.of("other"), body))).getLeft())
        .isInstanceOf(CoexistError.Unauthorized.class);
    byte[] tampered = "{\"zen\":\"Keep it logically awesome!\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(verifier.verify(tampered, Optional.of(WebhookSignature.sign(current, body))).isLeft()).isTrue();
    assertThat(verifier.verify(body, Optional.empty()).getLeft().message()).contains("no signature");
    assertThat(verifier.verify(body, Optional.of("sha1=abc")).getLeft().message()).contains("sha256=");
    assertThat(verifier.verify(body, Optional.of("sha256=zz")).getLeft().message()).contains("hexadecimal");
    assertThat(verifier.toString()).doesNotContain("old-secret", "new-secret");
  }

  @Test
  @DisplayName("GitHub's documented example signature verifies")
  void githubExample() {
    // From GitHub's "Validating webhook deliveries": secret "It's a Secret to Everybody", payload "Hello, World!".
    WebhookSignature verifier = new WebhookSignature(List.of(Secret.of("It's a Secret to Everybody")));
    assertThat(verifier.verify("Hello, World!".getBytes(StandardCharsets.UTF_8), Optional.of(
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")).isRight()).isTrue();
  }

  @Test
  @DisplayName("a delivery id is processed once, forgotten after its retention")
  void deduplicatesDeliveries() {
    ManualClock clock = new ManualClock(CLOCK.instant());
    DeliveryLedger ledger = new DeliveryLedger(3, Duration.ofHours(1), clock);
    assertThat(ledger.firstDelivery("a")).isTrue();
    assertThat(ledger.firstDelivery("a")).isFalse();
    clock.advance(Duration.ofHours(2));
    assertThat(ledger.firstDelivery("a")).isTrue();
    ledger.firstDelivery("b");
    ledger.firstDelivery("c");
    ledger.firstDelivery("d");
    assertThat(ledger.firstDelivery("d")).isFalse();
    ledger.forget("d");
    assertThat(ledger.firstDelivery("d")).isTrue();
  }

  @Test
  @DisplayName("the ledger as a DeliveryIds port: one claim per id until it is released")
  void ledgerClaims() {
    DeliveryIds ids = DeliveryLedger.standard(CLOCK);
    assertThat(ids.claim("e").get()).isTrue();
    assertThat(ids.claim("e").get()).isFalse();
    assertThat(ids.release("e").isRight()).isTrue();
    assertThat(ids.claim("e").get()).isTrue();
  }

  @Test
  @DisplayName("a configuration lists every bad setting at once and never shows a secret")
  void configListsEveryProblem() {
    ConfigReader read = new ConfigReader(ConfigSource.environment(Map.of(
        "COEXIST_X_URL", "ftp://nowhere",
        "COEXIST_X_REQUEST_TIMEOUT", "soon",
        "COEXIST_X_MAX_ATTEMPTS", "99",
        "COEXIST_X_TOKEN", "hunter2")), "coexist.x");
    read.requiredUri("url");
    read.required("user");
    read.duration("request-timeout", Duration.ofSeconds(1));
    read.integer("max-attempts", 3, 1, 10);
    Optional<Secret> token = read.requiredSecret("token");

    CoexistError error = read.result(() -> "unused").getLeft();

    assertThat(error).isInstanceOfSatisfying(CoexistError.InvalidInput.class,
        e -> assertThat(e.problems()).hasSize(4));
    assertThat(error.message()).contains("COEXIST_X_URL", "COEXIST_X_USER", "COEXIST_X_REQUEST_TIMEOUT",
        "COEXIST_X_MAX_ATTEMPTS").doesNotContain("hunter2");
    assertThat(token.get().toString()).doesNotContain("hunter2");
    assertThat(ConfigReader.parseDuration("250ms")).contains(Duration.ofMillis(250));
    assertThat(ConfigReader.parseDuration("PT2M")).contains(Duration.ofMinutes(2));
  }
}
