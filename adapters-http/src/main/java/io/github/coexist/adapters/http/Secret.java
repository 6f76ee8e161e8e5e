package io.github.coexist.adapters.http;

import java.util.Objects;

/**
 * A credential (token, password, webhook secret) that never shows itself: {@link #toString()} is
 * redacted, so a secret cannot leak through a log line, an exception message or a config dump.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps {@code value}; it must not be blank. */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a secret must not be blank");
    }
    return new Secret(value);
  }

  /** The secret itself, for the one place that must send or use it. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && java.security.MessageDigest.isEqual(
        value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        s.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0; // equal secrets must hash alike; a constant avoids hashing the secret itself
  }

  @Override
  public String toString() {
    return "Secret[****]";
  }
}
