package io.github.coexist.core.service;

import java.util.Objects;

/** A team that owns services and is assigned their changes and incidents. Never blank. */
public record TeamId(String value) implements Comparable<TeamId> {
  public TeamId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a team id must not be blank");
    }
  }

  /** The team called {@code value}. */
  public static TeamId of(String value) {
    return new TeamId(value);
  }

  @Override
  public int compareTo(TeamId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
