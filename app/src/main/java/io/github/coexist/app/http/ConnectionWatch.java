package io.github.coexist.app.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every connection, to do what Jetty's idle time-out cannot. It cuts off a client that
 * takes longer than the header time-out to send a request's line and headers, counted from the
 * first byte after the previous request (or the connection's start): the idle time-out restarts
 * with every byte, so a client sending one byte every few seconds (slowloris) would hold its
 * connection for ever. And when the server stops, it closes the connections that wait between
 * requests at once, so that a drain lasts as long as the requests in flight, not an idle time-out.
 *
 * <p>A listener on every connection: the routing handler says when a request's headers are in
 * ({@link #started}) and when its answer is done ({@link #ended}); a sweep every quarter of the
 * time-out (at most every second) closes each connection that has received bytes of a request
 * whose headers are still not in after the time-out. A silent connection is left to the idle
 * time-out. Thread-safe.
 */
final class ConnectionWatch implements Connection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionWatch.class);

  private final long timeoutNanos;
  private final long sweepMillis;
  private final Map<Connection, Watch> open = new ConcurrentHashMap<>();

  /** What a connection is doing, as the sweep last saw it. */
  private static final class Watch {
    /** A request's headers are in and its answer is not done: the body time-out governs. */
    volatile boolean handling;
    /** The connection's bytes in when its last request was answered (0 at its start). */
    volatile long bytesWhenIdle;
    /** When the sweep first saw bytes of a request whose headers are not in yet; -1 for none. */
    volatile long waitingSince = -1;
  }

  ConnectionWatch(Duration headerTimeout) {
    this.timeoutNanos = headerTimeout.toNanos();
    this.sweepMillis = Math.max(10, Math.min(1000, headerTimeout.toMillis() / 4));
  }

  /** Sweeps on {@code scheduler} until {@code owner} stops. */
  void sweepOn(Scheduler scheduler, LifeCycle owner) {
    scheduler.schedule(() -> {
      if (owner.isRunning()) {
        sweep(System.nanoTime());
        sweepOn(scheduler, owner);
      }
    }, sweepMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onOpened(Connection connection) {
    open.put(connection, new Watch());
  }

  @Override
  public void onClosed(Connection connection) {
    open.remove(connection);
  }

  /** A request's headers arrived on {@code connection}. */
  void started(Connection connection) {
    Watch watch = open.get(connection);
    if (watch != null) {
      watch.handling = true;
      watch.waitingSince = -1;
    }
  }

  /** The request on {@code connection} is answered; the next one's headers are timed from its first byte. */
  void ended(Connection connection) {
    Watch watch = open.get(connection);
    if (watch != null) {
      watch.bytesWhenIdle = connection.getBytesIn();
      watch.waitingSince = -1;
      watch.handling = false;
    }
  }

  /** Closes every connection waiting between requests: neither handling one nor receiving the next. */
  void closeIdle() {
    open.forEach((connection, watch) -> {
      if (!watch.handling && connection.getBytesIn() <= watch.bytesWhenIdle) {
        open.remove(connection);
        connection.getEndPoint().close();
      }
    });
  }

  /** Closes every connection whose headers are overdue at {@code now} (nano time). */
  void sweep(long now) {
    open.forEach((connection, watch) -> {
      if (watch.handling || connection.getBytesIn() <= watch.bytesWhenIdle) {
        return;
      }
      if (watch.waitingSince < 0) {
        watch.waitingSince = now;
      } else if (now - watch.waitingSince >= timeoutNanos) {
        LOG.info("closing a connection from {}: its request's headers did not arrive within {} ms",
            connection.getEndPoint().getRemoteSocketAddress(), TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        open.remove(connection);
        connection.getEndPoint().close();
      }
    });
  }
}
