package io.github.coexist.benchmarks;

import io.github.coexist.app.serve.CoexistServer;
import io.github.coexist.standins.github.GitHubDeliveries;
import io.github.coexist.standins.github.GitHubStandIn;
import io.github.coexist.standins.jira.JiraStandIn;
import io.github.coexist.standins.servicenow.ServiceNowStandIn;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code serve}'s gate path end to end on loopback: from a signed {@code
 * deployment_protection_rule} delivery posted to {@code /webhooks/github} to the protection rule
 * review arriving at the GitHub API, here a {@link GitHubStandIn}. Measured: the webhook's HTTP
 * exchange (signature, parsing, answer 202), the hand-over to the worker, the gate's decision
 * (risk, policy, audit, in-memory change records) and the review's HTTP call to the stand-in. Not
 * measured: building and signing the delivery, and opening the gate on the stand-in.
 *
 * <p>Each request deploys one of 1,000 repositories (one service each) under a new workflow run,
 * so every delivery asks a new gate, as a busy organisation's would; the policy approves
 * automatically, so every review is final. The server starts afresh for each iteration (in-memory
 * state grows with every change).
 *
 * <p>{@code store} is {@code serve}'s {@code COEXIST_STORE}: {@code embedded} (the default; its
 * state and the inbox in an SQLite file in a fresh temporary directory, each delivery kept before
 * it is answered) or {@code memory}.
 *
 * <p>{@code itsm} is {@code serve}'s {@code COEXIST_ITSM}: {@code inmemory} (no ITSM tool), {@code
 * servicenow} or {@code jira}, each a stand-in on loopback started with the trial. With a tool,
 * the measured time includes recording the change there (looked up, created and moved to
 * Scheduled) before the review goes out, as the gate delivers the ITSM record first.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ServeLatencyBenchmark}. Target: p99
 * under 50 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
    "-Dsun.net.httpserver.nodelay=true"})
public class ServeLatencyBenchmark {
  private static final String SECRET = "benchmark-secret";
  private static final String TOKEN = "benchmark-token";
  private static final int REPOSITORIES = 1_000;
  private static final String POLICY = "{\"version\": \"benchmark\", \"autoApproveUpTo\": \"very_high\","
      + " \"autoApprovalNeedsPassingEvidence\": false}";

  /** {@code serve}'s store. */
  @Param({"embedded", "memory"})
  public String store;

  /** {@code serve}'s ITSM tool: none, or a stand-in of ServiceNow or of Jira. */
  @Param({"inmemory", "servicenow", "jira"})
  public String itsm;

  private ServiceNowStandIn serviceNow;
  private JiraStandIn jira;
  private final Map<String, String> itsmSettings = new HashMap<>();

  private GitHubStandIn github;
  private Path policy;
  private Path dataDir;
  private CoexistServer server;
  private HttpClient http;
  private URI webhook;
  private GitHubDeliveries.Delivery template;
  private long run = 1_000_000;

  private String repository;
  private HttpRequest request;

  @Setup(Level.Trial)
  public void startGitHub() throws IOException {
    github = GitHubStandIn.builder().token(TOKEN).start();
    policy = Files.createTempFile("coexist-benchmark-policy", ".json");
    dataDir = Files.createTempDirectory("coexist-benchmark-data");
    Files.writeString(policy, POLICY);
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    template = GitHubDeliveries.fixture("deployment_protection_rule");
    itsmSettings.put("COEXIST_ITSM", itsm);
    if (itsm.equals("servicenow")) {
      serviceNow = ServiceNowStandIn.start();
      itsmSettings.put("COEXIST_SERVICENOW_URL", serviceNow.baseUri().toString());
      itsmSettings.put("COEXIST_SERVICENOW_USER", serviceNow.user());
      itsmSettings.put("COEXIST_SERVICENOW_PASSWORD", serviceNow.password());
    } else if (itsm.equals("jira")) {
      jira = JiraStandIn.builder().webhookSecret(SECRET).start();
      jira.adapterSettings().forEach((key, value) ->
          itsmSettings.put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
    }
  }

  @Setup(Level.Iteration)
  public void startServer() {
    Map<String, String> env = new HashMap<>(itsmSettings);
    env.putAll(Map.of(
        "COEXIST_PORT", "0",
        "COEXIST_GITHUB_API_URL", github.apiUrl().toString(),
        "COEXIST_GITHUB_TOKEN", TOKEN,
        "COEXIST_GITHUB_WEBHOOK_SECRET", SECRET,
        "COEXIST_POLICY_FILE", policy.toString(),
        "COEXIST_STORE", store,
        "COEXIST_DATA_DIR", dataDir.toString()));
    server = CoexistServer.start(env).getOrElseThrow(e -> new IllegalStateException(e.message()));
    webhook = server.uri().resolve("/webhooks/github");
  }

  /** The next delivery, signed, and its gate opened on GitHub: not part of the measured time. */
  @Setup(Level.Invocation)
  public void nextDelivery() {
    run++;
    String name = "svc-" + (run % REPOSITORIES);
    repository = "octo/" + name;
    github.openGate(repository, run, "production");
    GitHubDeliveries.SignedDelivery delivery = template
        .with("/repository/full_name", repository)
        .with("/repository/name", name)
        .with("/repository/owner/login", "octo")
        .with("/deployment/id", run)
        .callbackOn(github.apiUrl(), run)
        .signed(SECRET, "delivery-" + run);
    HttpRequest.Builder builder = HttpRequest.newBuilder(webhook)
        .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
    delivery.headers().forEach((header, value) -> {
      if (!header.equalsIgnoreCase("Content-Length") && !header.equalsIgnoreCase("User-Agent")) {
        builder.header(header, value);
      }
    });
    request = builder.build();
  }

  /** One delivery in, and the wait for its review at GitHub. */
  @Benchmark
  public String gateDeliveryToReview() throws IOException, InterruptedException {
    HttpResponse<Void> answer = http.send(request, HttpResponse.BodyHandlers.discarding());
    if (answer.statusCode() != 202) {
      throw new IllegalStateException("the delivery was answered " + answer.statusCode());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      Optional<String> state = github.gateState(repository, run, "production");
      if (state.isPresent() && !state.get().equals("pending")) {
        return state.get();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no review for run " + run + " within 10 s");
      }
      LockSupport.parkNanos(20_000);
    }
  }

  @TearDown(Level.Iteration)
  public void stopServer() {
    server.close();
  }

  @TearDown(Level.Trial)
  public void stopGitHub() throws IOException {
    github.close();
    if (serviceNow != null) {
      serviceNow.close();
    }
    if (jira != null) {
      jira.close();
    }
    Files.deleteIfExists(policy);
    try (var files = Files.walk(dataDir)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
