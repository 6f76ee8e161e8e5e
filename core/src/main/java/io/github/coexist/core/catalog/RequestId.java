package io.github.coexist.core.catalog;

import java.util.Objects;

/** coexist's own identifier of a service request. Never blank. */
public record RequestId(String value) implements Comparable<RequestId> {
  public RequestId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a request id must not be blank");
    }
  }

  /** The request identified by {@code value}. */
  public static RequestId of(String value) {
    return new RequestId(value);
  }

  @Override
  public int compareTo(RequestId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
