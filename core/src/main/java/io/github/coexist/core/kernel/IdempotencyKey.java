package io.github.coexist.core.kernel;

import java.util.Objects;

/** The key that makes a request safe to repeat: the same key never creates a second record, for example {@code github:octo/shop:deployment:1234}. Never blank. */
public record IdempotencyKey(String value) implements Comparable<IdempotencyKey> {
  public IdempotencyKey {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("an idempotency key must not be blank");
    }
  }

  /** The key {@code value}. */
  public static IdempotencyKey of(String value) {
    return new IdempotencyKey(value);
  }

  @Override
  public int compareTo(IdempotencyKey other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
