package io.github.coexist.core.error;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Validation;
import java.util.function.Supplier;

/**
 * Collects every problem found in one piece of input, so that it is refused once with all of
 * them instead of one at a time.
 *
 * <pre>{@code
 * Problems problems = new Problems()
 *     .require(service != null, "service is required")
 *     .require(lines >= 0, "lines must not be negative");
 * return problems.validate(() -> new Thing(service, lines));
 * }</pre>
 *
 * <p>Not thread-safe: use one instance per validation.
 */
public final class Problems {
  private List<String> found = List.empty();

  /** Records {@code problem} unless {@code ok} holds. */
  public Problems require(boolean ok, String problem) {
    if (!ok) {
      found = found.append(problem);
    }
    return this;
  }

  /** Records a problem unconditionally. */
  public Problems add(String problem) {
    found = found.append(problem);
    return this;
  }

  /** Records every problem of a nested validation, each prefixed with {@code path}. */
  public Problems addAll(String path, Seq<String> problems) {
    found = found.appendAll(problems.map(p -> path + ": " + p));
    return this;
  }

  /** Whether no problem has been recorded. */
  public boolean isEmpty() {
    return found.isEmpty();
  }

  /** The problems recorded so far, in order. */
  public Seq<String> list() {
    return found;
  }

  /** The value built by {@code build} when there is no problem, else every problem. */
  public <T> Validation<Seq<String>, T> validate(Supplier<T> build) {
    return found.isEmpty() ? Validation.valid(build.get()) : Validation.invalid(found);
  }

  /** As {@link #validate}, with the problems folded into one {@link CoexistError.InvalidInput}. */
  public <T> Either<CoexistError, T> toEither(Supplier<T> build) {
    return found.isEmpty() ? Either.right(build.get()) : Either.left(new CoexistError.InvalidInput(found));
  }

  /** Whether {@code s} is null or only white space. */
  public static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
