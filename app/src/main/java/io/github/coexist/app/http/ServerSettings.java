package io.github.coexist.app.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link WebServer} listens, how long it waits for slow clients, how much work it takes at
 * once and how large a body it reads. {@link #defaults} holds the documented defaults.
 *
 * @param host the address to listen on
 * @param port the port; 0 picks a free one
 * @param headerTimeout how long a client may take to send a request's line and headers, counted
 *     from its first byte; a client still sending then is cut off (slowloris)
 * @param bodyTimeout how long a client may take to send a request's body, counted from the end of
 *     its headers; then it is answered 408 and cut off
 * @param idleTimeout how long a connection may stay silent (between requests, or in the middle of
 *     one) before it is closed
 * @param threads the most threads the server runs; {@link #RESERVED_THREADS} of them accept,
 *     read and answer, the rest work on requests
 * @param queue the most jobs waiting for a free thread; beyond that, new work is refused at once
 *     rather than piled up
 * @param drainTimeout how long a stop lets requests in flight finish
 * @param bodyLimits the largest body each path takes
 * @param bodiesInFlight the most bytes of request bodies buffered at once, over every connection;
 *     a body that does not fit is answered 503 with {@code Retry-After}
 */
public record ServerSettings(
    String host,
    int port,
    Duration headerTimeout,
    Duration bodyTimeout,
    Duration idleTimeout,
    int threads,
    int queue,
    Duration drainTimeout,
    BodyLimits bodyLimits,
    long bodiesInFlight) {

  /** Threads kept for accepting connections, reading bodies and answering 503 when the rest are busy. */
  public static final int RESERVED_THREADS = 8;
  /** The fewest {@link #threads} allowed: the reserved ones and at least as many for requests. */
  public static final int MIN_THREADS = 2 * RESERVED_THREADS;
  /** Default {@link #headerTimeout}: 10 s. */
  public static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);
  /** Default {@link #bodyTimeout}: 20 s (GitHub gives up on a delivery after 10 s). */
  public static final Duration BODY_TIMEOUT = Duration.ofSeconds(20);
  /** Default {@link #idleTimeout}: 30 s. */
  public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
  /** Default {@link #threads}: 32. */
  public static final int THREADS = 32;
  /** Default {@link #queue}: 256 jobs. */
  public static final int QUEUE = 256;
  /** Default {@link #drainTimeout}: 5 s. */
  public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
  /** Default {@link #bodiesInFlight}: 64 MB, room for two of GitHub's largest deliveries and many small bodies. */
  public static final long BODIES_IN_FLIGHT = 64 * BodyLimits.MB;

  /** Checks the settings; a bad one is a bug or bad configuration at start-up. */
  public ServerSettings {
    List<String> problems = new ArrayList<>();
    if (port < 0 || port > 65535) {
      problems.add("port must lie in [0, 65535], was " + port);
    }
    positive("headerTimeout", headerTimeout, problems);
    positive("bodyTimeout", bodyTimeout, problems);
    positive("idleTimeout", idleTimeout, problems);
    positive("drainTimeout", drainTimeout, problems);
    if (threads < MIN_THREADS) {
      problems.add("threads must be at least " + MIN_THREADS + ", was " + threads);
    }
    if (queue < 1) {
      problems.add("queue must be at least 1, was " + queue);
    }
    if (bodiesInFlight < 1) {
      problems.add("bodiesInFlight must be at least 1 byte, was " + bodiesInFlight);
    }
    if (host == null || bodyLimits == null) {
      problems.add("host and bodyLimits are required");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** These settings with the default {@link #BODIES_IN_FLIGHT}. */
  public ServerSettings(String host, int port, Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout,
      int threads, int queue, Duration drainTimeout, BodyLimits bodyLimits) {
    this(host, port, headerTimeout, bodyTimeout, idleTimeout, threads, queue, drainTimeout, bodyLimits,
        BODIES_IN_FLIGHT);
  }

  /** The documented defaults on {@code host:port}, with {@link BodyLimits#standard()}. */
  public static ServerSettings defaults(String host, int port) {
    return new ServerSettings(host, port, HEADER_TIMEOUT, BODY_TIMEOUT, IDLE_TIMEOUT, THREADS, QUEUE, DRAIN_TIMEOUT,
        BodyLimits.standard());
  }

  /** How many requests are worked on at once; one more is answered 503 at once. */
  public int concurrentRequests() {
    return threads - RESERVED_THREADS;
  }

  private static void positive(String name, Duration value, List<String> problems) {
    if (value == null || value.isNegative() || value.isZero()) {
      problems.add(name + " must be a positive duration, was " + value);
    }
  }
}
