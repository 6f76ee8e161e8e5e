package io.github.coexist.core.service;

import java.util.Objects;

/**
 * The name of a service as every tool knows it: the GitHub repository it deploys from (by
 * default), the ServiceNow CI, the Jira affected service. Case-sensitive, never blank.
 */
public record ServiceId(String value) implements Comparable<ServiceId> {
  public ServiceId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a service id must not be blank");
    }
  }

  /** The service called {@code value}. */
  public static ServiceId of(String value) {
    return new ServiceId(value);
  }

  @Override
  public int compareTo(ServiceId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
