package io.github.coexist.app.events;

import io.github.coexist.core.error.Problems;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads of one JSON object's fields, each adding a problem (rather than failing) when a
 * field is missing or of the wrong kind, so that a bad line reports everything wrong with it.
 * JSON {@code null} reads as absent. The reads that answer null for "absent or wrong" are for the
 * parser's hot path; the {@code Optional} ones for the rest.
 */
final class Fields {
  private final Object[] values;
  private final String parent;
  private final int index;
  private final Problems problems;

  /** Reads {@code values}, indexed by {@link Field#ordinal()}, reporting to {@code problems}. */
  Fields(Object[] values, Problems problems) {
    this(values, null, -1, problems);
  }

  /**
   * Reads element {@code index} of the array field {@code parent}, reporting to {@code problems}
   * with names such as {@code commits[2].sha}.
   */
  Fields(Object[] values, String parent, int index, Problems problems) {
    this.values = values;
    this.parent = parent;
    this.index = index;
    this.problems = problems;
  }

  /** A required string, not blank; null after reporting when it is not. */
  String text(Field field) {
    if (values[field.ordinal()] == null) {
      problem(field, " is required");
      return null;
    }
    return textOrNull(field);
  }

  Optional<String> optionalText(Field field) {
    return Optional.ofNullable(textOrNull(field));
  }

  /** An optional string, not blank; null when absent or (after reporting) not such a string. */
  String textOrNull(Field field) {
    Object value = values[field.ordinal()];
    if (value == null) {
      return null;
    }
    if (!(value instanceof String) || ((String) value).isBlank()) {
      problem(field, " must be a non-blank string");
      return null;
    }
    return (String) value;
  }

  /** A required ISO-8601 instant; null after reporting when it is not. */
  Instant instant(Field field) {
    if (values[field.ordinal()] == null) {
      problem(field, " is required");
      return null;
    }
    return instantOrNull(field);
  }

  /** An optional ISO-8601 instant; null when absent or (after reporting) not such an instant. */
  Instant instantOrNull(Field field) {
    Object value = values[field.ordinal()];
    if (value == null || value instanceof Instant) {
      return (Instant) value; // an instant was read as it was scanned
    }
    Optional<Instant> instant = value instanceof String ? IsoInstants.parse((String) value) : Optional.empty();
    if (instant.isEmpty()) {
      problem(field, " must be an ISO-8601 time such as 2024-03-04T10:15:30Z, was " + Excerpt.of(value));
    }
    return instant.orElse(null);
  }

  /** A whole number, {@code fallback} when absent; {@code required} reports its absence. */
  int whole(Field field, boolean required, int fallback) {
    Object value = values[field.ordinal()];
    if (value == null) {
      if (required) {
        problem(field, " is required");
      }
      return fallback;
    }
    if (!(value instanceof Long) || (Long) value > Integer.MAX_VALUE || (Long) value < Integer.MIN_VALUE) {
      problem(field, " must be a whole number, was " + Excerpt.of(value));
      return fallback;
    }
    return ((Long) value).intValue();
  }

  Optional<Boolean> optionalBoolean(Field field) {
    Object value = values[field.ordinal()];
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Boolean)) {
      problem(field, " must be true or false, was " + Excerpt.of(value));
      return Optional.empty();
    }
    return Optional.of((Boolean) value);
  }

  /** A required boolean; false after reporting when it is not. */
  boolean bool(Field field) {
    if (values[field.ordinal()] == null) {
      problem(field, " is required");
      return false;
    }
    return optionalBoolean(field).orElse(false);
  }

  /** An array of objects, each as its slots, empty when absent. */
  @SuppressWarnings("unchecked")
  List<Object[]> objects(Field field) {
    Object value = values[field.ordinal()];
    if (value == null) {
      return List.of();
    }
    if (value instanceof List) {
      boolean objects = true;
      for (Object element : (List<Object>) value) {
        objects &= element instanceof Object[];
      }
      if (objects) {
        return (List<Object[]>) value;
      }
    }
    problem(field, " must be an array of objects");
    return List.of();
  }

  /** Reports a problem with {@code field}, named in full (the name is built only when there is a problem). */
  private void problem(Field field, String what) {
    String name = parent == null ? field.json : parent + "[" + index + "]." + field.json;
    problems.add(name + what);
  }
}
