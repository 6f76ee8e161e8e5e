package io.github.coexist.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.app.http.BodyLimits;
import io.github.coexist.app.http.ServerSettings;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.standins.github.GitHubDeliveries;
import io.vavr.control.Either;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  @DisplayName("with nothing set, the settings are the embedded default on loopback port 8080")
  void defaults() {
    ServeSettings settings = ServeSettings.read(Map.of()).getOrElseThrow(e -> new AssertionError(e.message()));
    assertThat(settings.port()).isEqualTo(8080);
    assertThat(settings.bind()).isEqualTo("127.0.0.1");
    assertThat(settings.itsm()).isEqualTo("inmemory");
    assertThat(settings.tickInterval()).hasSeconds(5);
    assertThat(settings.github().connected()).isFalse();
    assertThat(settings.github().unchecked()).isPresent();
    assertThat(settings.policy().policy().version()).isEqualTo("default-1");
    assertThat(settings.access().required()).isFalse();
    assertThat(settings.store().kind()).isEqualTo("embedded");
    assertThat(settings.store().dataDir()).isEqualTo(Path.of("coexist-data"));
    assertThat(settings.http()).isEqualTo(ServerSettings.defaults("127.0.0.1", 8080));
    assertThat(settings.http().bodyLimits().limitFor("/webhooks/github")).isEqualTo(25 * BodyLimits.MB);
    assertThat(settings.http().bodyLimits().limitFor("/alerts")).isEqualTo(BodyLimits.MB);
  }

  @Test
  @DisplayName("the HTTP server's time-outs, threads and queue are read from COEXIST_HTTP_*, each bad one named")
  void httpSettings() {
    ServeSettings settings = ServeSettings.read(Map.of("COEXIST_BIND", "0.0.0.0", "COEXIST_PORT", "9090",
        "COEXIST_HTTP_HEADER_TIMEOUT", "3s", "COEXIST_HTTP_BODY_TIMEOUT", "PT40S", "COEXIST_HTTP_IDLE_TIMEOUT", "2m",
        "COEXIST_HTTP_THREADS", "64", "COEXIST_HTTP_QUEUE", "1000", "COEXIST_HTTP_DRAIN_TIMEOUT", "15s"))
        .getOrElseThrow(e -> new AssertionError(e.message()));
    assertThat(settings.http()).isEqualTo(new ServerSettings("0.0.0.0", 9090, Duration.ofSeconds(3),
        Duration.ofSeconds(40), Duration.ofMinutes(2), 64, 1000, Duration.ofSeconds(15), BodyLimits.standard()));
    assertThat(settings.http().concurrentRequests()).isEqualTo(56);

    CoexistError bad = ServeSettings.read(Map.of("COEXIST_HTTP_HEADER_TIMEOUT", "soon", "COEXIST_HTTP_THREADS", "4",
        "COEXIST_HTTP_QUEUE", "0", "COEXIST_HTTP_DRAIN_TIMEOUT", "-1s")).getLeft();
    assertThat(((CoexistError.InvalidInput) bad).problems().asJava()).hasSize(4)
        .anySatisfy(p -> assertThat(p).contains("COEXIST_HTTP_HEADER_TIMEOUT", "soon"))
        .anySatisfy(p -> assertThat(p).contains("COEXIST_HTTP_THREADS", "[16, 1000]"))
        .anySatisfy(p -> assertThat(p).contains("COEXIST_HTTP_QUEUE"))
        .anySatisfy(p -> assertThat(p).contains("COEXIST_HTTP_DRAIN_TIMEOUT"));
  }

  @Test
  @DisplayName("it starts with nothing but a free port set, prints the port, and takes unsigned deliveries into memory")
  void startsWithNothingSet(@TempDir Path dir) {
    // Nothing but the port, and the embedded store's directory kept out of the build's tree.
    Either<Integer, CoexistServer> started = start(Map.of("COEXIST_PORT", "0", "COEXIST_DATA_DIR", dir.toString()));
    assertThat(started.isRight()).as(text(err)).isTrue();
    try (CoexistServer server = started.get()) {
      assertThat(text(out)).contains("coexist is serving on http://127.0.0.1:" + server.port() + "/");
      Client client = new Client(server.uri());
      JsonNode health = client.get("/health").json();
      assertThat(health.path("status").asText()).isEqualTo("ok");
      assertThat(health.path("github").asText()).isEqualTo("receive-only");
      assertThat(health.path("signaturesChecked").asBoolean()).isFalse();
      assertThat(health.path("store").path("kind").asText()).isEqualTo("embedded");
      assertThat(dir.resolve("coexist.db")).isRegularFile();

      GitHubDeliveries.Delivery gate = GitHubDeliveries.fixture("deployment_protection_rule")
          .callbackOn(java.net.URI.create("https://api.github.com"), 42L);
      Map<String, String> unsigned = new HashMap<>(gate.signed("anything").headers());
      unsigned.remove("X-Hub-Signature-256");
      Client.Answer answer = client.post("/webhooks/github", gate.body(), unsigned);

      assertThat(answer.status()).isEqualTo(202);
      Client.await("the gate is decided in memory",
          () -> client.get("/api/changes").json().path("count").asInt() == 1);
      assertThat(client.get("/api/changes").json().path("changes").get(0).path("deployment").path("repository")
          .asText()).isEqualTo(GitHubDeliveries.REPOSITORY);
    }
  }

  @Test
  @DisplayName("bad settings stop start-up with exit code 2 and one message listing every problem, secrets unprinted")
  void everyProblemAtOnce(@TempDir Path dir) throws Exception {
    Path policy = Files.writeString(dir.resolve("policy.json"), "{\"autoApproveUpTo\": \"sometimes\"}");
    Map<String, String> env = new HashMap<>();
    env.put("COEXIST_PORT", "80800");
    env.put("COEXIST_ITSM", "remedy");
    env.put("COEXIST_TICK_INTERVAL", "often");
    env.put("COEXIST_POLICY_FILE", policy.toString());
    env.put("COEXIST_PRODUCTION_ENVIRONMENTS", "production,,live");
    env.put("COEXIST_EVENT_LOG", dir.resolve("missing-folder/events.jsonl").toString());
    env.put("COEXIST_GITHUB_TOKEN", "ghp_verysecrettoken");
    env.put("COEXIST_GITHUB_API_URL", "ftp://example.com");

    Either<Integer, CoexistServer> started = start(env);

    assertThat(started.getLeft()).isEqualTo(2);
    String message = text(err);
    assertThat(message).startsWith("serve: cannot start; fix these settings:")
        .contains("COEXIST_PORT", "80800")
        .contains("COEXIST_ITSM", "remedy")
        .contains("COEXIST_TICK_INTERVAL")
        .contains("COEXIST_POLICY_FILE", "autoApproveUpTo must be low, moderate, high or very_high (or none)")
        .contains("COEXIST_PRODUCTION_ENVIRONMENTS", "must not be blank")
        .contains("COEXIST_EVENT_LOG", "does not exist")
        .contains("COEXIST_GITHUB_WEBHOOK_SECRET")
        .contains("COEXIST_GITHUB_API_URL")
        .doesNotContain("ghp_verysecrettoken")
        .doesNotContain("Exception");
    assertThat(message.lines().filter(l -> l.startsWith("  - ")).count()).isGreaterThanOrEqualTo(8);
    assertThat(text(out)).isEmpty();
  }

  @Test
  @DisplayName("bad store settings stop start-up with exit code 2, naming each problem, the password unprinted")
  void badStoreSettings(@TempDir Path dir) throws Exception {
    Either<Integer, CoexistServer> unknown = start(Map.of("COEXIST_STORE", "mongodb", "COEXIST_PORT", "0"));
    assertThat(unknown.getLeft()).isEqualTo(2);
    assertThat(text(err)).contains("COEXIST_STORE", "must be embedded, postgres or memory", "'mongodb'");

    err.reset();
    Either<Integer, CoexistServer> postgres = start(Map.of("COEXIST_STORE", "postgres", "COEXIST_PORT", "0",
        "COEXIST_DATABASE_URL", "mysql://db/coexist?password=hunter2", "COEXIST_DATABASE_PASSWORD", "hunter2"));
    assertThat(postgres.getLeft()).isEqualTo(2);
    String message = text(err);
    assertThat(message).startsWith("serve: cannot start; fix these settings:")
        .contains("COEXIST_DATABASE_URL", "jdbc:postgresql://host:5432/database")
        .contains("(COEXIST_DATABASE_USER) is required")
        .doesNotContain("(COEXIST_DATABASE_PASSWORD)")
        .doesNotContain("hunter2");
    assertThat(message.lines().filter(l -> l.startsWith("  - ")).count()).isEqualTo(2);

    err.reset();
    Either<Integer, CoexistServer> nothing = start(Map.of("COEXIST_STORE", "POSTGRES", "COEXIST_PORT", "0"));
    assertThat(nothing.getLeft()).isEqualTo(2);
    assertThat(text(err)).contains("COEXIST_DATABASE_URL", "COEXIST_DATABASE_USER", "COEXIST_DATABASE_PASSWORD");
    assertThat(text(err).lines().filter(l -> l.startsWith("  - ")).count()).isEqualTo(3);

    err.reset();
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    Either<Integer, CoexistServer> embedded = start(Map.of("COEXIST_PORT", "0", "COEXIST_DATA_DIR", file.toString(),
        "COEXIST_DATABASE_URL", "jdbc:postgresql://db/coexist"));
    assertThat(embedded.getLeft()).isEqualTo(2);
    assertThat(text(err)).contains("COEXIST_DATA_DIR", "is not a directory")
        .contains("COEXIST_DATABASE_URL", "COEXIST_STORE=postgres");
    assertThat(text(out)).isEmpty();
  }

  @Test
  @DisplayName("PostgreSQL settings are read whole, and their password is never in toString")
  void postgresSettings() {
    ServeSettings settings = ServeSettings.read(Map.of("COEXIST_STORE", "postgres",
        "COEXIST_DATABASE_URL", "jdbc:postgresql://db:5432/coexist?password=hunter2",
        "COEXIST_DATABASE_USER", "coexist", "COEXIST_DATABASE_PASSWORD", "hunter2"))
        .getOrElseThrow(e -> new AssertionError(e.message()));
    assertThat(settings.store().kind()).isEqualTo("postgres");
    assertThat(settings.store().password()).hasValueSatisfying(p -> assertThat(p.reveal()).isEqualTo("hunter2"));
    assertThat(settings.toString()).contains("jdbc:postgresql://db:5432/coexist", "coexist").doesNotContain("hunter2");
    assertThat(settings.store().toString()).doesNotContain("hunter2");
  }

  @Test
  @DisplayName("a PostgreSQL server that cannot be reached stops start-up with exit code 1, the password unprinted")
  void databaseUnreachable() {
    Either<Integer, CoexistServer> started = start(Map.of("COEXIST_PORT", "0", "COEXIST_STORE", "postgres",
        "COEXIST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/coexist", "COEXIST_DATABASE_USER", "coexist",
        "COEXIST_DATABASE_PASSWORD", "hunter2"));
    assertThat(started.getLeft()).isEqualTo(1);
    assertThat(text(err)).startsWith("serve: cannot start:").contains("127.0.0.1:1").doesNotContain("hunter2");
  }

  @Test
  @DisplayName("each ITSM tool's settings are checked by its adapter, and Jira needs its webhook secret")
  void itsmSettings() {
    CoexistError serviceNow = ServeSettings.read(Map.of("COEXIST_ITSM", "servicenow", "COEXIST_SERVICENOW_AUTH", "oauth"))
        .getLeft();
    assertThat(serviceNow.message()).contains("COEXIST_SERVICENOW_URL").contains("oauth.client-id");
    CoexistError jira = ServeSettings.read(Map.of("COEXIST_ITSM", "JIRA", "COEXIST_JIRA_URL", "https://acme.atlassian.net",
        "COEXIST_JIRA_EMAIL", "bot@acme.example", "COEXIST_JIRA_API_TOKEN", "t", "COEXIST_JIRA_PROJECT", "CHG")).getLeft();
    assertThat(jira.message()).contains("COEXIST_JIRA_WEBHOOK_SECRETS").doesNotContain("project");
  }

  @Test
  @DisplayName("it takes no arguments but --help")
  void arguments() {
    assertThat(ServeCommand.start(new String[] {"--help"}, Map.of(), print(out), print(err)).getLeft()).isZero();
    assertThat(text(out)).contains("COEXIST_PORT");
    assertThat(ServeCommand.start(new String[] {"--port", "9"}, Map.of(), print(out), print(err)).getLeft())
        .isEqualTo(2);
    assertThat(text(err)).contains("takes no arguments");
  }

  @Test
  @DisplayName("a port already in use is exit code 1 with the reason")
  void portTaken() {
    try (CoexistServer first = start(Map.of("COEXIST_PORT", "0", "COEXIST_STORE", "memory")).get()) {
      Either<Integer, CoexistServer> second = start(Map.of("COEXIST_PORT", String.valueOf(first.port()),
          "COEXIST_STORE", "memory"));
      assertThat(second.getLeft()).isEqualTo(1);
      assertThat(text(err)).contains("cannot listen on 127.0.0.1:" + first.port());
    }
  }

  private Either<Integer, CoexistServer> start(Map<String, String> env) {
    return ServeCommand.start(new String[0], env, print(out), print(err));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
