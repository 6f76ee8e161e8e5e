package io.github.coexist.core.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * The alerts an incident was opened from and has folded in since: how many, when the first and
 * the last arrived, and whether the alert is cleared now. Repeats are counted, not listed, so an
 * alert that fires every minute for a day does not grow the incident.
 *
 * @param correlationKey the source and dedup key the alerts share ({@link Alert#correlationKey()})
 * @param source the monitoring tool
 * @param firstAt when the first alert fired (the tool's time)
 * @param lastAt when the latest alert, firing or clearing, arrived (the tool's time)
 * @param count how many firing alerts were folded in, the first included
 * @param clears how many clearing alerts arrived
 * @param cleared whether the latest alert was a clear
 */
public record AlertTrace(
    String correlationKey, String source, Instant firstAt, Instant lastAt, int count, int clears,
    boolean cleared) {

  public AlertTrace {
    Objects.requireNonNull(correlationKey, "correlationKey");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(firstAt, "firstAt");
    Objects.requireNonNull(lastAt, "lastAt");
    if (count < 1 || clears < 0) {
      throw new IllegalArgumentException("an alert trace counts at least one alert and no negative clears");
    }
  }

  /** The trace of the alert that opened an incident. */
  static AlertTrace first(Alert alert) {
    return new AlertTrace(alert.correlationKey(), alert.source(), alert.at(), alert.at(), 1, 0, false);
  }

  /** This trace with {@code alert} folded in. */
  AlertTrace with(Alert alert) {
    Instant last = alert.at().isAfter(lastAt) ? alert.at() : lastAt;
    return alert.isFiring()
        ? new AlertTrace(correlationKey, source, firstAt, last, count + 1, clears, false)
        : new AlertTrace(correlationKey, source, firstAt, last, count, clears + 1, true);
  }
}
