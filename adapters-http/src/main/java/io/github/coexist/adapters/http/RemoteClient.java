package io.github.coexist.adapters.http;

import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way coexist adapters call a tool: the JDK {@link HttpClient} with a connect and a
 * request timeout, credentials from a {@link RequestAuth}, errors typed by the tool's {@link
 * ResponsePolicy}, and bounded retries with jittered exponential backoff that honour {@code
 * Retry-After}.
 *
 * <p>Retries: a transient error (rate limited, 5xx, timeout, lost connection) is retried up to
 * {@link HttpSettings#maxAttempts()} in all; server errors and lost connections only for
 * idempotent requests, rate limits for every request (the tool did not process it). A 401 makes a
 * refreshing {@link RequestAuth} drop its token and is retried once; with fixed credentials
 * (Basic, a static token: {@link RequestAuth#refreshes()} false) a 401 is final, {@code
 * Unauthorized}, never repeated with the same credentials. A {@code Retry-After} longer
 * than {@link HttpSettings#maxRetryAfter()} is not waited for: the call returns {@code
 * RateLimited} so the caller can retry later without holding a thread.
 *
 * <p>Every exchange is told to the {@link RemoteCalls} observers (tool, method, status, time).
 *
 * <p>Requests go only to the base URI's scheme, host and port; a full URI elsewhere (a callback URL
 * from a webhook payload, say) is refused before any credential is attached. Thread-safe.
 */
public final class RemoteClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteClient.class);

  private final String tool;
  private final HttpSettings settings;
  private final RequestAuth auth;
  private final ResponsePolicy policy;
  private final Sleeper sleeper;
  private final Backoff backoff;
  private final HttpClient http;
  private final Optional<ToolGuard> guard;

  /** Waits between attempts; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    /** Waits {@code duration}; returns false when interrupted. */
    boolean sleep(Duration duration);

    /** Sleeps the current thread. */
    static Sleeper threadSleep() {
      return duration -> {
        try {
          Thread.sleep(duration.toMillis());
          return true;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      };
    }
  }

  /** How many redirects one attempt follows before the answer counts as it stands. */
  static final int MAX_REDIRECTS = 3;

  private RemoteClient(Builder b) {
    this.tool = b.tool;
    this.settings = b.settings;
    this.auth = b.auth;
    this.policy = b.policy;
    this.sleeper = b.sleeper;
    this.guard = b.guard;
    this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff(),
        () -> ThreadLocalRandom.current().nextDouble());
    this.http = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * A client for {@code tool} (a short name used in errors and logs) with {@code settings},
   * mapping responses with {@code policy}.
   */
  public static Builder builder(String tool, HttpSettings settings, ResponsePolicy policy) {
    return new Builder(tool, settings, policy);
  }

  /** The settings this client runs with. */
  public HttpSettings settings() {
    return settings;
  }

  /**
   * Sends {@code request}, retrying as the class describes, and returns the successful response.
   * With a {@linkplain Builder#guard guard}, the whole call (its retries and their back-off
   * included) runs inside it, or is refused at once as {@code Unavailable}.
   */
  public Either<CoexistError, RemoteResponse> send(RemoteRequest request) {
    return guard.isPresent() ? guard.get().call(() -> attempts(request)) : attempts(request);
  }

  private Either<CoexistError, RemoteResponse> attempts(RemoteRequest request) {
    Either<CoexistError, URI> uri = resolve(request);
    if (uri.isLeft()) {
      return Either.left(uri.getLeft());
    }
    boolean reauthenticated = false;
    CoexistError last = null;
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      if (attempt > 1) {
        Optional<java.time.Duration> asked = last instanceof CoexistError.RateLimited r ? r.retryAfter() : Optional.empty();
        Duration wait = backoff.delay(attempt - 1, asked);
        LOG.debug("{} {} {}: retry {} in {} ms after: {}", tool, request.method(), uri.get().getPath(),
            attempt - 1, wait.toMillis(), last.message());
        if (!sleeper.sleep(wait)) {
          return Either.left(new CoexistError.Unavailable(tool + " call interrupted while waiting to retry"));
        }
      }
      Either<CoexistError, RemoteResponse> outcome = attempt(request, uri.get());
      if (outcome.isRight()) {
        return outcome;
      }
      last = outcome.getLeft();
      if (last instanceof CoexistError.Unauthorized && !reauthenticated && auth.refreshes()) {
        reauthenticated = true;
        auth.invalidate();
        attempt--; // a fresh token deserves one try that does not count against the budget
        continue;
      }
      if (!shouldRetry(request, last)) {
        return Either.left(last);
      }
    }
    return Either.left(last);
  }

  private boolean shouldRetry(RemoteRequest request, CoexistError error) {
    if (error instanceof CoexistError.RateLimited limited) {
      return limited.retryAfter().map(d -> d.compareTo(settings.maxRetryAfter()) <= 0).orElse(true);
    }
    return error instanceof CoexistError.Unavailable && request.idempotent();
  }

  private Either<CoexistError, RemoteResponse> attempt(RemoteRequest request, URI uri) {
    Either<CoexistError, Map<String, String>> credentials = auth.headers();
    if (credentials.isLeft()) {
      return Either.left(credentials.getLeft());
    }
    URI target = uri;
    long started = System.nanoTime();
    try {
      for (int hop = 0; ; hop++) {
        HttpResponse<String> response = this.http.send(build(request, target, credentials.get()),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Optional<URI> moved = redirect(request, target, response);
        if (moved.isPresent() && hop < MAX_REDIRECTS) {
          if (!sameOrigin(settings.baseUri(), moved.get())) {
            LOG.warn("{}: refused to follow a redirect to {} (only {} is trusted)", tool, moved.get().getHost(),
                settings.baseUri().getHost());
            RemoteCalls.called(tool, request.method(), Integer.toString(response.statusCode()), true, started);
            return Either.left(new CoexistError.Forbidden(tool + " redirected " + request.method() + " "
                + target.getPath() + " to " + moved.get().getHost() + ", which is not trusted"));
          }
          LOG.debug("{} {} {}: moved to {}", tool, request.method(), target.getPath(), moved.get().getPath());
          target = moved.get();
          continue;
        }
        RemoteResponse remote = new RemoteResponse(response.statusCode(), response.headers().map(),
            response.body() == null ? "" : response.body());
        Optional<CoexistError> error = policy.errorFor(remote);
        RemoteCalls.called(tool, request.method(), Integer.toString(response.statusCode()), error.isPresent(), started);
        return error.isPresent() ? Either.left(error.get()) : Either.right(remote);
      }
    } catch (HttpTimeoutException e) {
      RemoteCalls.called(tool, request.method(), "timeout", true, started);
      return Either.left(new CoexistError.Unavailable(tool + " did not answer " + request.method() + " "
          + target.getPath() + " within " + settings.requestTimeout().toMillis() + " ms"));
    } catch (IOException e) {
      RemoteCalls.called(tool, request.method(), "io_error", true, started);
      return Either.left(new CoexistError.Unavailable(tool + " could not be reached for " + request.method()
          + " " + target.getPath() + ": " + e.getClass().getSimpleName()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      RemoteCalls.called(tool, request.method(), "interrupted", true, started);
      return Either.left(new CoexistError.Unavailable(tool + " call interrupted"));
    }
  }

  private HttpRequest build(RemoteRequest request, URI uri, Map<String, String> credentials) {
    HttpRequest.Builder http = HttpRequest.newBuilder(uri)
        .timeout(settings.requestTimeout())
        .header("User-Agent", settings.userAgent());
    credentials.forEach(http::header);
    request.headers().forEach(http::header);
    HttpRequest.BodyPublisher body = request.body()
        .map(b -> HttpRequest.BodyPublishers.ofString(b, StandardCharsets.UTF_8))
        .orElse(HttpRequest.BodyPublishers.noBody());
    if (request.body().isPresent()) {
      http.header("Content-Type", request.contentType());
    }
    return http.method(request.method(), body).build();
  }

  /**
   * Where a redirect answer sends the request, when it is one to follow: 307 and 308 keep the
   * method and body, 301 and 302 are followed for reads only (a renamed GitHub repository answers
   * 301 to reads and 307 to writes). Credentials go along, so the caller checks the origin.
   */
  private static Optional<URI> redirect(RemoteRequest request, URI from, HttpResponse<?> response) {
    int status = response.statusCode();
    boolean keepsMethod = status == 307 || status == 308;
    boolean read = request.method().equals("GET") || request.method().equals("HEAD");
    if (!keepsMethod && !((status == 301 || status == 302) && read)) {
      return Optional.empty();
    }
    try {
      return response.headers().firstValue("Location").map(from::resolve);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The request's URI on the base host, or a refusal when it points anywhere else. */
  Either<CoexistError, URI> resolve(RemoteRequest request) {
    URI base = settings.baseUri();
    URI target;
    try {
      if (request.path().startsWith("http://") || request.path().startsWith("https://")) {
        target = URI.create(request.path());
        if (!sameOrigin(base, target)) {
          LOG.warn("{}: refused a request to {} (only {} is trusted)", tool, target.getHost(), base.getHost());
          return Either.left(new CoexistError.Forbidden(tool + " requests go only to " + base.getHost()
              + ", not to " + target.getHost()));
        }
      } else {
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        String joined = (basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath)
            + (request.path().startsWith("/") ? request.path() : "/" + request.path());
        target = new URI(base.getScheme(), null, base.getHost(), base.getPort(), null, null, null)
            .resolve(joined);
      }
    } catch (IllegalArgumentException | java.net.URISyntaxException e) {
      return Either.left(CoexistError.invalid("not a valid request path: " + request.path()));
    }
    if (request.query().isEmpty()) {
      return Either.right(target);
    }
    StringBuilder query = new StringBuilder(target.getRawQuery() == null ? "" : target.getRawQuery());
    for (Map.Entry<String, String> param : request.query()) {
      if (query.length() > 0) {
        query.append('&');
      }
      query.append(encode(param.getKey())).append('=').append(encode(param.getValue()));
    }
    String s = target.toString();
    int q = s.indexOf('?');
    return Either.right(URI.create((q >= 0 ? s.substring(0, q) : s) + "?" + query));
  }

  /**
   * Whether {@code target} has the scheme, host and port of {@code base}: the guard every request
   * passes, also for adapters that check a URL taken from a payload before using any part of it.
   */
  public static boolean sameOrigin(URI base, URI target) {
    return Objects.equals(base.getScheme(), target.getScheme())
        && base.getHost() != null && base.getHost().equalsIgnoreCase(target.getHost())
        && port(base) == port(target);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equals(uri.getScheme()) ? 443 : 80;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Releases the HTTP client (its connection pool is reclaimed). */
  @Override
  public void close() {
    // The JDK 17 HttpClient has no close(); dropping the reference lets its pool be collected.
    LOG.debug("{} client closed", tool);
  }

  @Override
  public String toString() {
    return "RemoteClient[" + tool + " " + settings.baseUri() + "]";
  }

  /** Builds a {@link RemoteClient}. */
  public static final class Builder {
    private final String tool;
    private final HttpSettings settings;
    private final ResponsePolicy policy;
    private RequestAuth auth = RequestAuth.none();
    private Sleeper sleeper = Sleeper.threadSleep();
    private Optional<ToolGuard> guard = Optional.empty();

    private Builder(String tool, HttpSettings settings, ResponsePolicy policy) {
      this.tool = Objects.requireNonNull(tool, "tool");
      this.settings = Objects.requireNonNull(settings, "settings");
      this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** How requests are authenticated; none unless set. */
    public Builder auth(RequestAuth auth) {
      this.auth = Objects.requireNonNull(auth, "auth");
      return this;
    }

    /** How to wait between attempts; {@link Thread#sleep} unless set. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * The bulkhead and circuit breaker every call goes through, shared by every client of the same
     * tool; none unless set.
     */
    public Builder guard(ToolGuard guard) {
      this.guard = Optional.of(Objects.requireNonNull(guard, "guard"));
      return this;
    }

    /** The guard when present; none when empty. */
    public Builder guard(Optional<ToolGuard> guard) {
      this.guard = Objects.requireNonNull(guard, "guard");
      return this;
    }

    /** The client. */
    public RemoteClient build() {
      return new RemoteClient(this);
    }
  }
}
