package io.github.coexist.adapters.github;

import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.standins.github.GitHubStandIn;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the adapter's tests share: a settable clock, an App key pair, and adapters wired to a stand-in. */
final class Fixtures {
  static final String SECRET = "It's a Secret to Everybody";
  static final String OLD_SECRET = "the secret before the rotation";
  static final String TOKEN = "ghp_standin_token";
  static final String APP_ID = "369";
  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  static final KeyPair APP_KEY = generate();

  private Fixtures() {}

  /** A wired adapter, what it waited between retries, and the stand-in it talks to. */
  record Wired(GitHubAdapter adapter, GitHubStandIn github, ManualClock clock, List<Duration> waits) implements AutoCloseable {
    @Override
    public void close() {
      adapter.close();
      github.close();
    }
  }

  /** The settings every test starts from, pointing at {@code api}. */
  static Map<String, String> settings(String api) {
    Map<String, String> s = new HashMap<>();
    s.put("coexist.github.api-url", api);
    s.put("coexist.github.webhook-secret", SECRET + "," + OLD_SECRET);
    s.put("coexist.github.request-timeout", "2s");
    s.put("coexist.github.connect-timeout", "1s");
    return s;
  }

  /** An adapter with a GitHub App (PKCS#1 key, as GitHub issues it) against a fresh stand-in. */
  static Wired withApp(Map<String, String> extra) {
    ManualClock clock = new ManualClock(NOW);
    GitHubStandIn github = GitHubStandIn.builder().clock(clock).app(APP_ID, APP_KEY.getPublic()).start();
    Map<String, String> s = settings(github.apiUrl().toString());
    s.put("coexist.github.app-id", APP_ID);
    s.put("coexist.github.private-key", pkcs1Pem().replace("\n", "\\n"));
    s.putAll(extra);
    return wire(s, github, clock);
  }

  /** An adapter with a personal access token against a fresh stand-in. */
  static Wired withToken(Map<String, String> extra) {
    ManualClock clock = new ManualClock(NOW);
    GitHubStandIn github = GitHubStandIn.builder().clock(clock).token(TOKEN).start();
    Map<String, String> s = settings(github.apiUrl().toString());
    s.put("coexist.github.token", TOKEN);
    s.putAll(extra);
    return wire(s, github, clock);
  }

  private static Wired wire(Map<String, String> settings, GitHubStandIn github, ManualClock clock) {
    List<Duration> waits = new ArrayList<>();
    GitHubAdapter adapter = GitHubAdapter.builder(GitHubConfig.of(settings)).clock(clock)
        .sleeper(d -> {
          synchronized (waits) {
            waits.add(d);
          }
          return true;
        })
        .build();
    return new Wired(adapter, github, clock, waits);
  }

  /** The App key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
  static String pkcs8Pem() {
    return pem("PRIVATE KEY", APP_KEY.getPrivate().getEncoded());
  }

  /** The App key as PKCS#1 PEM ({@code BEGIN RSA PRIVATE KEY}), cut out of its PKCS#8 wrapping. */
  static String pkcs1Pem() {
    byte[] pkcs8 = APP_KEY.getPrivate().getEncoded();
    // PrivateKeyInfo: 30 82 LL LL | 02 01 00 | 30 0d <rsaEncryption, NULL> | 04 82 LL LL <RSAPrivateKey>
    return pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, 26, pkcs8.length));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
