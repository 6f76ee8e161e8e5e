package io.github.coexist.app.http;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's HTTP server, on Jetty: serves a {@link Router}'s routes with the protections a server
 * facing the internet needs. A header and a body time-out cut off slow clients (a slowloris holds
 * neither a thread nor its connection for long); a bounded thread pool with a bounded queue and a
 * cap on the routes at work at once answer excess load 503 at once instead of piling it up; bodies
 * are limited per path while they are read (413 before buffering); every error, Jetty's own
 * included, is the app's JSON error, never an HTML page; HEAD is answered on every GET route; one
 * access log line per request. {@link #close()} drains: no new connection, requests in flight
 * finish within the drain time-out, new requests on open connections are answered 503.
 *
 * <pre>{@code
 * try (WebServer web = WebServer.start(ServerSettings.defaults("127.0.0.1", 0), router)) {
 *   int port = web.port();
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
  private static final int ACCEPT_QUEUE = 128;
  /** How long a thread beyond the minimum may stay idle before the pool lets it go. */
  private static final int THREAD_IDLE_MILLIS = 60_000;

  private final Server server;
  private final ServerConnector connector;
  private final RoutingHandler routing;
  private final ConnectionWatch connections;
  private final int port;
  private volatile boolean closing;

  private WebServer(Server server, ServerConnector connector, RoutingHandler routing, ConnectionWatch connections) {
    this.server = server;
    this.connector = connector;
    this.routing = routing;
    this.connections = connections;
    this.port = connector.getLocalPort();
  }

  /**
   * Starts serving {@code router} as {@code settings} say. Fails with an {@link IOException} when
   * the address cannot be listened on (the port is taken, the address is not this machine's).
   */
  public static WebServer start(ServerSettings settings, Router router) throws IOException {
    QueuedThreadPool threads = new QueuedThreadPool(settings.threads(), Math.min(4, settings.threads()),
        THREAD_IDLE_MILLIS, new ArrayBlockingQueue<>(settings.queue()));
    threads.setName("coexist-http");
    threads.setDaemon(true);
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    connector.setIdleTimeout(settings.idleTimeout().toMillis());
    connector.setAcceptQueueSize(ACCEPT_QUEUE);
    ConnectionWatch connections = new ConnectionWatch(settings.headerTimeout());
    connector.addBean(connections);
    server.addConnector(connector);
    RoutingHandler routing = new RoutingHandler(router, settings, connections);
    GracefulHandler graceful = new GracefulHandler(routing);
    // While draining, a request in flight may still wait for its body up to the drain time-out
    // (Jetty's default would cut it after a second); idle connections are closed at once instead.
    graceful.setShutdownIdleTimeout(settings.drainTimeout().toMillis());
    server.setHandler(graceful);
    server.setErrorHandler(new JsonErrors());
    server.setRequestLog(new AccessLog());
    server.setStopTimeout(settings.drainTimeout().toMillis());
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server);
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
    connections.sweepOn(server.getScheduler(), server);
    return new WebServer(server, connector, routing, connections);
  }

  /** The port bound (the one picked, when asked for port 0), also after {@link #close()}. */
  public int port() {
    return port;
  }

  /** The bytes of request bodies buffered now, over every connection. */
  long bodyBytesBuffered() {
    return routing.bodyBytesBuffered();
  }

  /**
   * Why the server cannot serve, if it cannot: it is stopping or stopped, its port is closed, or
   * the JVM failed in a route (an {@link OutOfMemoryError}). Empty while it serves.
   */
  public Optional<String> problem() {
    if (closing || !server.isRunning()) {
      return Optional.of("the HTTP server is stopping");
    }
    if (!connector.isOpen()) {
      return Optional.of("the HTTP server's port is closed");
    }
    return routing.broken();
  }

  /**
   * Stops: no new connection is taken, connections waiting between requests are closed, new
   * requests on open connections are answered 503, those in flight may finish within the drain
   * time-out (and close their connection); then every connection is closed. Returns as soon as
   * nothing is in flight, not after the whole time-out.
   */
  @Override
  public void close() {
    closing = true;
    routing.stopping();
    connector.shutdown(); // no new connection from here on
    connections.closeIdle();
    stopQuietly(server);
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("the HTTP server did not stop cleanly: {}", e.toString());
    }
  }
}
