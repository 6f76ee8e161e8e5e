package io.github.coexist.testkit.badadapter;

import java.time.Instant;

/** An adapter that breaks the rules: public though not its API, and reads the system clock. */
public class LeakyAdapter {
  /** Reads the system clock. */
  public Instant now() {
    return Instant.now();
  }
}
