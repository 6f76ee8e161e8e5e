package io.github.coexist.app.serve;

import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker that does a webhook's work after the webhook was answered: one thread, so jobs run
 * in the order their deliveries arrived (a gate request before its deployment). A job that fails
 * transiently ({@link CoexistError#isTransient()}) is tried again after a jittered, doubling
 * backoff, for as long as the process runs; one that fails otherwise is logged and counted. Both
 * show in {@link #backlog()}. A job still queued or waiting to be retried when the worker is
 * closed runs its {@code leftUndone} hook (the webhook routes forget the delivery's id, so that a
 * redelivery is processed rather than answered as a duplicate). Thread-safe.
 */
final class Dispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final ScheduledThreadPoolExecutor worker;
  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicInteger retrying = new AtomicInteger();
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Optional<String>> lastFailure = new AtomicReference<>(Optional.empty());
  /** Jobs submitted and neither done nor failed for good. */
  private final Set<Job> unfinished = ConcurrentHashMap.newKeySet();

  /**
   * What waits and what went wrong.
   *
   * @param queued jobs waiting for or in their first attempt
   * @param retrying jobs waiting to be tried again after a transient failure
   * @param done jobs completed
   * @param failed jobs refused for good
   * @param lastFailure the last refusal or transient failure, for people
   */
  record Backlog(int queued, int retrying, long done, long failed, Optional<String> lastFailure) {
    /** Work not yet done. */
    int pending() {
      return queued + retrying;
    }
  }

  /**
   * A job: a label for logs, the work, whose error says whether it may be tried again, and what to
   * do when it is left undone at shutdown. Compared by identity: each submission is its own job.
   */
  private static final class Job {
    final String label;
    final Supplier<Either<CoexistError, ?>> work;
    final Runnable leftUndone;
    int attempt = 1;

    Job(String label, Supplier<Either<CoexistError, ?>> work, Runnable leftUndone) {
      this.label = label;
      this.work = work;
      this.leftUndone = leftUndone;
    }
  }

  /** A worker retrying after {@code firstBackoff}, doubling up to {@code maxBackoff}. */
  Dispatcher(Duration firstBackoff, Duration maxBackoff) {
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
    this.worker = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "coexist-dispatch");
      thread.setDaemon(true);
      return thread;
    });
    // At shutdown, jobs waiting out a backoff are counted as left undone rather than waited for.
    worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Runs {@code work} on the worker as soon as the jobs before it are done. */
  void submit(String label, Supplier<Either<CoexistError, ?>> work) {
    submit(label, work, () -> { });
  }

  /**
   * Runs {@code work} on the worker as soon as the jobs before it are done; runs {@code
   * leftUndone} if the worker is closed before the work is done or refused.
   */
  void submit(String label, Supplier<Either<CoexistError, ?>> work, Runnable leftUndone) {
    Job job = new Job(label, work, leftUndone);
    unfinished.add(job);
    queued.incrementAndGet();
    try {
      worker.execute(() -> attempt(job, queued));
    } catch (RejectedExecutionException closed) {
      queued.decrementAndGet();
      unfinished.remove(job);
      LOG.warn("{}: not taken, the worker is stopping", label);
      leftUndone.run();
    }
  }

  /** Why the worker takes no work, if it does not: it was stopped. Empty while it works. */
  Optional<String> problem() {
    return worker.isShutdown() ? Optional.of("the webhook worker has stopped: deliveries are not processed")
        : Optional.empty();
  }

  /** What waits and what went wrong, now. */
  Backlog backlog() {
    return new Backlog(queued.get(), retrying.get(), done.get(), failed.get(), lastFailure.get());
  }

  /**
   * Tries {@code job}, which {@code holding} counts until this attempt is over: a job in hand is
   * not done yet, so the backlog never shows nothing pending while work goes on, and by the time a
   * job counts as done or failed it no longer counts as pending.
   */
  private void attempt(Job job, AtomicInteger holding) {
    Either<CoexistError, ?> result;
    try {
      result = job.work.get();
    } catch (RuntimeException bug) {
      LOG.error("{}: failed", job.label, bug);
      unfinished.remove(job);
      holding.decrementAndGet();
      failure(job.label + ": " + bug);
      return;
    }
    if (result.isRight()) {
      unfinished.remove(job);
      holding.decrementAndGet();
      done.incrementAndGet();
      if (job.attempt > 1) {
        LOG.info("{}: done at attempt {}", job.label, job.attempt);
      }
      return;
    }
    CoexistError error = result.getLeft();
    if (!error.isTransient()) {
      LOG.warn("{}: refused: {}", job.label, error.message());
      unfinished.remove(job);
      holding.decrementAndGet();
      failure(job.label + ": " + error.message());
      return;
    }
    Duration wait = backoff(job.attempt, error);
    lastFailure.set(Optional.of(job.label + ": " + error.message()));
    LOG.info("{}: {}; trying again in {} ms", job.label, error.message(), wait.toMillis());
    retrying.incrementAndGet();
    holding.decrementAndGet();
    job.attempt++;
    try {
      worker.schedule(() -> attempt(job, retrying), wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shuttingDown) {
      retrying.decrementAndGet();
      LOG.warn("{}: left undone at shutdown: {}", job.label, error.message());
    }
  }

  private void failure(String description) {
    failed.incrementAndGet();
    lastFailure.set(Optional.of(description));
  }

  /** Doubling from the first backoff, capped, jittered by up to a fifth; a longer Retry-After wins. */
  private Duration backoff(int attempt, CoexistError error) {
    long doubled = firstBackoff.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(doubled, maxBackoff.toMillis());
    long jittered = capped - ThreadLocalRandom.current().nextLong(capped / 5 + 1);
    if (error instanceof CoexistError.RateLimited limited && limited.retryAfter().isPresent()) {
      jittered = Math.max(jittered, limited.retryAfter().get().toMillis());
    }
    return Duration.ofMillis(Math.max(1, jittered));
  }

  /**
   * Stops taking jobs, lets the queued ones finish for up to {@code deadline}, and reports what was
   * left undone (jobs waiting out a backoff are not waited for).
   */
  void close(Duration deadline) {
    int waiting = retrying.get();
    worker.shutdown();
    try {
      if (!worker.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        List<Runnable> dropped = worker.shutdownNow();
        LOG.warn("shutdown: {} queued job(s) not done within {} s", dropped.size(), deadline.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      worker.shutdownNow();
    }
    if (waiting > 0) {
      LOG.warn("shutdown: {} job(s) waiting to be retried were left undone", waiting);
    }
    for (Job job : List.copyOf(unfinished)) {
      unfinished.remove(job);
      try {
        job.leftUndone.run();
      } catch (RuntimeException e) {
        LOG.warn("{}: left undone, and its hook failed: {}", job.label, e.toString());
      }
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
