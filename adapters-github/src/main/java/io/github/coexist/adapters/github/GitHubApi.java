package io.github.coexist.adapters.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.adapters.http.HttpSettings;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.LinkHeader;
import io.github.coexist.adapters.http.RemoteClient;
import io.github.coexist.adapters.http.ToolGuard;
import io.github.coexist.adapters.http.RemoteRequest;
import io.github.coexist.adapters.http.RemoteResponse;
import io.github.coexist.adapters.http.RequestAuth;
import io.github.coexist.adapters.http.Secret;
import io.github.coexist.core.delivery.Commit;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The few GitHub REST calls coexist makes, on top of {@link RemoteClient} (timeouts, jittered
 * retries honouring {@code retry-after}, requests only to the configured host) with {@link
 * GitHubPolicy} (rate limits, 422 errors). Every request carries {@code Accept:
 * application/vnd.github+json} and {@code X-GitHub-Api-Version: 2022-11-28}. Thread-safe.
 */
final class GitHubApi implements AutoCloseable {
  static final String ACCEPT = "application/vnd.github+json";
  static final String API_VERSION = "2022-11-28";
  /** Compare pages followed at most (100 commits each): lead time rarely needs more. */
  static final int MAX_COMPARE_PAGES = 20;
  private static final Pattern REF = Pattern.compile("[A-Za-z0-9._/-]{1,250}");

  private final HttpSettings settings;
  private final GitHubPolicy policy;
  private final RemoteClient.Sleeper sleeper;
  private final Optional<ToolGuard> guard;
  private final Clock clock;
  private final Optional<RemoteClient> tokenClient;
  private final Optional<RemoteClient> appClient;
  private final Optional<Long> defaultInstallation;
  private final Map<Long, RemoteClient> installations = new ConcurrentHashMap<>();

  private GitHubApi(HttpSettings settings, Clock clock, RemoteClient.Sleeper sleeper, Optional<ToolGuard> guard,
      Optional<RequestAuth> token, Optional<RequestAuth> app, Optional<Long> defaultInstallation) {
    this.settings = settings;
    this.guard = guard;
    this.clock = clock;
    this.sleeper = sleeper;
    this.policy = new GitHubPolicy(clock);
    this.tokenClient = token.map(this::client);
    this.appClient = app.map(this::client);
    this.defaultInstallation = defaultInstallation;
  }

  /** Calls authenticated with a personal access token. */
  static GitHubApi withToken(HttpSettings settings, Clock clock, RemoteClient.Sleeper sleeper,
      Optional<ToolGuard> guard, Secret token) {
    return new GitHubApi(settings, clock, sleeper, guard, Optional.of(RequestAuth.bearer(token)), Optional.empty(),
        Optional.empty());
  }

  /** Calls authenticated as installations of a GitHub App. */
  static GitHubApi withApp(HttpSettings settings, Clock clock, RemoteClient.Sleeper sleeper,
      Optional<ToolGuard> guard, String appId, PrivateKey key, Optional<Long> defaultInstallation) {
    return new GitHubApi(settings, clock, sleeper, guard, Optional.empty(), Optional.of(new AppJwt(appId, key, clock)),
        defaultInstallation);
  }

  private RemoteClient client(RequestAuth auth) {
    return RemoteClient.builder("github", settings, policy).auth(auth).sleeper(sleeper).guard(guard).build();
  }

  /** The client for {@code installation} (App), or the token client. */
  private Either<CoexistError, RemoteClient> clientFor(Optional<Long> installation) {
    if (tokenClient.isPresent()) {
      return Either.right(tokenClient.get());
    }
    Optional<Long> id = installation.or(() -> defaultInstallation);
    if (id.isEmpty()) {
      return Either.left(new CoexistError.Unauthorized("no GitHub App installation is known for this call; "
          + "set coexist.github.installation-id or let a webhook name it"));
    }
    return Either.right(installations.computeIfAbsent(id.get(),
        i -> client(new InstallationToken(i, appClient.orElseThrow(), clock))));
  }

  /**
   * Reviews the custom deployment protection rule of run {@code runId} for {@code environment}:
   * with a state ({@code approved} or {@code rejected}) it decides, without one it posts a
   * progress comment. GitHub answers 204.
   */
  Either<CoexistError, Done> reviewProtectionRule(Optional<Long> installation, Repository repository, long runId,
      String environment, Optional<String> state, String comment) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("environment_name", environment);
    state.ifPresent(s -> body.put("state", s));
    body.put("comment", comment);
    RemoteRequest request = versioned(RemoteRequest.post(
        repository.path() + "/actions/runs/" + runId + "/deployment_protection_rule", Json.write(body)))
        // a repeated decision is answered 422 "no pending ... requests", which the caller reads as
        // already decided; a repeated progress note would only duplicate a comment, so not retried
        .idempotent(state.isPresent())
        .build();
    return clientFor(installation).flatMap(c -> c.send(request)).map(r -> Done.DONE);
  }

  /** The review history of run {@code runId}: who decided which environments, and how. */
  Either<CoexistError, List<Approval>> approvals(Optional<Long> installation, Repository repository, long runId) {
    RemoteRequest request = versioned(RemoteRequest.get(repository.path() + "/actions/runs/" + runId + "/approvals"))
        .build();
    return clientFor(installation).flatMap(c -> c.send(request))
        .flatMap(r -> Json.parseResponse(r, "github"))
        .map(GitHubApi::readApprovals);
  }

  private static List<Approval> readApprovals(JsonNode body) {
    List<Approval> approvals = new ArrayList<>();
    for (JsonNode entry : body) {
      List<String> environments = new ArrayList<>();
      entry.path("environments").forEach(e -> Json.text(e, "/name").ifPresent(environments::add));
      approvals.add(new Approval(environments, Json.text(entry, "/state").orElse("")));
    }
    return approvals;
  }

  /** One entry of a run's review history. */
  record Approval(List<String> environments, String state) {}

  /** Creates a deployment status; returns the status id. */
  Either<CoexistError, Long> createDeploymentStatus(Optional<Long> installation, Repository repository,
      long deploymentId, String state, String description, Optional<String> logUrl, Optional<String> environmentUrl) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", state);
    body.put("description", description);
    logUrl.ifPresent(u -> body.put("log_url", u));
    environmentUrl.ifPresent(u -> body.put("environment_url", u));
    body.put("auto_inactive", true);
    RemoteRequest request = versioned(RemoteRequest.post(
        repository.path() + "/deployments/" + deploymentId + "/statuses", Json.write(body))).build();
    return clientFor(installation).flatMap(c -> c.send(request))
        .flatMap(r -> Json.parseResponse(r, "github"))
        .flatMap(b -> b.path("id").canConvertToLong() && b.path("id").isIntegralNumber()
            ? Either.right(b.path("id").asLong())
            : Either.left(new CoexistError.Unavailable("github answered a deployment status without an id")));
  }

  /**
   * The commits reachable from {@code head} but not from {@code base}, oldest first, with the
   * size of the change, following the {@code Link} pages of the compare API.
   */
  Either<CoexistError, CommitRange> compare(Optional<Long> installation, Repository repository, String base,
      String head) {
    if (!isRef(base) || !isRef(head)) {
      return Either.left(CoexistError.invalid("base and head must be commit shas or ref names"));
    }
    Either<CoexistError, RemoteClient> client = clientFor(installation);
    if (client.isLeft()) {
      return Either.left(client.getLeft());
    }
    List<Commit> commits = new ArrayList<>();
    int files = 0;
    int lines = 0;
    int total = -1;
    Optional<String> next = Optional.of(repository.path() + "/compare/" + base + "..." + head);
    for (int page = 1; next.isPresent() && page <= MAX_COMPARE_PAGES; page++) {
      RemoteRequest.Builder request = versioned(RemoteRequest.get(next.get()));
      if (page == 1) {
        request.query("per_page", "100");
      }
      Either<CoexistError, RemoteResponse> response = client.get().send(request.build());
      if (response.isLeft()) {
        return Either.left(response.getLeft());
      }
      Either<CoexistError, JsonNode> body = Json.parseResponse(response.get(), "github");
      if (body.isLeft()) {
        return Either.left(body.getLeft());
      }
      if (!body.get().path("commits").isArray()) {
        return Either.left(new CoexistError.Unavailable("github answered a comparison without a commits list"));
      }
      for (JsonNode c : body.get().path("commits")) {
        Either<CoexistError, Commit> commit = readCommit(c);
        if (commit.isLeft()) {
          return Either.left(commit.getLeft());
        }
        commits.add(commit.get());
      }
      if (page == 1) {
        total = body.get().path("total_commits").asInt(-1);
        for (JsonNode file : body.get().path("files")) {
          files++;
          lines += Math.max(0, file.path("changes").asInt(0));
        }
      }
      next = LinkHeader.next(response.get());
    }
    boolean complete = next.isEmpty() && (total < 0 || total == commits.size());
    return Either.right(new CommitRange(commits, files, lines, complete));
  }

  private static Either<CoexistError, Commit> readCommit(JsonNode c) {
    Optional<String> sha = Json.text(c, "/sha").filter(s -> !s.isBlank());
    Optional<String> at = Json.text(c, "/commit/committer/date").or(() -> Json.text(c, "/commit/author/date"));
    if (sha.isEmpty() || at.isEmpty()) {
      return Either.left(new CoexistError.Unavailable("github answered a compared commit without sha or date"));
    }
    try {
      return Either.right(new Commit(sha.get(), Instant.parse(at.get())));
    } catch (DateTimeParseException e) {
      return Either.left(new CoexistError.Unavailable("github answered an unreadable commit date"));
    }
  }

  private static boolean isRef(String ref) {
    return REF.matcher(ref).matches() && !ref.contains("..") && !ref.startsWith("/");
  }

  private static RemoteRequest.Builder versioned(RemoteRequest.Builder request) {
    return request.header("Accept", ACCEPT).header("X-GitHub-Api-Version", API_VERSION);
  }

  /** The settings the clients run with. */
  HttpSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    tokenClient.ifPresent(RemoteClient::close);
    appClient.ifPresent(RemoteClient::close);
    installations.values().forEach(RemoteClient::close);
  }
}
