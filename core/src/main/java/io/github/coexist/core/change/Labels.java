package io.github.coexist.core.change;

import java.util.Locale;
import java.util.Optional;

/** Reads an enum constant from its lower-case label ({@code successful_with_issues}). */
final class Labels {
  private Labels() {}

  static <E extends Enum<E>> Optional<E> fromLabel(E[] values, String label) {
    if (label == null) {
      return Optional.empty();
    }
    String upper = label.strip().toUpperCase(Locale.ROOT);
    for (E value : values) {
      if (value.name().equals(upper)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
