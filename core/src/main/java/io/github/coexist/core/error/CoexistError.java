package io.github.coexist.core.error;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that can go wrong at coexist's boundaries, as data.
 *
 * <p>Ports and services return {@code Either<CoexistError, T>}; callers switch over the cases.
 * Every case carries a message a person can act on. Exceptions are kept for bugs and for bad
 * configuration at start-up.
 */
public sealed interface CoexistError {

  /** A sentence saying what went wrong and, where it can, what to do about it. */
  String message();

  /** The input was refused; {@link #problems()} lists every problem found, not only the first. */
  record InvalidInput(Seq<String> problems) implements CoexistError {
    public InvalidInput {
      Objects.requireNonNull(problems, "problems");
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("InvalidInput needs at least one problem");
      }
    }

    @Override
    public String message() {
      return "invalid input: " + problems.mkString("; ");
    }
  }

  /** The thing asked for does not exist. */
  record NotFound(String kind, String key) implements CoexistError {
    @Override
    public String message() {
      return kind + " '" + key + "' was not found";
    }
  }

  /** The request contradicts the current state of a record (duplicate key, concurrent update). */
  record Conflict(String detail) implements CoexistError {
    @Override
    public String message() {
      return "conflict: " + detail;
    }
  }

  /** A lifecycle does not allow this move from its current state. */
  record IllegalTransition(String entity, String from, String to, String reason)
      implements CoexistError {
    @Override
    public String message() {
      return entity + " cannot move from " + from + " to " + to + ": " + reason;
    }
  }

  /** The credentials were missing, wrong or expired, or a signature did not verify. */
  record Unauthorized(String detail) implements CoexistError {
    @Override
    public String message() {
      return "unauthorized: " + detail;
    }
  }

  /** The credentials are valid but lack the permission this call needs. */
  record Forbidden(String detail) implements CoexistError {
    @Override
    public String message() {
      return "forbidden: " + detail;
    }
  }

  /** The remote asked us to slow down; retry after {@link #retryAfter()} when it is given. */
  record RateLimited(Optional<Duration> retryAfter, String detail) implements CoexistError {
    @Override
    public String message() {
      return "rate limited: "
          + detail
          + retryAfter.map(d -> " (retry after " + d.toSeconds() + " s)").orElse("");
    }
  }

  /** The remote could not be reached or failed; the same call may succeed later. */
  record Unavailable(String detail) implements CoexistError {
    @Override
    public String message() {
      return "unavailable: " + detail;
    }
  }

  /** Shorthand for an {@link InvalidInput} with the given problems. */
  static CoexistError invalid(String... problems) {
    return new InvalidInput(List.of(problems));
  }

  /** Whether the same call may succeed if it is simply tried again later. */
  default boolean isTransient() {
    return this instanceof RateLimited || this instanceof Unavailable;
  }
}
