package io.github.coexist.adapters.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.RemoteResponse;
import io.github.coexist.adapters.http.ResponsePolicy;
import io.github.coexist.adapters.http.RetryAfter;
import io.github.coexist.adapters.http.StatusPolicy;
import io.github.coexist.core.error.CoexistError;
import io.vavr.collection.List;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How GitHub says no. Read first, before the usual status mapping:
 *
 * <ul>
 *   <li>Rate limits come as 403 or 429 (the status does not tell which limit): {@code retry-after}
 *       gives the wait; else {@code x-ratelimit-remaining: 0} waits until {@code x-ratelimit-reset};
 *       else a 429, or a 403 whose message speaks of a rate limit, waits one minute as GitHub
 *       advises. A 403 without these signals is a permission problem.
 *   <li>422 carries {@code errors[]}: each entry becomes one problem of {@code InvalidInput}.
 *   <li>Otherwise GitHub's {@code message} is quoted in the usual mapping.
 * </ul>
 */
final class GitHubPolicy implements ResponsePolicy {
  static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofMinutes(1);
  private static final int MAX_MESSAGE = 300;

  private final Clock clock;
  private final StatusPolicy usual;

  GitHubPolicy(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.usual = new StatusPolicy("github", clock, GitHubPolicy::message);
  }

  @Override
  public Optional<CoexistError> errorFor(RemoteResponse response) {
    int status = response.status();
    if (status == 403 || status == 429) {
      Optional<Duration> wait = rateLimitWait(response);
      if (wait.isPresent()) {
        return Optional.of(new CoexistError.RateLimited(wait, "github answered " + status
            + message(response).map(m -> ": " + m).orElse(" (rate limit)")));
      }
    }
    if (status == 422) {
      return Optional.of(new CoexistError.InvalidInput(validationProblems(response)));
    }
    return usual.errorFor(response);
  }

  private Optional<Duration> rateLimitWait(RemoteResponse response) {
    Optional<Duration> retryAfter = RetryAfter.from(response, clock);
    if (retryAfter.isPresent()) {
      return retryAfter;
    }
    if (response.header("x-ratelimit-remaining").map(String::strip).filter("0"::equals).isPresent()) {
      return Optional.of(response.header("x-ratelimit-reset")
          .flatMap(reset -> RetryAfter.untilEpochSecond(reset, clock))
          .orElse(DEFAULT_RATE_LIMIT_WAIT));
    }
    boolean saysRateLimit = message(response)
        .map(m -> m.toLowerCase(Locale.ROOT).contains("rate limit")).orElse(false);
    return response.status() == 429 || saysRateLimit ? Optional.of(DEFAULT_RATE_LIMIT_WAIT) : Optional.empty();
  }

  private static List<String> validationProblems(RemoteResponse response) {
    String head = "github answered 422" + message(response).map(m -> ": " + m).orElse("");
    Optional<JsonNode> body = body(response);
    List<String> problems = List.empty();
    JsonNode errors = body.map(b -> b.path("errors")).orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    for (JsonNode error : errors) {
      problems = problems.append(describe(error));
    }
    return problems.isEmpty() ? List.of(head) : problems.map(p -> head + " – " + p);
  }

  /** One entry of {@code errors[]}: its message when it has one, else resource, field and code. */
  private static String describe(JsonNode error) {
    if (error.isTextual()) {
      return StatusPolicy.shorten(error.asText(), MAX_MESSAGE);
    }
    Optional<String> message = Json.text(error, "/message");
    if (message.isPresent()) {
      return StatusPolicy.shorten(message.get(), MAX_MESSAGE);
    }
    String resource = Json.text(error, "/resource").orElse("?");
    String field = Json.text(error, "/field").orElse("?");
    String code = Json.text(error, "/code").orElse("invalid");
    return StatusPolicy.shorten(resource + "." + field + " " + code, MAX_MESSAGE);
  }

  /** GitHub's {@code message}, when the body is JSON and has one. */
  static Optional<String> message(RemoteResponse response) {
    return body(response).flatMap(b -> Json.text(b, "/message")).map(m -> StatusPolicy.shorten(m, MAX_MESSAGE));
  }

  private static Optional<JsonNode> body(RemoteResponse response) {
    if (response.body().isBlank()) {
      return Optional.empty();
    }
    return Json.parse(response.body().getBytes(StandardCharsets.UTF_8), "error body").toJavaOptional()
        .filter(JsonNode::isObject);
  }
}
