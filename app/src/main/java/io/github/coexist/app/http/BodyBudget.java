package io.github.coexist.app.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of request bodies being buffered, over every connection, kept under a total: each
 * read reserves what it buffers before allocating it and gives it back when done, so many large
 * bodies at once are refused (503) instead of filling the heap. Thread-safe.
 */
final class BodyBudget {
  private final long total;
  private final AtomicLong taken = new AtomicLong();

  BodyBudget(long total) {
    this.total = total;
  }

  /** Takes {@code bytes} when they fit under the total; false, taking nothing, when they do not. */
  boolean take(long bytes) {
    while (true) {
      long now = taken.get();
      if (now + bytes > total) {
        return false;
      }
      if (taken.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  /** Gives back {@code bytes} taken before. */
  void give(long bytes) {
    taken.addAndGet(-bytes);
  }

  /** The bytes taken now. */
  long taken() {
    return taken.get();
  }

  /** The total. */
  long total() {
    return total;
  }
}
