package io.github.coexist.standins.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the GitHub REST API, answering the calls coexist makes as GitHub does
 * (paths, JSON shapes, headers, status codes, error bodies), for adapter tests and the demo. Bound
 * to 127.0.0.1 on an ephemeral port; stateful; thread-safe.
 *
 * <ul>
 *   <li>{@code POST /app/installations/{id}/access_tokens}: checks the App's RS256 JWT against
 *       the registered public key ({@code iss}, {@code iat}, {@code exp} at most 10 minutes
 *       ahead) and issues an installation token valid one hour.
 *   <li>{@code POST /repos/{o}/{r}/actions/runs/{run}/deployment_protection_rule}: reviews a gate
 *       opened with {@link #openGate}: with {@code state} it decides (204), without it posts a
 *       status report (at most 10, 1024 characters); a gate not pending answers GitHub's 422.
 *   <li>{@code GET /repos/{o}/{r}/actions/runs/{run}/approvals}: the review history.
 *   <li>{@code POST /repos/{o}/{r}/deployments/{id}/statuses}: for deployments added with {@link
 *       #addDeployment}; 422 with {@code errors[]} for a bad state or a description over 140.
 *   <li>{@code GET /repos/{o}/{r}/compare/{base}...{head}}: from commits added with {@link
 *       #addCommits}, paged with {@code per_page}/{@code page} and a {@code Link} header, files on
 *       the first page only.
 * </ul>
 *
 * Every other call needs {@code Authorization: Bearer} with a token accepted by {@link
 * #acceptToken} or issued above, else 401 "Bad credentials". Every answer carries the {@code
 * x-ratelimit-*} headers. {@link #failNext} makes the next calls fail as GitHub does: primary and
 * secondary rate limits, 5xx, 422, malformed bodies, slow answers.
 */
public final class GitHubStandIn implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String DOCS = "https://docs.github.com/rest";
  private static final Pattern ACCESS_TOKENS = Pattern.compile("/app/installations/(\\d+)/access_tokens");
  private static final Pattern GATE = Pattern.compile(
      "/repos/([^/]+/[^/]+)/actions/runs/(\\d+)/deployment_protection_rule");
  private static final Pattern APPROVALS = Pattern.compile("/repos/([^/]+/[^/]+)/actions/runs/(\\d+)/approvals");
  private static final Pattern STATUSES = Pattern.compile("/repos/([^/]+/[^/]+)/deployments/(\\d+)/statuses");
  private static final Pattern COMPARE = Pattern.compile("/repos/([^/]+/[^/]+)/compare/(.+)\\.\\.\\.(.+)");
  private static final Set<String> STATUS_STATES =
      Set.of("error", "failure", "inactive", "in_progress", "queued", "pending", "success");

  static {
    // As in the other stand-ins: without TCP_NODELAY every answer of the JDK server waits for the
    // client's delayed ACK (tens of milliseconds). Read once, when the first server of the JVM starts,
    // so this stand-in must set it too when it is the first.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Clock clock;
  private final String basePath;
  private final Duration tokenLifetime;
  private final SecureRandom random = new SecureRandom();
  private final AtomicLong ids = new AtomicLong(1_000_000);

  private final Set<String> acceptedTokens = new HashSet<>();
  private final Map<String, PublicKey> apps = new HashMap<>();
  private final Map<String, Issued> issued = new HashMap<>();
  private final Map<String, Gate> gates = new LinkedHashMap<>();
  private final List<Review> reviews = new ArrayList<>();
  private final Map<Long, KnownDeployment> deployments = new HashMap<>();
  private final List<PostedStatus> statuses = new ArrayList<>();
  private final Map<String, List<CommitSpec>> histories = new HashMap<>();
  private final Deque<Planned> failures = new ArrayDeque<>();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private int remaining = 5000;

  private record Issued(long installation, Instant expiresAt) {}

  private record KnownDeployment(String repository, String sha, String environment) {}

  private static final class Gate {
    String state = "pending";
    int reports;
  }

  private static final class Planned {
    final String pathContains;
    int times;
    final Failure failure;

    Planned(String pathContains, int times, Failure failure) {
      this.pathContains = pathContains;
      this.times = times;
      this.failure = failure;
    }
  }

  /**
   * A review posted to a protection rule.
   *
   * @param repository {@code owner/name}
   * @param runId the workflow run
   * @param environment the {@code environment_name}
   * @param state {@code approved} or {@code rejected}; empty for a status report
   * @param comment the comment
   * @param token the bearer token it was posted with
   */
  public record Review(String repository, long runId, String environment, Optional<String> state, String comment,
      String token) {}

  /**
   * A deployment status posted.
   *
   * @param repository {@code owner/name}
   * @param deploymentId the deployment
   * @param state the state
   * @param description the description (empty when none)
   * @param logUrl the log URL, when given
   */
  public record PostedStatus(String repository, long deploymentId, String state, String description,
      Optional<String> logUrl) {}

  /**
   * A request as the stand-in received it.
   *
   * @param method the HTTP method
   * @param path the path, base path included
   * @param query the raw query, empty when none
   * @param headers the first value of each header, names lower-cased
   * @param body the body text
   */
  public record RecordedRequest(String method, String path, String query, Map<String, String> headers, String body) {
    /** The header {@code name} (any case), when sent. */
    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
  }

  /**
   * One commit of a repository's history, for the compare API.
   *
   * @param sha its sha
   * @param committedAt its committer date
   * @param files the files it touched
   * @param linesChanged lines added plus removed, spread over its files
   */
  public record CommitSpec(String sha, Instant committedAt, List<String> files, int linesChanged) {
    public CommitSpec {
      Objects.requireNonNull(sha, "sha");
      Objects.requireNonNull(committedAt, "committedAt");
      files = List.copyOf(files);
    }
  }

  /** How GitHub fails a call; see the factories. */
  public static final class Failure {
    private final int status;
    private final Map<String, String> headers;
    private final String body;
    private final Duration delay;

    private Failure(int status, Map<String, String> headers, String body, Duration delay) {
      this.status = status;
      this.headers = headers;
      this.body = body;
      this.delay = delay;
    }

    /** The primary rate limit: 403, {@code x-ratelimit-remaining: 0}, reset {@code resetIn} from now. */
    public static Failure primaryRateLimit(Duration resetIn) {
      return new Failure(403, Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset-in", Long.toString(resetIn.toSeconds())),
          "{\"message\":\"API rate limit exceeded for installation ID 2311213. If you reach out to GitHub Support for help,"
              + " please include the request ID.\",\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\","
              + "\"status\":\"403\"}", Duration.ZERO);
    }

    /** A secondary rate limit: {@code status} (403 or 429) with {@code retry-after}. */
    public static Failure secondaryRateLimit(int status, Duration retryAfter) {
      return new Failure(status, Map.of("retry-after", Long.toString(retryAfter.toSeconds())),
          "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
              + "\",\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits\","
              + "\"status\":\"" + status + "\"}", Duration.ZERO);
    }

    /** A secondary rate limit without any header: 403 whose message alone tells. */
    public static Failure secondaryRateLimitWithoutHeaders() {
      return new Failure(403, Map.of(),
          "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\","
              + "\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}", Duration.ZERO);
    }

    /** 403 for a missing permission: no rate-limit header, no rate-limit message. */
    public static Failure forbidden() {
      return new Failure(403, Map.of("x-ratelimit-remaining", "4999"), "{\"message\":\"Resource not accessible by integration\","
          + "\"documentation_url\":\"" + DOCS + "\",\"status\":\"403\"}", Duration.ZERO);
    }

    /** A server error ({@code 500}, {@code 502}, {@code 503}). */
    public static Failure serverError(int status) {
      return new Failure(status, Map.of(), "{\"message\":\"Server Error\"}", Duration.ZERO);
    }

    /** 422 Validation Failed with one {@code custom} error carrying {@code message}. */
    public static Failure validationFailed(String field, String message) {
      return new Failure(422, Map.of(), "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Deployment\","
          + "\"code\":\"custom\",\"field\":" + quote(field) + ",\"message\":" + quote(message) + "}],"
          + "\"documentation_url\":\"" + DOCS + "\",\"status\":\"422\"}", Duration.ZERO);
    }

    /** 200 with a body cut off mid-JSON. */
    public static Failure malformedBody() {
      return new Failure(200, Map.of(), "{\"id\": 17, \"token\": \"ghs_", Duration.ZERO);
    }

    /** 401 Bad credentials. */
    public static Failure badCredentials() {
      return new Failure(401, Map.of(), "{\"message\":\"Bad credentials\",\"documentation_url\":\"" + DOCS
          + "\",\"status\":\"401\"}", Duration.ZERO);
    }

    /** A normal answer, after {@code delay}. */
    public static Failure slow(Duration delay) {
      return new Failure(0, Map.of(), "", delay);
    }

    @Override
    public String toString() {
      return delay.isZero() ? "Failure[" + status + "]" : "Failure[slow " + delay.toMillis() + " ms]";
    }
  }

  private GitHubStandIn(Builder b) {
    this.clock = b.clock;
    this.basePath = b.basePath;
    this.tokenLifetime = b.tokenLifetime;
    this.acceptedTokens.addAll(b.tokens);
    this.apps.putAll(b.apps);
    try {
      this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the GitHub stand-in", e);
    }
    this.executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "github-standin");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A stand-in with the system clock, no base path and no credentials yet. */
  public static GitHubStandIn start() {
    return builder().start();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The API root to configure as {@code coexist.github.api-url}. */
  public URI apiUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + basePath);
  }

  /** Accepts {@code token} as a personal access token. */
  public synchronized GitHubStandIn acceptToken(String token) {
    acceptedTokens.add(token);
    return this;
  }

  /** Registers a GitHub App by id and the public half of its key. */
  public synchronized GitHubStandIn registerApp(String appId, PublicKey key) {
    apps.put(appId, key);
    return this;
  }

  /** Opens a custom protection rule gate, pending, as a workflow run reaching the environment does. */
  public synchronized GitHubStandIn openGate(String repository, long runId, String environment) {
    gates.put(gateKey(repository, runId, environment), new Gate());
    return this;
  }

  /** The state of a gate ({@code pending}, {@code approved}, {@code rejected}), when opened. */
  public synchronized Optional<String> gateState(String repository, long runId, String environment) {
    return Optional.ofNullable(gates.get(gateKey(repository, runId, environment))).map(g -> g.state);
  }

  /** Decides a pending gate as a person would in GitHub's interface ({@code approved} or {@code rejected}). */
  public synchronized GitHubStandIn decideGate(String repository, long runId, String environment, String state) {
    Gate gate = gates.computeIfAbsent(gateKey(repository, runId, environment), k -> new Gate());
    gate.state = state;
    reviews.add(new Review(repository, runId, environment, Optional.of(state), "decided by a person", ""));
    return this;
  }

  /** Every review posted, in order. */
  public synchronized List<Review> reviews() {
    return List.copyOf(reviews);
  }

  /** Adds a deployment statuses can be posted to. */
  public synchronized GitHubStandIn addDeployment(String repository, long id, String sha, String environment) {
    deployments.put(id, new KnownDeployment(repository.toLowerCase(Locale.ROOT), sha, environment));
    return this;
  }

  /** Every deployment status posted, in order. */
  public synchronized List<PostedStatus> statuses() {
    return List.copyOf(statuses);
  }

  /** Appends commits, oldest first, to the history of {@code repository}. */
  public synchronized GitHubStandIn addCommits(String repository, List<CommitSpec> commits) {
    histories.computeIfAbsent(repository.toLowerCase(Locale.ROOT), r -> new ArrayList<>()).addAll(commits);
    return this;
  }

  /** The next call fails with {@code failure}. */
  public GitHubStandIn failNext(Failure failure) {
    return failNext("", 1, failure);
  }

  /** The next {@code times} calls whose path contains {@code pathContains} fail with {@code failure}. */
  public synchronized GitHubStandIn failNext(String pathContains, int times, Failure failure) {
    failures.add(new Planned(pathContains, times, failure));
    return this;
  }

  /** Every request received, in order. */
  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** How many installation tokens were issued. */
  public synchronized int issuedTokens() {
    return issued.size();
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "GitHubStandIn[" + apiUrl() + "]";
  }

  // ---------------------------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = readBody(exchange);
      String path = exchange.getRequestURI().getRawPath();
      String query = Objects.requireNonNullElse(exchange.getRequestURI().getRawQuery(), "");
      Map<String, String> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
      Optional<Failure> failure;
      synchronized (this) {
        requests.add(new RecordedRequest(exchange.getRequestMethod(), path, query, Map.copyOf(headers), body));
        failure = nextFailure(path);
      }
      if (failure.isPresent() && !failure.get().delay.isZero()) {
        try {
          Thread.sleep(failure.get().delay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        failure = Optional.empty();
      }
      Answer answer = failure.map(this::failed)
          .orElseGet(() -> route(exchange.getRequestMethod(), path, query, headers, body));
      send(exchange, answer);
    } catch (RuntimeException e) {
      send(exchange, new Answer(500, Map.of(), "{\"message\":\"Server Error\"}"));
    }
  }

  private record Answer(int status, Map<String, String> headers, String body) {}

  private Optional<Failure> nextFailure(String path) {
    for (Planned planned : failures) {
      if (path.contains(planned.pathContains)) {
        if (--planned.times <= 0) {
          failures.remove(planned);
        }
        return Optional.of(planned.failure);
      }
    }
    return Optional.empty();
  }

  private Answer failed(Failure failure) {
    Map<String, String> headers = new HashMap<>(failure.headers);
    String resetIn = headers.remove("x-ratelimit-reset-in");
    if (resetIn != null) {
      headers.put("x-ratelimit-reset", Long.toString(clock.instant().getEpochSecond() + Long.parseLong(resetIn)));
    }
    return new Answer(failure.status, headers, failure.body);
  }

  private synchronized Answer route(String method, String rawPath, String query, Map<String, String> headers,
      String body) {
    if (!rawPath.startsWith(basePath + "/")) {
      return notFound();
    }
    String path = rawPath.substring(basePath.length());
    Matcher m = ACCESS_TOKENS.matcher(path);
    if (m.matches() && method.equals("POST")) {
      return accessToken(Long.parseLong(m.group(1)), headers);
    }
    Optional<String> token = bearer(headers).filter(this::tokenValid);
    if (token.isEmpty()) {
      return new Answer(401, Map.of(), "{\"message\":\"Bad credentials\",\"documentation_url\":\"" + DOCS
          + "\",\"status\":\"401\"}");
    }
    if ((m = GATE.matcher(path)).matches() && method.equals("POST")) {
      return review(decode(m.group(1)), Long.parseLong(m.group(2)), body, token.get());
    }
    if ((m = APPROVALS.matcher(path)).matches() && method.equals("GET")) {
      return approvals(decode(m.group(1)), Long.parseLong(m.group(2)));
    }
    if ((m = STATUSES.matcher(path)).matches() && method.equals("POST")) {
      return status(decode(m.group(1)), Long.parseLong(m.group(2)), body);
    }
    if ((m = COMPARE.matcher(path)).matches() && method.equals("GET")) {
      return compare(decode(m.group(1)), decode(m.group(2)), decode(m.group(3)), path, query);
    }
    return notFound();
  }

  private Answer accessToken(long installation, Map<String, String> headers) {
    Optional<String> jwt = bearer(headers);
    Optional<String> problem = jwt.map(this::jwtProblem).orElse(Optional.of("A JSON web token could not be decoded"));
    if (problem.isPresent()) {
      return new Answer(401, Map.of(), json(Map.of("message", problem.get(), "documentation_url", DOCS, "status", "401")));
    }
    String token = "ghs_" + randomAlphanumeric(36);
    Instant expires = clock.instant().plus(tokenLifetime).truncatedTo(ChronoUnit.SECONDS);
    issued.put(token, new Issued(installation, expires));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("token", token);
    answer.put("expires_at", expires.toString());
    answer.put("permissions", Map.of("actions", "read", "deployments", "write"));
    answer.put("repository_selection", "all");
    return new Answer(201, Map.of(), json(answer));
  }

  /** Why the App JWT is refused, or empty when it is good. */
  private Optional<String> jwtProblem(String jwt) {
    String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      return Optional.of("A JSON web token could not be decoded");
    }
    try {
      JsonNode header = MAPPER.readTree(Base64.getUrlDecoder().decode(parts[0]));
      JsonNode claims = MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
      if (!"RS256".equals(header.path("alg").asText())) {
        return Optional.of("A JSON web token could not be decoded");
      }
      PublicKey key = apps.get(claims.path("iss").asText());
      if (key == null) {
        return Optional.of("Integration not found");
      }
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(key);
      rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return Optional.of("A JSON web token could not be decoded");
      }
      long now = clock.instant().getEpochSecond();
      long iat = claims.path("iat").asLong(Long.MAX_VALUE);
      long exp = claims.path("exp").asLong(0);
      if (iat > now + 60) {
        return Optional.of("'Issued at' claim ('iat') must be an Integer representing a time in the past");
      }
      if (exp <= now) {
        return Optional.of("'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires");
      }
      if (exp - now > 600) {
        return Optional.of("'Expiration time' claim ('exp') is too far in the future");
      }
      return Optional.empty();
    } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
      return Optional.of("A JSON web token could not be decoded");
    }
  }

  private Answer review(String repository, long runId, String body, String token) {
    JsonNode request;
    try {
      request = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      return problem(400, "Problems parsing JSON");
    }
    if (request == null || !request.isObject()) {
      return problem(400, "Body should be a JSON object");
    }
    JsonNode environment = request.path("environment_name");
    if (!environment.isTextual()) {
      return problem(422, "Invalid request.\n\n\"environment_name\" wasn't supplied.");
    }
    Optional<String> state = request.path("state").isTextual() ? Optional.of(request.path("state").asText()) : Optional.empty();
    String comment = request.path("comment").asText("");
    if (state.isPresent() && !state.get().equals("approved") && !state.get().equals("rejected")) {
      return problem(422, "Invalid request.\n\nFor 'properties/state', \"" + state.get()
          + "\" is not one of [\"approved\", \"rejected\"].");
    }
    if (comment.length() > 1024) {
      return problem(422, "Invalid request.\n\nFor 'properties/comment', the value is too long (maximum is 1024 characters).");
    }
    if (state.isEmpty() && comment.isBlank()) {
      return problem(422, "Invalid request.\n\n\"comment\" wasn't supplied.");
    }
    Gate gate = gates.get(gateKey(repository, runId, environment.asText()));
    if (gate == null || !gate.state.equals("pending")) {
      return problem(422, "No pending custom deployment requests in workflow run `" + runId + "` to approve or reject");
    }
    if (state.isEmpty()) {
      if (gate.reports >= 10) {
        return problem(422, "Status reports are limited to 10 per deployment");
      }
      gate.reports++;
    } else {
      gate.state = state.get();
    }
    reviews.add(new Review(repository, runId, environment.asText(), state, comment, token));
    return new Answer(204, Map.of(), "");
  }

  private Answer approvals(String repository, long runId) {
    ArrayNode list = MAPPER.createArrayNode();
    for (Review review : reviews) {
      if (review.repository().equalsIgnoreCase(repository) && review.runId() == runId && review.state().isPresent()) {
        ObjectNode entry = list.addObject();
        ObjectNode env = entry.putArray("environments").addObject();
        env.put("id", Math.abs(review.environment().hashCode()));
        env.put("name", review.environment());
        entry.put("state", review.state().get());
        entry.putObject("user").put("login", "coexist[bot]").put("type", "Bot");
        entry.put("comment", review.comment());
      }
    }
    return new Answer(200, Map.of(), list.toString());
  }

  private Answer status(String repository, long deploymentId, String body) {
    KnownDeployment deployment = deployments.get(deploymentId);
    if (deployment == null || !deployment.repository().equals(repository.toLowerCase(Locale.ROOT))) {
      return notFound();
    }
    JsonNode request;
    try {
      request = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      return problem(400, "Problems parsing JSON");
    }
    String state = request.path("state").asText("");
    String description = request.path("description").asText("");
    List<Map<String, String>> errors = new ArrayList<>();
    if (!STATUS_STATES.contains(state)) {
      errors.add(Map.of("resource", "DeploymentStatus", "code", "custom", "field", "state",
          "message", "state is not included in the list"));
    }
    if (description.length() > 140) {
      errors.add(Map.of("resource", "DeploymentStatus", "code", "custom", "field", "description",
          "message", "description is too long (maximum is 140 characters)"));
    }
    if (!errors.isEmpty()) {
      return new Answer(422, Map.of(), json(Map.of("message", "Validation Failed", "errors", errors,
          "documentation_url", "https://docs.github.com/rest/deployments/statuses#create-a-deployment-status", "status", "422")));
    }
    Optional<String> logUrl = request.path("log_url").isTextual() ? Optional.of(request.path("log_url").asText()) : Optional.empty();
    statuses.add(new PostedStatus(repository, deploymentId, state, description, logUrl));
    long id = ids.incrementAndGet();
    String api = apiUrl() + "/repos/" + repository;
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("url", api + "/deployments/" + deploymentId + "/statuses/" + id);
    answer.put("id", id);
    answer.put("node_id", "DES_" + id);
    answer.put("state", state);
    answer.put("creator", Map.of("login", "coexist[bot]", "type", "Bot"));
    answer.put("description", description);
    answer.put("environment", deployment.environment());
    answer.put("target_url", logUrl.orElse(""));
    answer.put("log_url", logUrl.orElse(""));
    answer.put("created_at", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    answer.put("updated_at", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    answer.put("deployment_url", api + "/deployments/" + deploymentId);
    answer.put("repository_url", api);
    return new Answer(201, Map.of(), json(answer));
  }

  private Answer compare(String repository, String base, String head, String path, String query) {
    List<CommitSpec> history = histories.getOrDefault(repository.toLowerCase(Locale.ROOT), List.of());
    int from = indexOf(history, base);
    int to = indexOf(history, head);
    if (from < 0 || to < 0) {
      return notFound();
    }
    List<CommitSpec> range = to > from ? history.subList(from + 1, to + 1) : List.of();
    Map<String, String> params = params(query);
    boolean paged = params.containsKey("per_page") || params.containsKey("page");
    int perPage = paged ? Math.max(1, Math.min(100, parse(params.get("per_page"), 30))) : 250;
    int page = Math.max(1, parse(params.get("page"), 1));
    int last = Math.max(1, (range.size() + perPage - 1) / perPage);
    List<CommitSpec> slice = range.subList(Math.min(range.size(), (page - 1) * perPage),
        Math.min(range.size(), page * perPage));

    ObjectNode answer = MAPPER.createObjectNode();
    String api = apiUrl() + "/repos/" + repository;
    answer.put("url", api + "/compare/" + base + "..." + head);
    answer.put("status", to >= from ? "ahead" : "behind");
    answer.put("ahead_by", range.size());
    answer.put("behind_by", 0);
    answer.put("total_commits", range.size());
    ArrayNode commits = answer.putArray("commits");
    for (CommitSpec c : slice) {
      ObjectNode commit = commits.addObject();
      commit.put("sha", c.sha());
      commit.put("node_id", "C_" + c.sha().substring(0, Math.min(8, c.sha().length())));
      ObjectNode inner = commit.putObject("commit");
      inner.putObject("author").put("name", "Codertocat").put("email", "octocat@github.com")
          .put("date", c.committedAt().toString());
      inner.putObject("committer").put("name", "GitHub").put("email", "noreply@github.com")
          .put("date", c.committedAt().toString());
      inner.put("message", "commit " + c.sha());
      commit.put("url", api + "/commits/" + c.sha());
    }
    if (page == 1) {
      Map<String, Integer> files = new LinkedHashMap<>();
      for (CommitSpec c : range) {
        int share = c.files().isEmpty() ? 0 : c.linesChanged() / c.files().size();
        c.files().forEach(f -> files.merge(f, share, Integer::sum));
      }
      ArrayNode list = answer.putArray("files");
      files.forEach((name, changes) -> list.addObject().put("filename", name).put("status", "modified")
          .put("additions", changes).put("deletions", 0).put("changes", changes));
    }
    Map<String, String> headers = new HashMap<>();
    if (page < last) {
      String self = apiUrl() + path + "?per_page=" + perPage + "&page=";
      headers.put("link", "<" + self + (page + 1) + ">; rel=\"next\", <" + self + last + ">; rel=\"last\"");
    }
    return new Answer(200, headers, answer.toString());
  }

  // ---------------------------------------------------------------------------------------------

  private boolean tokenValid(String token) {
    if (acceptedTokens.contains(token)) {
      return true;
    }
    Issued i = issued.get(token);
    return i != null && clock.instant().isBefore(i.expiresAt());
  }

  private static Optional<String> bearer(Map<String, String> headers) {
    String auth = headers.getOrDefault("authorization", "");
    for (String scheme : List.of("Bearer ", "token ")) {
      if (auth.regionMatches(true, 0, scheme, 0, scheme.length())) {
        return Optional.of(auth.substring(scheme.length()).strip());
      }
    }
    return Optional.empty();
  }

  private void send(HttpExchange exchange, Answer answer) throws IOException {
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "application/json; charset=utf-8");
    headers.set("X-GitHub-Api-Version-Selected", "2022-11-28");
    headers.set("X-GitHub-Request-Id", "CA7E:" + Long.toHexString(ids.incrementAndGet()));
    synchronized (this) {
      remaining = Math.max(0, remaining - 1);
      headers.set("x-ratelimit-limit", "5000");
      headers.set("x-ratelimit-remaining", Integer.toString(remaining));
      headers.set("x-ratelimit-used", Integer.toString(5000 - remaining));
      headers.set("x-ratelimit-reset", Long.toString(clock.instant().plus(Duration.ofHours(1)).getEpochSecond()));
      headers.set("x-ratelimit-resource", "core");
    }
    answer.headers().forEach(headers::set);
    boolean empty = answer.status() == 204 || bytes.length == 0;
    exchange.sendResponseHeaders(answer.status(), empty ? -1 : bytes.length);
    if (!empty) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static String readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Answer notFound() {
    return new Answer(404, Map.of(), "{\"message\":\"Not Found\",\"documentation_url\":\"" + DOCS + "\",\"status\":\"404\"}");
  }

  private static Answer problem(int status, String message) {
    return new Answer(status, Map.of(), json(Map.of("message", message, "documentation_url", DOCS, "status",
        Integer.toString(status))));
  }

  private static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stand-in answers are plain maps", e);
    }
  }

  private static String quote(String s) {
    return json(s);
  }

  private static String gateKey(String repository, long runId, String environment) {
    return repository.toLowerCase(Locale.ROOT) + "#" + runId + "#" + environment;
  }

  private static int indexOf(List<CommitSpec> history, String sha) {
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).sha().equalsIgnoreCase(sha)) {
        return i;
      }
    }
    return -1;
  }

  private static Map<String, String> params(String query) {
    Map<String, String> params = new HashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    return params;
  }

  private static int parse(String value, int fallback) {
    try {
      return value == null ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private String randomAlphanumeric(int length) {
    String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(chars.charAt(random.nextInt(chars.length())));
    }
    return s.toString();
  }

  /** Builds a {@link GitHubStandIn}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private String basePath = "";
    private Duration tokenLifetime = Duration.ofHours(1);
    private final Set<String> tokens = new HashSet<>();
    private final Map<String, PublicKey> apps = new HashMap<>();

    private Builder() {}

    /** The clock for token expiry and rate-limit resets; the system clock unless set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** A path prefix, {@code /api/v3} to look like GitHub Enterprise Server; none unless set. */
    public Builder basePath(String basePath) {
      this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
      return this;
    }

    /** Accepts {@code token} as a personal access token. */
    public Builder token(String token) {
      tokens.add(token);
      return this;
    }

    /** Registers a GitHub App. */
    public Builder app(String appId, PublicKey key) {
      apps.put(appId, key);
      return this;
    }

    /** How long issued installation tokens live; one hour unless set. */
    public Builder installationTokenLifetime(Duration lifetime) {
      this.tokenLifetime = Objects.requireNonNull(lifetime, "lifetime");
      return this;
    }

    /** Starts the stand-in. */
    public GitHubStandIn start() {
      return new GitHubStandIn(this);
    }
  }
}
