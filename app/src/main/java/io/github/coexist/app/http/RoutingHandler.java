package io.github.coexist.app.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link Router} on Jetty: 404 and 405 without reading the body; the body read without
 * holding a thread, within its path's limit and the body time-out; HEAD answered as GET without a
 * body; at most {@link ServerSettings#concurrentRequests()} routes at work at once, any more
 * answered 503 at once; a route's unexpected failure answered 500 and logged. An {@link
 * OutOfMemoryError} or another failure of the JVM itself marks the server {@link #broken()}.
 */
final class RoutingHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(RoutingHandler.class);
  private static final int MAX_QUOTED_PATH = io.github.coexist.app.events.Excerpt.MAX_CHARS;
  /** How long the connection of a refused body stays open after the answer, for the client to read it. */
  static final Duration LINGER = Duration.ofSeconds(2);

  private final Router router;
  private final ServerSettings settings;
  private final ConnectionWatch connections;
  private final Semaphore working;
  private final BodyBudget bodies;
  private final AtomicReference<Optional<String>> broken = new AtomicReference<>(Optional.empty());
  private volatile boolean stopping;

  RoutingHandler(Router router, ServerSettings settings, ConnectionWatch connections) {
    this.router = router;
    this.settings = settings;
    this.connections = connections;
    this.working = new Semaphore(settings.concurrentRequests());
    this.bodies = new BodyBudget(settings.bodiesInFlight());
  }

  /** From now on every answer closes its connection: the server is stopping. */
  void stopping() {
    stopping = true;
  }

  /** The bytes of request bodies buffered now. */
  long bodyBytesBuffered() {
    return bodies.taken();
  }

  /** Why the server cannot be trusted any more (the JVM failed in a route), if it cannot. */
  Optional<String> broken() {
    return broken.get();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Connection connection = request.getConnectionMetaData().getConnection();
    connections.started(connection);
    Request.addCompletionListener(request, failure -> connections.ended(connection));
    String method = request.getMethod();
    String path = request.getHttpURI().getDecodedPath();
    Router.Match match = router.match(HttpMethod.HEAD.is(method) ? "GET" : method, path);
    if (match instanceof Router.Match.NotFound) {
      send(request, response, callback, Responses.error(404, "no such resource: " + quoted(path)), false);
    } else if (match instanceof Router.Match.WrongMethod wrong) {
      Set<String> allowed = new LinkedHashSet<>(wrong.allowed());
      if (allowed.contains("GET")) {
        allowed.add("HEAD");
      }
      HttpAnswer refused = Responses.error(405, "method " + quoted(method) + " not allowed on " + quoted(path));
      send(request, response, callback, Responses.withHeader(refused, "Allow", String.join(", ", allowed)),
          false);
    } else {
      read(request, response, callback, path, (Router.Match.Found) match);
    }
    return true;
  }

  /** Reads the body, then answers with the route's work; a failure of the JVM on the way marks the server broken. */
  private void read(Request request, Response response, Callback callback, String path, Router.Match.Found found) {
    BodyRead.Outcome outcome = new BodyRead.Outcome() {
      @Override
      public void body(byte[] body) {
        try {
          send(request, response, callback, work(request, path, found, body), false);
        } catch (RuntimeException e) {
          LOG.error("{} {}: the answer could not be written", request.getMethod(), AccessLog.printable(path), e);
          callback.failed(e);
        }
      }

      @Override
      public void refused(HttpAnswer answer) {
        send(request, response, lingering(request, callback), answer, true);
      }

      @Override
      public void failed(Throwable failure) {
        if (failure instanceof Error) {
          failedBadly(request, path, failure);
        }
        callback.failed(failure);
      }
    };
    try {
      BodyRead.start(request, settings.bodyLimits().limitFor(path), settings.bodyTimeout(),
          request.getComponents().getScheduler(), bodies, outcome);
    } catch (RuntimeException | Error failure) {
      send(request, response, callback, failedBadly(request, path, failure), true);
    }
  }

  /**
   * The route's answer, or 503 when enough routes are at work already (a probe is answered
   * regardless), or 500 when it failed.
   */
  private HttpAnswer work(Request request, String path, Router.Match.Found found, byte[] body) {
    boolean counted = !found.probe();
    if (counted && !working.tryAcquire()) {
      return Responses.withHeader(Responses.error(503, "the server is busy: " + settings.concurrentRequests()
          + " requests are being worked on; try again in a moment"), "Retry-After", "1");
    }
    try {
      HttpExchangeData data = new HttpExchangeData(request.getMethod(), path, found.params(),
          HttpExchangeData.parseQuery(request.getHttpURI().getQuery()), firstValues(request), body,
          Optional.ofNullable(Request.getRemoteAddr(request)).orElse(""));
      return found.handler().apply(data);
    } catch (RuntimeException | Error failure) {
      return failedBadly(request, path, failure);
    } finally {
      if (counted) {
        working.release();
      }
    }
  }

  /**
   * {@code callback}, completed {@link #LINGER} after the answer is written. A refused body is
   * never read; closing its connection at once, with the rest of the body arriving, would make the
   * kernel reset it, and a client still sending may lose the answer before it reads it. Holding
   * the connection a moment (no thread, nothing read: the client is soon held by TCP flow control)
   * lets it read the answer first.
   */
  private static Callback lingering(Request request, Callback callback) {
    return Callback.from(() -> request.getComponents().getScheduler()
        .schedule(callback::succeeded, LINGER.toMillis(), TimeUnit.MILLISECONDS), callback::failed);
  }

  /** Writes {@code answer}, closing the connection after it when asked or when the server is stopping. */
  private void send(Request request, Response response, Callback callback, HttpAnswer answer, boolean close) {
    Responses.send(request, response, callback, answer, close || stopping);
  }

  /**
   * Logs an unexpected failure and answers 500. A failure of the JVM itself (out of memory; not a
   * stack overflow, which one request's input may cause) marks the server broken for good.
   */
  private HttpAnswer failedBadly(Request request, String path, Throwable failure) {
    JvmFailures.failed(failure);
    if (JvmFailures.ofTheJvm(failure)) {
      broken.set(Optional.of("the JVM failed while serving a request (" + failure + "); restart coexist"));
      LOG.error("{} {} failed: the JVM itself failed, readiness now fails; restart coexist",
          AccessLog.printable(request.getMethod()), AccessLog.printable(path), failure);
    } else {
      LOG.error("{} {} failed", AccessLog.printable(request.getMethod()), AccessLog.printable(path), failure);
    }
    return Responses.error(500, "internal error; see the server log");
  }

  /** The first value of each header, names lower-cased. */
  private static Map<String, String> firstValues(Request request) {
    Map<String, String> first = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      first.putIfAbsent(field.getName().toLowerCase(Locale.ROOT), field.getValue());
    }
    return first;
  }

  /** {@code text} as an error message may quote it: printable and short. */
  private static String quoted(String text) {
    String printable = AccessLog.printable(text);
    return printable.length() > MAX_QUOTED_PATH ? printable.substring(0, MAX_QUOTED_PATH) + "..." : printable;
  }
}
