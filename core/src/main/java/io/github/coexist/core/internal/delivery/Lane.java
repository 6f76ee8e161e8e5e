package io.github.coexist.core.internal.delivery;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Not API. The deliveries of one record to one tool: passes run one at a time, in the order they
 * start, either on the caller's thread ({@link #runHere}) or on a worker ({@link #ask}). A pass
 * reads what is owed when it starts, so asking again while one runs only has to make sure one
 * more pass follows: requests made meanwhile are folded into that one pass, and a worker never
 * waits for another worker's pass of the same record. Thread-safe.
 */
public final class Lane {
  private final ReentrantLock lock = new ReentrantLock();
  /** Passes asked for and not yet begun, plus one while a drain is queued or running; 0 when idle. */
  private final AtomicInteger asked = new AtomicInteger();

  /** Runs {@code pass} on this thread, once a pass under way ended; answers what it answered. */
  public boolean runHere(BooleanSupplier pass) {
    lock.lock();
    try {
      return pass.getAsBoolean();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Makes sure a pass of {@code pass} starts on {@code workers} after this call: queues one unless
   * one is queued or running already, which then runs once more. False when {@code workers} refused
   * the work (full or shut down): the caller keeps the write owed for a later try.
   */
  public boolean ask(Executor workers, BooleanSupplier pass) {
    if (asked.getAndIncrement() > 0) {
      return true;
    }
    try {
      workers.execute(() -> drain(pass));
      return true;
    } catch (RejectedExecutionException e) {
      asked.set(0);
      return false;
    }
  }

  /** Whether no pass is queued or running on a worker. */
  public boolean idle() {
    return asked.get() == 0;
  }

  private void drain(BooleanSupplier pass) {
    int taken = asked.get();
    try {
      while (true) {
        runHere(pass);
        taken = asked.addAndGet(-taken);
        if (taken == 0) {
          return;
        }
      }
    } catch (RuntimeException | Error e) {
      // A pass that failed by a bug must not leave the lane looking busy forever: the next ask queues again.
      asked.set(0);
      throw e;
    }
  }
}
