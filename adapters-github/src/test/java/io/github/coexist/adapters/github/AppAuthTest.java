package io.github.coexist.adapters.github;

import io.github.coexist.core.kernel.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coexist.adapters.http.Secret;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GitHub App authentication")
class AppAuthTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  @DisplayName("PKCS#1 (as GitHub issues it) and PKCS#8 PEMs both read to the App's key")
  void readsBothPemForms() {
    PrivateKey pkcs1 = PrivateKeys.parse(Secret.of(Fixtures.pkcs1Pem())).get();
    PrivateKey pkcs8 = PrivateKeys.parse(Secret.of(Fixtures.pkcs8Pem())).get();
    assertThat(pkcs1.getEncoded()).isEqualTo(Fixtures.APP_KEY.getPrivate().getEncoded());
    assertThat(pkcs8.getEncoded()).isEqualTo(Fixtures.APP_KEY.getPrivate().getEncoded());
  }

  @Test
  @DisplayName("text that is not an RSA key PEM is refused with a reason that does not quote it")
  void refusesOtherText() {
    assertThat(PrivateKeys.parse(Secret.of("hunter2")).getLeft()).contains("not a PEM").doesNotContain("hunter2");
    assertThat(PrivateKeys.parse(Secret.of("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
        .getLeft()).contains("readable RSA private key");
    assertThat(PrivateKeys.parse(Secret.of("-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----"))
        .getLeft()).contains("do not match");
  }

  @Test
  @DisplayName("the JWT is RS256, verifies with the App's public key, and carries iss, iat and exp as GitHub asks")
  void jwt() throws Exception {
    AppJwt auth = new AppJwt(Fixtures.APP_ID, Fixtures.APP_KEY.getPrivate(), new ManualClock(Fixtures.NOW));
    String header = auth.headers().get().get("Authorization");
    assertThat(header).startsWith("Bearer ");
    String[] parts = header.substring(7).split("\\.");
    assertThat(parts).hasSize(3);
    JsonNode head = MAPPER.readTree(Base64.getUrlDecoder().decode(parts[0]));
    JsonNode claims = MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertThat(head.path("alg").asText()).isEqualTo("RS256");
    assertThat(claims.path("iss").asText()).isEqualTo(Fixtures.APP_ID);
    assertThat(claims.path("iat").asLong()).isEqualTo(Fixtures.NOW.getEpochSecond() - 60);
    assertThat(claims.path("exp").asLong()).isEqualTo(Fixtures.NOW.getEpochSecond() + 540);
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(Fixtures.APP_KEY.getPublic());
    rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
  }

  @Test
  @DisplayName("the JWT is reused while fresh and minted anew before it expires or after a 401")
  void jwtReuse() {
    ManualClock clock = new ManualClock(Fixtures.NOW);
    AppJwt auth = new AppJwt(Fixtures.APP_ID, Fixtures.APP_KEY.getPrivate(), clock);
    String first = auth.headers().get().get("Authorization");
    clock.advance(Duration.ofMinutes(2));
    assertThat(auth.headers().get().get("Authorization")).isEqualTo(first);
    clock.advance(Duration.ofMinutes(7));
    String renewed = auth.headers().get().get("Authorization");
    assertThat(renewed).isNotEqualTo(first);
    auth.invalidate();
    clock.advance(Duration.ofSeconds(1));
    assertThat(auth.headers().get().get("Authorization")).isNotEqualTo(renewed);
  }

  @Test
  @DisplayName("a wrong App key is refused by GitHub, as unauthorized")
  void wrongKey() throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    String otherPem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----";
    try (Fixtures.Wired wired = Fixtures.withApp(java.util.Map.of("coexist.github.private-key", otherPem,
        "coexist.github.installation-id", "5"))) {
      var result = wired.adapter().deployments().commitsBetween("Codertocat/Hello-World", "a", "b");
      assertThat(result.getLeft()).isInstanceOf(io.github.coexist.core.error.CoexistError.Unauthorized.class);
      assertThat(wired.github().issuedTokens()).isZero();
    }
  }
}
