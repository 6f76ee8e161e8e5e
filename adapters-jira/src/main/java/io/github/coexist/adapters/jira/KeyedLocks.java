package io.github.coexist.adapters.jira;

import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.function.Supplier;

/**
 * Serialises work per name (an idempotency key, an issue) within this process, with a fixed set
 * of striped monitors so memory stays bounded: two names may share a stripe and wait for each
 * other, which costs time, never correctness. Thread-safe.
 */
final class KeyedLocks {
  private final Object[] stripes = new Object[64];

  KeyedLocks() {
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Object();
    }
  }

  /** Runs {@code work} while no other work under {@code name} runs. */
  <T> Either<CoexistError, T> locked(String name, Supplier<Either<CoexistError, T>> work) {
    synchronized (stripes[Math.floorMod(name.hashCode(), stripes.length)]) {
      return work.get();
    }
  }
}
