package io.github.coexist.core.kernel;

import java.util.Objects;

/** The identifier of one deployment, as the delivery tool names it (a GitHub deployment id). Never blank. */
public record DeploymentId(String value) implements Comparable<DeploymentId> {
  public DeploymentId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a deployment id must not be blank");
    }
  }

  /** The deployment identified by {@code value}. */
  public static DeploymentId of(String value) {
    return new DeploymentId(value);
  }

  @Override
  public int compareTo(DeploymentId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
