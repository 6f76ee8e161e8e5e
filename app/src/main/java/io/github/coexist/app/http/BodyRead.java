package io.github.coexist.app.http;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads one request's body without holding a thread while it waits for bytes, and stops as soon
 * as the body passes its limit or the body time-out: a slow or oversized body costs neither a
 * thread nor more memory than its limit. Exactly one outcome is delivered: the body, a refusal to
 * answer (413, 408; the connection is then closed, the rest of the body never read), or the
 * client's failure (it went away).
 */
final class BodyRead implements Runnable {
  /** What became of the read. */
  interface Outcome {
    /** The whole body arrived. */
    void body(byte[] body);

    /** The body is refused: answer {@code answer} and close the connection. */
    void refused(HttpAnswer answer);

    /**
     * The client failed (it went away, or broke the framing), or reading did (an {@link Error});
     * nothing can be answered.
     */
    void failed(Throwable failure);
  }

  private static final int FIRST_BUFFER = 8 * 1024;

  private final Request request;
  private final long limit;
  private final Duration timeout;
  private final Outcome outcome;
  private final AtomicBoolean over = new AtomicBoolean();
  private byte[] buffer;
  private int size;
  private Scheduler.Task deadline;

  private BodyRead(Request request, long limit, Duration timeout, Outcome outcome) {
    this.request = request;
    this.limit = limit;
    this.timeout = timeout;
    this.outcome = outcome;
    long declared = request.getLength();
    this.buffer = new byte[(int) (declared >= 0 ? Math.min(declared, limit) : Math.min(FIRST_BUFFER, limit))];
  }

  /**
   * Reads {@code request}'s body of at most {@code limit} bytes within {@code timeout}, then tells
   * {@code outcome}. A declared length over the limit is refused before a byte is read.
   */
  static void start(Request request, long limit, Duration timeout, Scheduler scheduler, Outcome outcome) {
    if (request.getLength() > limit) {
      outcome.refused(tooLarge(limit));
      return;
    }
    BodyRead read = new BodyRead(request, limit, timeout, outcome);
    read.deadline = scheduler.schedule(read::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
    read.run();
  }

  /** Reads what has arrived, then asks to be called again when more has. */
  @Override
  public void run() {
    try {
      read();
    } catch (RuntimeException | Error failure) {
      // Out of memory growing the buffer, or a bug: the request fails, never silently hangs.
      finish(() -> outcome.failed(failure));
    }
  }

  private void read() {
    while (!over.get()) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        request.demand(this);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        fail(chunk.getFailure());
        return;
      }
      boolean last = chunk.isLast();
      boolean fits;
      try {
        fits = append(chunk.getByteBuffer());
      } finally {
        chunk.release();
      }
      if (!fits) {
        finish(() -> outcome.refused(tooLarge(limit)));
        return;
      }
      if (last) {
        byte[] body = size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
        finish(() -> outcome.body(body));
        return;
      }
    }
  }

  private boolean append(ByteBuffer bytes) {
    int more = bytes.remaining();
    if ((long) size + more > limit) {
      return false;
    }
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(size + more, 2L * buffer.length)));
    }
    bytes.get(buffer, size, more);
    size += more;
    return true;
  }

  private void fail(Throwable failure) {
    if (failure instanceof TimeoutException) {
      // Jetty's idle time-out: the client went silent in the middle of its body.
      finish(() -> outcome.refused(Responses.error(408, "the request body stopped arriving")));
    } else {
      finish(() -> outcome.failed(failure));
    }
  }

  private void expire() {
    finish(() -> outcome.refused(Responses.error(408,
        "the request body did not arrive within " + timeout.toSeconds() + " s")));
  }

  private void finish(Runnable deliver) {
    if (over.compareAndSet(false, true)) {
      if (deadline != null) {
        deadline.cancel();
      }
      deliver.run();
    }
  }

  private static HttpAnswer tooLarge(long limit) {
    return Responses.error(413, "the body is larger than " + BodyLimits.describe(limit) + ", the most this path takes");
  }
}
