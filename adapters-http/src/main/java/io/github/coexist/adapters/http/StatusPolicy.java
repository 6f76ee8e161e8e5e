package io.github.coexist.adapters.http;

import io.github.coexist.core.error.CoexistError;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The usual HTTP status mapping, with the tool's own error text: 400 and 422 are invalid input,
 * 401 unauthorized, 403 forbidden, 404 not found, 409 and 412 conflicts, 429 rate limited (with
 * {@code Retry-After}), 408 and 5xx unavailable, any other non-2xx unavailable. Tools wrap it to
 * read their own quirks first (GitHub's 403 rate limits, ServiceNow's 200 with an error body).
 */
public final class StatusPolicy implements ResponsePolicy {
  private final String tool;
  private final Clock clock;
  private final Function<RemoteResponse, Optional<String>> messageOf;

  /**
   * A policy for {@code tool}; {@code messageOf} extracts the tool's error message from a body
   * (empty when it cannot), {@code clock} reads HTTP-date {@code Retry-After} values.
   */
  public StatusPolicy(String tool, Clock clock, Function<RemoteResponse, Optional<String>> messageOf) {
    this.tool = Objects.requireNonNull(tool, "tool");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.messageOf = Objects.requireNonNull(messageOf, "messageOf");
  }

  @Override
  public Optional<CoexistError> errorFor(RemoteResponse response) {
    int status = response.status();
    if (response.isSuccess()) {
      return Optional.empty();
    }
    String detail = tool + " answered " + status + messageOf.apply(response).map(m -> ": " + m).orElse("");
    CoexistError error = switch (status) {
      case 400, 422 -> new CoexistError.InvalidInput(io.vavr.collection.List.of(detail));
      case 401 -> new CoexistError.Unauthorized(detail + " (check the credentials)");
      case 403 -> new CoexistError.Forbidden(detail);
      case 404, 410 -> new CoexistError.NotFound(tool + " resource", detail);
      case 409, 412 -> new CoexistError.Conflict(detail);
      case 429 -> new CoexistError.RateLimited(RetryAfter.from(response, clock), detail);
      default -> new CoexistError.Unavailable(detail);
    };
    return Optional.of(error);
  }

  /** A copy of {@code s} cut to {@code max} characters, for error bodies of unknown size. */
  public static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }
}
