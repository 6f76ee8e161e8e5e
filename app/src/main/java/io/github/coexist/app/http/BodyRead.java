package io.github.coexist.app.http;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads one request's body without holding a thread while it waits for bytes, and stops as soon
 * as the body passes its limit or the body time-out: a slow or oversized body costs neither a
 * thread nor more memory than its limit. Every byte buffered is first taken from the server's
 * {@link BodyBudget}, and given back once the outcome is delivered: a body that does not fit is
 * refused with 503 and {@code Retry-After}, never buffered. Exactly one outcome is delivered: the body, a refusal to
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
  private final BodyBudget budget;
  private final AtomicBoolean over = new AtomicBoolean();
  /** The bytes taken from the budget: the buffer's size. */
  private long taken;
  private byte[] buffer;
  private int size;
  private Scheduler.Task deadline;

  private BodyRead(Request request, long limit, Duration timeout, Outcome outcome, BodyBudget budget, int first) {
    this.request = request;
    this.limit = limit;
    this.timeout = timeout;
    this.outcome = outcome;
    this.budget = budget;
    this.taken = first;
    this.buffer = new byte[first];
  }

  /**
   * Reads {@code request}'s body of at most {@code limit} bytes within {@code timeout}, then tells
   * {@code outcome}. A declared length over the limit is refused before a byte is read.
   */
  static void start(Request request, long limit, Duration timeout, Scheduler scheduler, BodyBudget budget,
      Outcome outcome) {
    long declared = request.getLength();
    if (declared > limit) {
      outcome.refused(tooLarge(limit));
      return;
    }
    // An HTTP/1.1 request without a length or a chunked body has none: it takes no room.
    boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    int first = (int) (declared >= 0 ? declared : chunked ? Math.min(FIRST_BUFFER, limit) : 0);
    if (!budget.take(first)) {
      outcome.refused(busy(budget));
      return;
    }
    BodyRead read;
    try {
      read = new BodyRead(request, limit, timeout, outcome, budget, first);
    } catch (RuntimeException | Error failure) {
      budget.give(first);
      throw failure;
    }
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
      Fit fits;
      try {
        fits = append(chunk.getByteBuffer());
      } finally {
        chunk.release();
      }
      if (fits == Fit.TOO_LARGE) {
        refuse(tooLarge(limit));
        return;
      }
      if (fits == Fit.NO_ROOM) {
        refuse(busy(budget));
        return;
      }
      if (last) {
        byte[] body = size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
        finish(() -> outcome.body(body));
        return;
      }
    }
  }

  /** Whether the bytes fitted: the body's limit or the budget may refuse them. */
  private enum Fit { FITS, TOO_LARGE, NO_ROOM }

  private Fit append(ByteBuffer bytes) {
    int more = bytes.remaining();
    if ((long) size + more > limit) {
      return Fit.TOO_LARGE;
    }
    if (size + more > buffer.length) {
      int grown = (int) Math.min(limit, Math.max(size + more, 2L * buffer.length));
      if (!budget.take(grown - buffer.length)) {
        return Fit.NO_ROOM;
      }
      taken += grown - buffer.length;
      buffer = Arrays.copyOf(buffer, grown);
    }
    bytes.get(buffer, size, more);
    size += more;
    return Fit.FITS;
  }

  private void fail(Throwable failure) {
    if (failure instanceof TimeoutException) {
      // Jetty's idle time-out: the client went silent in the middle of its body.
      refuse(Responses.error(408, "the request body stopped arriving"));
    } else {
      finish(() -> outcome.failed(failure));
    }
  }

  private void expire() {
    finish(() -> outcome.refused(Responses.error(408,
        "the request body did not arrive within " + timeout.toSeconds() + " s")));
  }

  /**
   * Ends the read with a refusal: the buffer's room is given back before the answer goes out, so
   * a client that reads the refusal finds the room free again.
   */
  private void refuse(HttpAnswer answer) {
    if (end()) {
      release();
      outcome.refused(answer);
    }
  }

  private void finish(Runnable deliver) {
    if (end()) {
      try {
        deliver.run();
      } finally {
        // The route has worked on the body by now (it runs in deliver); nothing holds the buffer.
        release();
      }
    }
  }

  /** Ends the read, once: true for the one call that ended it (the time-out is cancelled). */
  private boolean end() {
    if (!over.compareAndSet(false, true)) {
      return false;
    }
    if (deadline != null) {
      deadline.cancel();
    }
    return true;
  }

  private void release() {
    budget.give(taken);
    buffer = null;
  }

  private static HttpAnswer busy(BodyBudget budget) {
    return Responses.withHeader(Responses.error(503, "the server is buffering as many request bodies as it takes ("
        + BodyLimits.describe(budget.total()) + " in all); try again in a moment"), "Retry-After", "1");
  }

  private static HttpAnswer tooLarge(long limit) {
    return Responses.error(413, "the body is larger than " + BodyLimits.describe(limit) + ", the most this path takes");
  }
}
