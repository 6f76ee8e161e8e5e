package io.github.coexist.core.catalog;

import java.util.Objects;

/** The identifier of a catalog item, such as {@code staging-environment}. Never blank. */
public record CatalogItemId(String value) implements Comparable<CatalogItemId> {
  public CatalogItemId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a catalog item id must not be blank");
    }
  }

  /** The item identified by {@code value}. */
  public static CatalogItemId of(String value) {
    return new CatalogItemId(value);
  }

  @Override
  public int compareTo(CatalogItemId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
