package io.github.coexist.app.serve;

import io.github.coexist.standins.github.GitHubStandIn;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment of a {@code serve} under test, shared by the serve tests' set-ups: a port
 * picked by the system, ticking only hourly (a test drives what it needs), and the store it names;
 * each test adds what it is about ({@link #github}, {@link #with}) and {@link #start}s it. Mutable.
 */
final class ServeEnv {
  private final Map<String, String> env = new HashMap<>();

  private ServeEnv(String store) {
    env.put("COEXIST_PORT", "0");
    env.put("COEXIST_TICK_INTERVAL", "1h");
    env.put("COEXIST_STORE", store);
  }

  /** State in memory only: nothing written to disk. */
  static ServeEnv inMemory() {
    return new ServeEnv("memory");
  }

  /** The embedded database file in {@code dataDir}. */
  static ServeEnv embedded(Path dataDir) {
    return new ServeEnv("embedded").with("COEXIST_DATA_DIR", dataDir.toString());
  }

  /** GitHub at {@code github}'s API with {@code token}, its webhooks signed with {@code secret}. */
  ServeEnv github(GitHubStandIn github, String token, String secret) {
    return with("COEXIST_GITHUB_API_URL", github.apiUrl().toString()).with("COEXIST_GITHUB_TOKEN", token)
        .with("COEXIST_GITHUB_WEBHOOK_SECRET", secret);
  }

  /** Sets {@code name} to {@code value}. */
  ServeEnv with(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Sets every entry of {@code more}. */
  ServeEnv with(Map<String, String> more) {
    env.putAll(more);
    return this;
  }

  /** The variables, as a copy. */
  Map<String, String> map() {
    return new HashMap<>(env);
  }

  /** A server started with these variables; a refusal fails the test with its message. */
  CoexistServer start() {
    return CoexistServer.start(env).getOrElseThrow(e -> new AssertionError(e.message()));
  }
}
