package io.github.coexist.core.gate;

import io.github.coexist.core.kernel.ChangeId;

/**
 * Change ids and the numbers they are made of: "ch-" and the number, zero-padded to 8 digits
 * ({@code ch-00000042}), longer once the number needs more.
 */
final class ChangeNumbers {
  private static final String PREFIX = "ch-";

  private ChangeNumbers() {}

  /** The id of number {@code n}, written in one buffer, with no padding string. */
  static ChangeId id(long n) {
    if (n < 1) {
      throw new IllegalStateException("change numbers start at 1, the number source gave " + n);
    }
    if (n >= 100_000_000L) {
      return ChangeId.of(PREFIX + n);
    }
    char[] id = {'c', 'h', '-', '0', '0', '0', '0', '0', '0', '0', '0'};
    for (int i = id.length - 1; n > 0; i--, n /= 10) {
      id[i] = (char) ('0' + n % 10);
    }
    return ChangeId.of(new String(id));
  }

  /** The number {@code id} was made of, or 0 when it is not an id the gate makes. */
  static long number(ChangeId id) {
    String value = id.value();
    if (!value.startsWith(PREFIX) || value.length() == PREFIX.length() || value.length() > PREFIX.length() + 18) {
      return 0;
    }
    long n = 0;
    for (int i = PREFIX.length(); i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return 0;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
