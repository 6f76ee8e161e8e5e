package io.github.coexist.core.kernel;

import java.util.Objects;

/** coexist's own identifier of a problem, independent of any ITSM tool's key. Never blank. */
public record ProblemId(String value) implements Comparable<ProblemId> {
  public ProblemId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a problem id must not be blank");
    }
  }

  /** The problem identified by {@code value}. */
  public static ProblemId of(String value) {
    return new ProblemId(value);
  }

  @Override
  public int compareTo(ProblemId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
