package io.github.coexist.core.internal.records;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a book's events to its listener in the order they were queued (commit order: they are
 * queued under the book's lock), one at a time, outside the book's lock. Whichever thread holds the
 * delivery lock delivers for all, so no event overtakes another; a listener that throws is logged.
 */
final class EventQueue<E> {
  private static final Logger LOG = LoggerFactory.getLogger(EventQueue.class);

  private final String kind;
  private final Consumer<? super E> listener;
  private final ConcurrentLinkedQueue<E> queued = new ConcurrentLinkedQueue<>();
  private final ReentrantLock delivering = new ReentrantLock();

  EventQueue(String kind, Consumer<? super E> listener) {
    this.kind = kind;
    this.listener = listener;
  }

  void add(E event) {
    queued.add(event);
  }

  /** Delivers what is queued, unless another thread is delivering already; it then delivers ours too. */
  void deliver() {
    // The re-check closes the gap between another deliverer's last poll and its unlock.
    while (!queued.isEmpty()) {
      if (!delivering.tryLock()) {
        return;
      }
      try {
        E event;
        while ((event = queued.poll()) != null) {
          deliverSafely(event);
        }
      } finally {
        delivering.unlock();
      }
    }
  }

  private void deliverSafely(E event) {
    try {
      listener.accept(event);
    } catch (RuntimeException e) {
      LOG.error("{} listener failed on {}", kind, event.getClass().getSimpleName(), e);
    }
  }
}
