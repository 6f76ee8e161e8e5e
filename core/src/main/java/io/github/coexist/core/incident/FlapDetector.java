package io.github.coexist.core.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one alert against its key's {@link AlertHistory}: stale when older than one already taken,
 * flapping when its status changed {@link AlertPolicy#flapThreshold()} times within the flap
 * window. Pure: the desk keeps the histories, one per key, with the incident the key's alerts go
 * to, so they are as many as those incidents and survive a restart with them.
 */
final class FlapDetector {
  private FlapDetector() {}

  /** What the detector makes of one alert. */
  record Verdict(boolean stale, boolean flapping, boolean startedFlapping) {}

  /** The verdict, and the key's history with the alert taken (unchanged for a stale alert). */
  record Observation(Verdict verdict, AlertHistory history) {}

  static Observation observe(Optional<AlertHistory> known, Alert alert, AlertPolicy policy) {
    if (known.isPresent() && alert.at().isBefore(known.get().lastAt())) {
      return new Observation(new Verdict(true, known.get().flapping(), false), known.get());
    }
    long taken = known.map(AlertHistory::taken).orElse(0L) + 1;
    if (known.isEmpty()) {
      return new Observation(new Verdict(false, false, false),
          new AlertHistory(alert.correlationKey(), alert.status(), alert.at(), List.of(), false, taken));
    }
    AlertHistory before = known.get();
    List<Instant> changes = new ArrayList<>(before.changes());
    if (alert.status() != before.last()) {
      changes.add(alert.at());
    }
    Instant horizon = alert.at().minus(policy.flapWindow());
    changes.removeIf(change -> change.isBefore(horizon));
    boolean flapping = changes.size() >= policy.flapThreshold();
    return new Observation(new Verdict(false, flapping, flapping && !before.flapping()),
        new AlertHistory(alert.correlationKey(), alert.status(), alert.at(), changes, flapping, taken));
  }
}
