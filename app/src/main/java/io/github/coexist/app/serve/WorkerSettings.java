package io.github.coexist.app.serve;

import io.github.coexist.adapters.http.ConfigReader;
import io.github.coexist.adapters.http.ToolGuard;
import java.time.Duration;

/**
 * How {@code serve} talks to the tools: each tool (the ITSM tool, GitHub) gets its own pool of
 * {@code threads} workers with a queue of {@code queue} deliveries, and a bulkhead of {@code
 * guard.maxConcurrentCalls()} calls with a circuit breaker open for {@code guard.openFor()}.
 *
 * @param threads workers per tool ({@code COEXIST_WORKERS_THREADS}, 4)
 * @param queue deliveries waiting per tool before more are refused and left to the tick ({@code COEXIST_WORKERS_QUEUE}, 10000)
 * @param guard the bulkhead and breaker per tool ({@code COEXIST_BREAKER_CALLS}, 4; {@code COEXIST_BREAKER_OPEN_FOR}, 30s)
 */
record WorkerSettings(int threads, int queue, ToolGuard.Settings guard) {
  static final int THREADS = 4;
  static final int QUEUE = 10_000;

  /** The settings {@code read} finds, each at its default when not set; a bad one is a problem of {@code read}. */
  static WorkerSettings read(ConfigReader read) {
    ToolGuard.Settings defaults = ToolGuard.Settings.defaults();
    int calls = read.integer("breaker.calls", defaults.maxConcurrentCalls(), 1, 1000);
    Duration openFor = read.duration("breaker.open-for", defaults.openFor());
    if (openFor.isZero() || openFor.isNegative()) {
      read.problem(read.key("breaker.open-for") + " (COEXIST_BREAKER_OPEN_FOR) must be a positive time, was " + openFor);
      openFor = defaults.openFor();
    }
    ToolGuard.Settings guard = defaults.withMaxConcurrentCalls(calls).withOpenFor(openFor);
    return new WorkerSettings(read.integer("workers.threads", THREADS, 1, 1000),
        read.integer("workers.queue", QUEUE, 1, 1_000_000), guard);
  }
}
