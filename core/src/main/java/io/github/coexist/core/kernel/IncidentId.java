package io.github.coexist.core.kernel;

import java.util.Objects;

/** coexist's own identifier of an incident, independent of any ITSM tool's key. Never blank. */
public record IncidentId(String value) implements Comparable<IncidentId> {
  public IncidentId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("an incident id must not be blank");
    }
  }

  /** The incident identified by {@code value}. */
  public static IncidentId of(String value) {
    return new IncidentId(value);
  }

  @Override
  public int compareTo(IncidentId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
