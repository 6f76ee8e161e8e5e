package io.github.coexist.spring;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;

/** The clock coexist runs on: the application's one {@link Clock} bean (tests set one), else UTC. */
final class Clocks {
  private Clocks() {}

  static Clock of(ObjectProvider<Clock> clock) {
    return clock.getIfUnique(Clock::systemUTC);
  }
}
