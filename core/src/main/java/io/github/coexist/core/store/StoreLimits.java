package io.github.coexist.core.store;

import io.github.coexist.core.error.CoexistError;
import java.time.Duration;
import java.util.Optional;

/**
 * What every {@link StateStore} refuses as {@link CoexistError.InvalidInput}, so that all stores
 * (in memory, an embedded file, PostgreSQL) accept the same calls: {@code StateStoreCompatibilityKit}
 * checks these. The names a store keeps as they are (delivery keys, lease holders, sequence names)
 * are not blank, hold no control character or unpaired surrogate (a database's text type may
 * refuse or change them) and are at most {@link #DELIVERY_KEY}, {@link #HOLDER} or {@link
 * #SEQUENCE} chars long. Record keys and values are not limited: they hold any text.
 */
public final class StoreLimits {
  /** The longest delivery key an {@link Inbox} keeps. */
  public static final int DELIVERY_KEY = 200;
  /** The longest lease holder's name. */
  public static final int HOLDER = 200;
  /** The longest number sequence name. */
  public static final int SEQUENCE = 100;

  private StoreLimits() {}

  /** Why {@link Inbox#record} refuses {@code deliveryKey}, if it does. */
  public static Optional<CoexistError> deliveryKey(String deliveryKey) {
    return name("a delivery key", deliveryKey, DELIVERY_KEY);
  }

  /** Why {@link Lease#acquire} refuses {@code holder} and {@code ttl}, if it does. */
  public static Optional<CoexistError> acquire(String holder, Duration ttl) {
    return name("a lease holder's name", holder, HOLDER).or(() -> ttl.isNegative() || ttl.isZero()
        ? Optional.of(CoexistError.invalid("a lease lasts a positive time, not " + ttl)) : Optional.empty());
  }

  /** Why {@link StateStore#reserve} refuses {@code sequence} and {@code count}, if it does. */
  public static Optional<CoexistError> reserve(String sequence, int count) {
    return name("a number sequence's name", sequence, SEQUENCE).or(() -> count < 1
        ? Optional.of(CoexistError.invalid("a block holds at least one number, not " + count)) : Optional.empty());
  }

  /** Why {@link StateStore#load} refuses {@code revision}, if it does. */
  public static Optional<CoexistError> load(long revision) {
    return revision < 0 ? Optional.of(CoexistError.invalid("a revision is never negative, was " + revision))
        : Optional.empty();
  }

  /** Why {@link Inbox#pending} refuses {@code limit}, if it does. */
  public static Optional<CoexistError> pending(int limit) {
    return limit < 0 ? Optional.of(CoexistError.invalid("a limit is not negative, was " + limit)) : Optional.empty();
  }

  private static Optional<CoexistError> name(String what, String name, int max) {
    if (name == null || name.isBlank() || name.length() > max) {
      return Optional.of(CoexistError.invalid(what + " is 1 to " + max + " chars, not blank"));
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < name.length()
          && Character.isLowSurrogate(name.charAt(i + 1));
      if (Character.isISOControl(c) || Character.isSurrogate(c) && !paired) {
        return Optional.of(CoexistError.invalid(what + " holds a control character or an unpaired surrogate at "
            + i));
      }
      if (paired) {
        i++;
      }
    }
    return Optional.empty();
  }
}
