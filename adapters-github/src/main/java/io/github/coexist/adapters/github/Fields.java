package io.github.coexist.adapters.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.vavr.control.Either;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads a webhook payload leniently: unknown fields are never looked at, a field of the wrong type
 * counts as absent, and each required field that is absent adds one problem, so a broken payload
 * is refused once with every problem listed. Not thread-safe: one per payload.
 */
final class Fields {
  /** Longer texts are cut: titles and names end up in comments and change records. */
  static final int MAX_TEXT = 200;
  /** GitHub's limit on environment names. */
  static final int MAX_ENVIRONMENT = 255;

  private final JsonNode root;
  private final Problems problems = new Problems();

  Fields(JsonNode root) {
    this.root = root;
  }

  /** The text at {@code pointer} ({@code /deployment/sha}), when it is non-blank text. */
  Optional<String> text(String pointer) {
    JsonNode node = root.at(pointer);
    return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
  }

  /** The text at {@code pointer}, cut to {@link #MAX_TEXT} characters. */
  Optional<String> shortText(String pointer) {
    return text(pointer).map(Fields::cut);
  }

  /** The whole number at {@code pointer}, when it is one. */
  Optional<Long> number(String pointer) {
    JsonNode node = root.at(pointer);
    return node.isIntegralNumber() && node.canConvertToLong() ? Optional.of(node.asLong()) : Optional.empty();
  }

  /** The boolean at {@code pointer}; false unless it is {@code true}. */
  boolean flag(String pointer) {
    return root.at(pointer).isBoolean() && root.at(pointer).asBoolean();
  }

  /** The ISO-8601 time at {@code pointer} ({@code Z} or an offset), when it is one. */
  Optional<Instant> instant(String pointer) {
    return text(pointer).flatMap(Fields::parseInstant);
  }

  /** The node at {@code pointer} (missing when absent). */
  JsonNode node(String pointer) {
    return root.at(pointer);
  }

  /** Text that must be present; adds a problem naming {@code pointer} when it is not. */
  String requireText(String pointer) {
    Optional<String> value = text(pointer);
    if (value.isEmpty()) {
      problems.add(describe(pointer) + " is missing or not text");
    }
    return value.orElse("");
  }

  /** Text that must be present and at most {@code maxLength} characters long (names GitHub bounds). */
  String requireText(String pointer, int maxLength) {
    String value = requireText(pointer);
    if (value.length() > maxLength) {
      problems.add(describe(pointer) + " is longer than " + maxLength + " characters");
      return "";
    }
    return value;
  }

  /** A whole number that must be present; adds a problem when it is not. */
  long requireNumber(String pointer) {
    Optional<Long> value = number(pointer);
    if (value.isEmpty()) {
      problems.add(describe(pointer) + " is missing or not a whole number");
    }
    return value.orElse(0L);
  }

  /** A time that must be present; adds a problem when it is not. */
  Instant requireInstant(String pointer) {
    Optional<Instant> value = instant(pointer);
    if (value.isEmpty()) {
      problems.add(describe(pointer) + " is missing or not an ISO-8601 time");
    }
    return value.orElse(Instant.EPOCH);
  }

  /** Adds a problem of the payload's own. */
  Fields problem(String problem) {
    problems.add(problem);
    return this;
  }

  /** The value built by {@code build} when no problem was found, else every problem. */
  <T> Either<CoexistError, T> result(Supplier<T> build) {
    return problems.toEither(build);
  }

  /** Every problem found so far, as one error; call only when {@link #ok()} is false. */
  CoexistError errors() {
    return new CoexistError.InvalidInput(problems.list());
  }

  /** Whether no problem has been found so far. */
  boolean ok() {
    return problems.isEmpty();
  }

  static Optional<Instant> parseInstant(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static String cut(String text) {
    return cut(text, MAX_TEXT);
  }

  /** {@code text} cut to at most {@code max} characters, ending in an ellipsis, never inside a surrogate pair. */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }

  private static String describe(String pointer) {
    return pointer.substring(1).replace('/', '.');
  }
}
