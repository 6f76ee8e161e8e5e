package io.github.coexist.app.serve;

import io.github.coexist.adapters.github.GateTimeouts;
import io.github.coexist.core.gate.GateTick;
import io.github.coexist.app.app.CoexistApp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves time on every {@code interval}, on its own thread so the gate path never waits for it:
 * {@link CoexistApp#tick()} (approvals read back from the ITSM tool, expiries, freezes ending,
 * ITSM records and pipeline replies retried, SLAs), the GitHub gate time-outs, and incidents and
 * problems whose ITSM record is behind. {@link #tickNow()} asks for an extra tick at once (a Jira
 * webhook said a change moved); requests made while one waits are folded into it. Thread-safe.
 */
final class Ticker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Ticker.class);

  private final CoexistApp app;
  private final Optional<GateTimeouts> timeouts;
  private final Optional<GateTimeouts> unanswerable;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread t = new Thread(runnable, "coexist-tick");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean requested = new AtomicBoolean();
  private final AtomicReference<Optional<Last>> last = new AtomicReference<>(Optional.empty());

  /**
   * The last tick.
   *
   * @param at when it ran
   * @param gate what the gate did
   */
  record Last(Instant at, GateTick gate) {}

  Ticker(CoexistApp app, Optional<GateTimeouts> timeouts) {
    this(app, timeouts, Optional.empty());
  }

  /** A ticker that answers {@code timeouts} and only releases {@code unanswerable} (receive-only). */
  Ticker(CoexistApp app, Optional<GateTimeouts> timeouts, Optional<GateTimeouts> unanswerable) {
    this.app = app;
    this.timeouts = timeouts;
    this.unanswerable = unanswerable;
  }

  /** Starts ticking every {@code interval}. */
  void start(Duration interval) {
    thread.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Ticks as soon as the tick thread is free. */
  void tickNow() {
    if (requested.compareAndSet(false, true)) {
      try {
        thread.execute(() -> {
          requested.set(false);
          tick();
        });
      } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
        requested.set(false);
      }
    }
  }

  /** The last tick, once there was one. */
  Optional<Last> last() {
    return last.get();
  }

  private void tick() {
    try {
      GateTick gate = app.tick();
      last.set(Optional.of(new Last(app.clock().instant(), gate)));
      if (gate.expired() + gate.decidedInTool() + gate.resumed() + gate.retried() > 0) {
        LOG.info("tick: {} expired, {} decided in the ITSM tool, {} resumed after a freeze, {} retried, {} waiting",
            gate.expired(), gate.decidedInTool(), gate.resumed(), gate.retried(), gate.stillWaiting());
      }
      timeouts.ifPresent(guard -> guard.tick().forEach(t -> LOG.info(
          "gate {} run {} {} timed out on GitHub and was answered {}; its change waits on in coexist",
          t.repository(), t.runId(), t.environment(), t.outcome().name().toLowerCase(java.util.Locale.ROOT))));
      unanswerable.ifPresent(GateTimeouts::releaseExpired);
      if (!app.incidents().unsynced().isEmpty()) {
        app.incidents().resync();
      }
      if (!app.problems().unsynced().isEmpty()) {
        app.problems().resync();
      }
    } catch (RuntimeException bug) {
      // One failed tick must not stop the schedule.
      LOG.error("tick failed", bug);
    }
  }

  /** Stops ticking; a tick in progress finishes. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      thread.shutdownNow();
    }
  }
}
