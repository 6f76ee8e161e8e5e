package io.github.coexist.core.kernel;

import java.util.Objects;

/** coexist's own identifier of a change, independent of any ITSM tool's key. Never blank. */
public record ChangeId(String value) implements Comparable<ChangeId> {
  public ChangeId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a change id must not be blank");
    }
  }

  /** The change identified by {@code value}. */
  public static ChangeId of(String value) {
    return new ChangeId(value);
  }

  @Override
  public int compareTo(ChangeId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
