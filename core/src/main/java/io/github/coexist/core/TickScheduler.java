package io.github.coexist.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.NullUnmarked;

/**
 * Calls {@link Coexist#tick()} every interval on one daemon thread of its own, so no request
 * thread waits for it. A tick that fails is logged and the schedule goes on; {@link #close()}
 * stops it (a tick in progress finishes). {@link #tickNow()} asks for an extra tick as soon as the
 * thread is free; asks made while one waits are folded into it. With a store, a signal
 * {@link Coexist#receive received} is processed on the same thread as soon as it is free, and the
 * lease is renewed on a thread of its own at a third of its time to live, so a long tick (a slow
 * ITSM tool) does not let it lapse. Thread-safe.
 *
 * <pre>{@code
 * try (TickScheduler ticking = TickScheduler.start(coexist, Duration.ofSeconds(5))) {
 *   ... serve ...
 * }
 * }</pre>
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public final class TickScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TickScheduler.class);

  private final Coexist coexist;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread t = new Thread(runnable, "coexist-tick");
    t.setDaemon(true);
    return t;
  });
  private final ScheduledExecutorService leaseThread = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread t = new Thread(runnable, "coexist-lease");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean requested = new AtomicBoolean();
  private final AtomicBoolean processing = new AtomicBoolean();
  private final AtomicReference<Optional<CoexistTick>> last = new AtomicReference<>(Optional.empty());

  private TickScheduler(Coexist coexist) {
    this.coexist = coexist;
  }

  /** Ticks {@code coexist} every {@code interval} (a positive duration), the first after one interval. */
  public static TickScheduler start(Coexist coexist, Duration interval) {
    Objects.requireNonNull(coexist, "coexist");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the tick interval must be positive, not " + interval);
    }
    TickScheduler scheduler = new TickScheduler(coexist);
    long millis = Math.max(1, interval.toMillis());
    scheduler.thread.scheduleWithFixedDelay(scheduler::tick, millis, millis, TimeUnit.MILLISECONDS);
    coexist.leaseTtl().ifPresent(ttl -> {
      long renewal = Math.max(1, ttl.toMillis() / 3);
      scheduler.leaseThread.scheduleWithFixedDelay(scheduler::holdLease, renewal, renewal, TimeUnit.MILLISECONDS);
    });
    coexist.onReceive(scheduler::processNow);
    return scheduler;
  }

  /** Ticks as soon as the tick thread is free. */
  public void tickNow() {
    if (requested.compareAndSet(false, true)) {
      try {
        thread.execute(() -> {
          requested.set(false);
          tick();
        });
      } catch (RejectedExecutionException closed) {
        requested.set(false);
      }
    }
  }

  /** Processes the inbox as soon as the tick thread is free; asks made while one waits are folded into it. */
  private void processNow() {
    if (processing.compareAndSet(false, true)) {
      try {
        thread.execute(() -> {
          processing.set(false);
          try {
            coexist.processInbox();
          } catch (RuntimeException bug) {
            LOG.error("processing the inbox failed", bug);
          }
        });
      } catch (RejectedExecutionException closed) {
        processing.set(false);
      }
    }
  }

  private void holdLease() {
    try {
      coexist.holdLease();
    } catch (RuntimeException bug) {
      LOG.error("renewing the lease failed", bug);
    }
  }

  /** The last tick that completed, once there was one. */
  public Optional<CoexistTick> last() {
    return last.get();
  }

  private void tick() {
    try {
      CoexistTick tick = coexist.tick();
      last.set(Optional.of(tick));
      if (tick.gate().didSomething()) {
        LOG.info("tick: {} expired, {} decided in the ITSM tool, {} resumed after a freeze, {} retried, "
                + "{} at the pipeline's deadline, {} waiting", tick.gate().expired(), tick.gate().decidedInTool(),
            tick.gate().resumed(), tick.gate().retried(), tick.gate().timedOut(), tick.gate().stillWaiting());
      }
    } catch (RuntimeException bug) {
      // One failed tick must not stop the schedule.
      LOG.error("tick failed", bug);
    }
  }

  /** Stops ticking; a tick in progress finishes (waiting up to 5 seconds). */
  @Override
  public void close() {
    coexist.onReceive(() -> { });
    leaseThread.shutdownNow();
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
