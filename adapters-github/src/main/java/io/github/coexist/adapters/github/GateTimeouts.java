package io.github.coexist.adapters.github;

import io.github.coexist.core.change.Decision;
import io.github.coexist.core.gate.PipelineDeadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipeline's side of the gate time-out: every protection rule request the webhooks accept is
 * watched until its final answer, and carries its {@link #deadline() deadline} ({@code
 * gate-timeout} from now, answered {@code gate-timeout-outcome}, rejected unless configured) to
 * core on its {@code Signal.GateRequested}. Core's gate resolves a change still pending at that
 * deadline on {@code Coexist.tick()} and answers GitHub through {@link GitHubGateReplies}, so the
 * reply and the change agree. Gates past their deadline are forgotten as new ones are watched.
 * Thread-safe.
 */
public final class GateTimeouts {
  private final Clock clock;
  private final Duration timeout;
  private final Decision.Outcome outcome;
  private final Map<String, Watched> watched = new ConcurrentHashMap<>();

  private record Watched(GateRef gate, Instant since, int notes) {}

  GateTimeouts(Clock clock, Duration timeout, Decision.Outcome outcome) {
    this.clock = clock;
    this.timeout = timeout;
    this.outcome = outcome;
  }

  /** Starts (or, for a re-run asking again, restarts) the clock of {@code gate}. */
  void watch(GateRef gate) {
    releaseExpired();
    watched.put(gate.id(), new Watched(gate, clock.instant(), 0));
  }

  /** The deadline of a gate requested now: the time-out from now, answered with the configured outcome. */
  PipelineDeadline deadline() {
    return new PipelineDeadline(clock.instant().plus(timeout), outcome);
  }

  /** Counts a progress note for {@code gate}; returns how many were posted before it. */
  int noteCount(GateRef gate) {
    Watched now = watched.computeIfPresent(gate.id(), (id, w) -> new Watched(w.gate(), w.since(), w.notes() + 1));
    return now == null ? 0 : now.notes() - 1;
  }

  /** Stops watching {@code gate}: it got its final answer. */
  void settled(GateRef gate) {
    watched.remove(gate.id());
  }

  /** How many gates wait for a final answer. */
  public int pending() {
    return watched.size();
  }

  /**
   * Stops watching every gate past its deadline (core has resolved it, or will on its next tick);
   * returns how many. Called as new gates are watched, so the watch list stays bounded.
   */
  public int releaseExpired() {
    Instant cutoff = clock.instant().minus(timeout);
    int released = 0;
    for (Watched w : List.copyOf(watched.values())) {
      if (!w.since().isAfter(cutoff) && watched.remove(w.gate().id(), w)) {
        released++;
      }
    }
    return released;
  }
}
