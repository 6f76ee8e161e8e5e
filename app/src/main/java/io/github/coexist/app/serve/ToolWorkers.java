package io.github.coexist.app.serve;

import io.github.coexist.adapters.http.ToolGuard;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers that deliver coexist's writes to one tool: a bounded pool of named daemon threads
 * ({@code coexist-<tool>-1}...) with a bounded queue, and the tool's {@link ToolGuard}. Work the
 * full queue refuses stays owed in coexist and is handed over again at the next tick. A pool that
 * was shut down, or whose queue is full, is a readiness problem; a task that fails by a bug is
 * logged and the pool goes on (the executor replaces the thread). Thread-safe.
 */
final class ToolWorkers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ToolWorkers.class);

  private final String tool;
  private final ThreadPoolExecutor pool;
  private final ToolGuard guard;
  private final AtomicLong refused = new AtomicLong();

  ToolWorkers(String tool, WorkerSettings settings) {
    this.tool = tool;
    this.guard = ToolGuard.of(tool, settings.guard());
    this.pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(settings.queue()), named(tool), (task, executor) -> {
          refused.incrementAndGet();
          throw new java.util.concurrent.RejectedExecutionException(tool + " workers' queue is full");
        });
  }

  private static ThreadFactory named(String tool) {
    AtomicInteger next = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "coexist-" + tool + "-" + next.incrementAndGet());
      thread.setDaemon(true);
      thread.setUncaughtExceptionHandler((t, e) -> LOG.error("{} died delivering to {}", t.getName(), tool, e));
      return thread;
    };
  }

  /** Where coexist hands this tool's deliveries. */
  Executor executor() {
    return pool;
  }

  /** The tool's bulkhead and circuit breaker, for its adapter. */
  ToolGuard guard() {
    return guard;
  }

  String tool() {
    return tool;
  }

  /** Deliveries waiting for a worker. */
  int queued() {
    return pool.getQueue().size();
  }

  /** Why the pool cannot take work, if it cannot: shut down, or its queue full. */
  Optional<String> problem() {
    if (pool.isShutdown()) {
      return Optional.of(tool + " workers stopped");
    }
    if (pool.getQueue().remainingCapacity() == 0) {
      return Optional.of(tool + " workers saturated: " + pool.getQueue().size() + " deliveries waiting");
    }
    return Optional.empty();
  }

  /** Workers, queue and guard as {@code /health} shows them. */
  Status status() {
    return new Status(tool, pool.getActiveCount(), pool.getPoolSize(), queued(), refused.get(), guard.status());
  }

  /**
   * How one tool's workers stand.
   *
   * @param tool the tool
   * @param busy workers delivering now
   * @param threads workers alive
   * @param queued deliveries waiting
   * @param refused deliveries refused by a full queue since the start (left to the tick)
   * @param guard the bulkhead and breaker
   */
  record Status(String tool, int busy, int threads, int queued, long refused, ToolGuard.Status guard) {}

  /** Stops taking work and waits up to {@code timeout} for deliveries under way; the rest stays owed. */
  void close(Duration timeout) {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }
}
