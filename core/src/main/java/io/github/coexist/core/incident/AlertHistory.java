package io.github.coexist.core.incident;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the incident desk remembers of one alert correlation key, to tell stale alerts (older than
 * one already taken) and flapping ones (their status changed too often lately). Times are the
 * monitoring tool's. It is kept with the incident the key's alerts go to ({@link KeptIncident}).
 *
 * @param correlationKey the key ({@link Alert#correlationKey()})
 * @param last the status of the latest alert taken
 * @param lastAt when the latest alert taken happened
 * @param changes when the status changed within the flap window before {@code lastAt}, oldest first
 * @param flapping whether the key is flapping
 * @param taken how many of the key's alerts were taken: it grows with each, so of the incidents a
 *     key's alerts went to, the one holding the highest count is the one they go to now
 */
public record AlertHistory(
    String correlationKey, Alert.Status last, Instant lastAt, List<Instant> changes, boolean flapping, long taken) {

  public AlertHistory {
    Objects.requireNonNull(correlationKey, "correlationKey");
    Objects.requireNonNull(last, "last");
    Objects.requireNonNull(lastAt, "lastAt");
    changes = List.copyOf(changes);
    if (taken < 1) {
      throw new IllegalArgumentException("a history counts at least the alert that started it, not " + taken);
    }
  }
}
