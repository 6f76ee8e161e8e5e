package io.github.coexist.core.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One field a catalog item asks the requester to fill in.
 *
 * @param name the field's key in the request's answers, such as {@code database}
 * @param label what the requester reads, such as "Which database?"
 * @param type what kind of value it takes
 * @param required whether it must be answered
 * @param options the values a choice field accepts; empty for other types
 */
public record FieldSpec(String name, String label, Type type, boolean required, List<String> options) {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  /** The kinds of value a field takes. */
  public enum Type {
    /** Any text. */
    TEXT,
    /** A whole or decimal number. */
    NUMBER,
    /** {@code true} or {@code false}. */
    FLAG,
    /** One of the field's options. */
    CHOICE,
    /** An e-mail address. */
    EMAIL
  }

  public FieldSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(type, "type");
    options = List.copyOf(options);
    if (name.isBlank()) {
      throw new IllegalArgumentException("a field needs a name");
    }
    if ((type == Type.CHOICE) == options.isEmpty()) {
      throw new IllegalArgumentException("field " + name + ": a choice field needs options, and only a choice field has them");
    }
  }

  /** A text field. */
  public static FieldSpec text(String name, String label, boolean required) {
    return new FieldSpec(name, label, Type.TEXT, required, List.of());
  }

  /** A number field. */
  public static FieldSpec number(String name, String label, boolean required) {
    return new FieldSpec(name, label, Type.NUMBER, required, List.of());
  }

  /** A yes/no field. */
  public static FieldSpec flag(String name, String label, boolean required) {
    return new FieldSpec(name, label, Type.FLAG, required, List.of());
  }

  /** An e-mail field. */
  public static FieldSpec email(String name, String label, boolean required) {
    return new FieldSpec(name, label, Type.EMAIL, required, List.of());
  }

  /** A field whose answer is one of {@code options}. */
  public static FieldSpec choice(String name, String label, boolean required, String... options) {
    return new FieldSpec(name, label, Type.CHOICE, required, List.of(options));
  }

  /** What is wrong with {@code answer} (not blank) for this field, if anything. */
  Optional<String> problemWith(String answer) {
    String value = answer.strip();
    boolean ok = switch (type) {
      case TEXT -> true;
      case NUMBER -> isNumber(value);
      case FLAG -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
      case CHOICE -> options.contains(value);
      case EMAIL -> EMAIL.matcher(value).matches();
    };
    return ok ? Optional.empty() : Optional.of(name + ": '" + value + "' is not " + expected());
  }

  private String expected() {
    return switch (type) {
      case TEXT -> "text";
      case NUMBER -> "a number";
      case FLAG -> "true or false";
      case CHOICE -> "one of " + String.join(", ", options);
      case EMAIL -> "an e-mail address";
    };
  }

  private static boolean isNumber(String value) {
    try {
      new java.math.BigDecimal(value.toLowerCase(Locale.ROOT));
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
