package io.github.coexist.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.adapters.http.ConfigReader;
import io.github.coexist.app.events.Excerpt;
import io.github.coexist.core.error.Problems;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads the fields of one JSON object from untrusted input (the policy file, request bodies),
 * collecting every problem, each named by its path ({@code authorities[1].quorum}), into one
 * {@link Problems} shared with the objects nested in it. A missing or {@code null} field is
 * simply absent. Not thread-safe.
 */
final class JsonFields {
  private final JsonNode node;
  private final String path;
  private final Problems problems;

  /** The fields of {@code node}, which sits at {@code path} ({@code ""} for the document). */
  JsonFields(JsonNode node, String path) {
    this(node, path, new Problems());
  }

  private JsonFields(JsonNode node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /** Every problem found so far, here and in nested objects. */
  Problems problems() {
    return problems;
  }

  /**
   * The path of {@code field} in the document; {@code path("")} is this object's own path. A name
   * from the input (a label's) is cut to an excerpt and its control characters escaped.
   */
  String path(String field) {
    if (field.isEmpty()) {
      return path.isEmpty() ? "the document" : path;
    }
    String name = Excerpt.of(field);
    return path.isEmpty() ? name : path + "." + name;
  }

  /** Whether the field is present and not null. */
  boolean has(String field) {
    return node.hasNonNull(field);
  }

  /** The names of this object's fields. */
  Iterator<String> names() {
    return node.fieldNames();
  }

  /** Reports every field not in {@code known} (a misspelt field must not pass unnoticed). */
  void onlyFields(Set<String> known) {
    node.fieldNames().forEachRemaining(name -> {
      if (!known.contains(name)) {
        problems.add(path(name) + " is not a known field (known: "
            + String.join(", ", new TreeSet<>(known)) + ")");
      }
    });
  }

  /**
   * Reports every text field longer than its limit in {@code maxLengths} (characters), naming the
   * field, its limit and its length, never quoting it.
   */
  void limits(Map<String, Integer> maxLengths) {
    maxLengths.forEach((field, max) -> {
      JsonNode value = node.get(field);
      if (value != null && value.isTextual() && value.asText().length() > max) {
        problems.add(path(field) + " is at most " + max + " characters, was " + value.asText().length());
      }
    });
  }

  /** A text field; blank counts as absent. */
  Optional<String> text(String field) {
    return typed(field, JsonNode::isTextual, "text", node -> node.asText().strip()).filter(s -> !s.isEmpty());
  }

  /** A text field that must be present. */
  Optional<String> requiredText(String field) {
    JsonNode value = node.get(field);
    boolean wrongType = value != null && !value.isNull() && !value.isTextual();
    Optional<String> text = text(field);
    if (text.isEmpty() && !wrongType) {
      problems.add(path(field) + " is required");
    }
    return text;
  }

  /** A boolean field. */
  Optional<Boolean> bool(String field) {
    return typed(field, JsonNode::isBoolean, "true or false", JsonNode::asBoolean);
  }

  /** A whole-number field. */
  Optional<Integer> integer(String field) {
    return typed(field, JsonNode::isInt, "a whole number", JsonNode::asInt);
  }

  /** A positive duration such as {@code 72h}, {@code 30m}, {@code 10s} or {@code PT72H}. */
  Optional<Duration> duration(String field) {
    Optional<String> text = text(field);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    // The settings' duration syntax, so the file and the environment read alike.
    ConfigReader reader = new ConfigReader(key -> text, "value");
    Duration parsed = reader.duration("of", Duration.ZERO);
    if (reader.result(() -> parsed).isLeft()) {
      problems.add(path(field) + " must be a positive duration such as 72h, 30m or PT72H, was "
          + Excerpt.quote(text.get()));
      return Optional.empty();
    }
    return Optional.of(parsed);
  }

  /** An ISO-8601 instant with its offset, such as {@code 2025-03-04T10:15:00Z}. */
  Optional<Instant> instant(String field) {
    Optional<String> text = text(field);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text.get()).toInstant());
    } catch (DateTimeParseException e) {
      problems.add(path(field) + " must be an ISO-8601 time such as 2025-03-04T10:15:00Z, was "
          + Excerpt.quote(text.get()));
      return Optional.empty();
    }
  }

  /** A nested object. */
  Optional<JsonFields> object(String field) {
    return typed(field, JsonNode::isObject, "an object", node -> new JsonFields(node, path(field), problems));
  }

  /** The field read by {@code read} when {@code is} holds; a problem saying what it must be otherwise. */
  private <T> Optional<T> typed(String field, Predicate<JsonNode> is, String expected, Function<JsonNode, T> read) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!is.test(value)) {
      problems.add(path(field) + " must be " + expected);
      return Optional.empty();
    }
    return Optional.of(read.apply(value));
  }

  /** A list of objects; a non-object element is reported and skipped. */
  List<JsonFields> objects(String field) {
    List<JsonFields> found = new ArrayList<>();
    elements(field).forEach(element -> {
      if (element.node.isObject()) {
        found.add(element);
      } else {
        problems.add(element.path + " must be an object");
      }
    });
    return found;
  }

  /** A list of texts; a non-text element is reported and skipped. */
  List<String> strings(String field) {
    List<String> found = new ArrayList<>();
    elements(field).forEach(element -> {
      if (element.node.isTextual() && !element.node.asText().isBlank()) {
        found.add(element.node.asText().strip());
      } else {
        problems.add(element.path + " must be non-blank text");
      }
    });
    return found;
  }

  private List<JsonFields> elements(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      problems.add(path(field) + " must be a list");
      return List.of();
    }
    List<JsonFields> elements = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      elements.add(new JsonFields(value.get(i), path(field) + "[" + i + "]", problems));
    }
    return elements;
  }
}
