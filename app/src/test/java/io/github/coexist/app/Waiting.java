package io.github.coexist.app;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waiting in tests for what happens on other threads or in other processes: polls, never asserts a time. */
public final class Waiting {
  private Waiting() {}

  /** Polls {@code done} every 10 ms until it holds; fails naming {@code what} after {@code atMost}. */
  public static void until(String what, Duration atMost, BooleanSupplier done) {
    Instant deadline = Instant.now().plus(atMost);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting until " + what, e);
      }
    }
  }
}
