package io.github.coexist.core.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Remembers, per alert key, the latest status and when it changed recently, to tell stale alerts
 * (older than one already seen) and flapping ones (status changed too often lately). Times are the
 * monitoring tool's. Not thread-safe: the desk calls it under its lock.
 */
final class FlapDetector {
  private static final int SWEEP_EVERY = 256;

  private final Map<String, KeyState> keys = new HashMap<>();
  private int sinceSweep;

  /** What the detector makes of one alert. */
  record Verdict(boolean stale, boolean flapping, boolean startedFlapping) {}

  Verdict observe(Alert alert, AlertPolicy policy) {
    sweep(alert.at(), policy);
    KeyState state = keys.get(alert.correlationKey());
    if (state == null) {
      keys.put(alert.correlationKey(), new KeyState(alert.status(), alert.at()));
      return new Verdict(false, false, false);
    }
    if (alert.at().isBefore(state.lastAt)) {
      return new Verdict(true, state.flapping, false);
    }
    if (alert.status() != state.last) {
      state.changes.addLast(alert.at());
    }
    Instant horizon = alert.at().minus(policy.flapWindow());
    while (!state.changes.isEmpty() && state.changes.peekFirst().isBefore(horizon)) {
      state.changes.removeFirst();
    }
    boolean was = state.flapping;
    state.flapping = state.changes.size() >= policy.flapThreshold();
    state.last = alert.status();
    state.lastAt = alert.at();
    return new Verdict(false, state.flapping, state.flapping && !was);
  }

  /** Forgets keys quiet for longer than both windows, so ever-new dedup keys do not pile up. */
  private void sweep(Instant now, AlertPolicy policy) {
    if (++sinceSweep < SWEEP_EVERY) {
      return;
    }
    sinceSweep = 0;
    Duration keep = policy.flapWindow().compareTo(policy.reopenWindow()) > 0
        ? policy.flapWindow() : policy.reopenWindow();
    Instant horizon = now.minus(keep);
    for (Iterator<KeyState> it = keys.values().iterator(); it.hasNext(); ) {
      if (it.next().lastAt.isBefore(horizon)) {
        it.remove();
      }
    }
  }

  private static final class KeyState {
    Alert.Status last;
    Instant lastAt;
    final Deque<Instant> changes = new ArrayDeque<>();
    boolean flapping;

    KeyState(Alert.Status last, Instant lastAt) {
      this.last = last;
      this.lastAt = lastAt;
    }
  }
}
