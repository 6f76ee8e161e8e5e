package io.github.coexist.examples.events;

import io.github.coexist.core.error.Problems;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads of one JSON object's fields, each adding a problem (rather than failing) when a
 * field is missing or of the wrong kind, so that a bad line reports everything wrong with it.
 * JSON {@code null} reads as absent.
 */
final class Fields {
  private final Object[] values;
  private final String prefix;
  private final Problems problems;

  /** Reads {@code values}, indexed by {@link Field#ordinal()}, reporting to {@code problems} with {@code prefix}. */
  Fields(Object[] values, String prefix, Problems problems) {
    this.values = values;
    this.prefix = prefix;
    this.problems = problems;
  }

  /** A required string, not blank; null after reporting when it is not. */
  String text(Field field) {
    Optional<String> text = optionalText(field);
    if (text.isEmpty() && values[field.ordinal()] == null) {
      problems.add(prefix + field.json + " is required");
    }
    return text.orElse(null);
  }

  Optional<String> optionalText(Field field) {
    Object value = values[field.ordinal()];
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String) || ((String) value).isBlank()) {
      problems.add(prefix + field.json + " must be a non-blank string");
      return Optional.empty();
    }
    return Optional.of((String) value);
  }

  /** A required ISO-8601 instant; null after reporting when it is not. */
  Instant instant(Field field) {
    if (values[field.ordinal()] == null) {
      problems.add(prefix + field.json + " is required");
      return null;
    }
    return optionalInstant(field).orElse(null);
  }

  Optional<Instant> optionalInstant(Field field) {
    Object value = values[field.ordinal()];
    if (value == null) {
      return Optional.empty();
    }
    Optional<Instant> instant = value instanceof String ? IsoInstants.parse((String) value) : Optional.empty();
    if (instant.isEmpty()) {
      problems.add(prefix + field.json + " must be an ISO-8601 time such as 2024-03-04T10:15:30Z, was " + value);
    }
    return instant;
  }

  /** A whole number, {@code fallback} when absent; {@code required} reports its absence. */
  int whole(Field field, boolean required, int fallback) {
    Object value = values[field.ordinal()];
    if (value == null) {
      if (required) {
        problems.add(prefix + field.json + " is required");
      }
      return fallback;
    }
    if (!(value instanceof Long) || (Long) value > Integer.MAX_VALUE || (Long) value < Integer.MIN_VALUE) {
      problems.add(prefix + field.json + " must be a whole number, was " + value);
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
      problems.add(prefix + field.json + " must be true or false, was " + value);
      return Optional.empty();
    }
    return Optional.of((Boolean) value);
  }

  /** A required boolean; false after reporting when it is not. */
  boolean bool(Field field) {
    if (values[field.ordinal()] == null) {
      problems.add(prefix + field.json + " is required");
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
    if (!(value instanceof List) || !((List<Object>) value).stream().allMatch(Object[].class::isInstance)) {
      problems.add(prefix + field.json + " must be an array of objects");
      return List.of();
    }
    return (List<Object[]>) value;
  }
}
