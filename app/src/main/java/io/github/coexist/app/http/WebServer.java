package io.github.coexist.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server on the JDK's built-in server: routes requests through a {@link Router},
 * caps body sizes, and turns a handler's unexpected failure into a 500 with a logged cause instead
 * of a dropped connection.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
  /** GitHub caps webhook payloads at 25 MB; nothing coexist takes is larger. */
  static final int MAX_BODY_BYTES = 25 * 1024 * 1024;

  /** How long {@link #close()} lets requests in flight finish. */
  static final Duration DRAIN = Duration.ofSeconds(2);

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean closing;

  private WebServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts serving {@code router} on {@code host:port} (port 0 picks a free one). */
  public static WebServer start(String host, int port, Router router) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
    ExecutorService executor = Executors.newFixedThreadPool(
        Math.max(4, Runtime.getRuntime().availableProcessors() * 2), runnable -> {
          Thread thread = new Thread(runnable, "coexist-http");
          thread.setDaemon(true);
          return thread;
        });
    server.setExecutor(executor);
    WebServer web = new WebServer(server, executor);
    server.createContext("/", exchange -> web.handle(exchange, router));
    server.start();
    return web;
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange, Router router) throws IOException {
    inFlight.incrementAndGet();
    try (exchange) {
      HttpAnswer answer;
      try {
        answer = closing
            ? HttpAnswer.error(503, "unavailable", "the server is shutting down", List.of())
            : route(exchange, router);
      } catch (RuntimeException e) {
        LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
        answer = HttpAnswer.error(500, "internal", "internal error; see the server log", List.of());
      }
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      byte[] body = answer.body();
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(answer.status(), head || body.length == 0 ? -1 : body.length);
      if (!head && body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private static HttpAnswer route(HttpExchange exchange, Router router) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    Router.Match match = router.match(method, path);
    if (match instanceof Router.Match.NotFound) {
      return HttpAnswer.error(404, "not_found", "no such resource: " + path, List.of());
    }
    if (match instanceof Router.Match.WrongMethod wrong) {
      HttpAnswer refused = HttpAnswer.error(405, "method_not_allowed", "method " + method + " not allowed on " + path,
          List.of());
      return new HttpAnswer(405, refused.contentType(), refused.body(), Map.of("Allow", String.join(", ", wrong.allowed())));
    }
    Router.Match.Found found = (Router.Match.Found) match;
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      return HttpAnswer.error(413, "payload_too_large", "the body is larger than 25 MB", List.of());
    }
    HttpExchangeData data = new HttpExchangeData(method, path, found.params(),
        HttpExchangeData.parseQuery(exchange.getRequestURI().getRawQuery()),
        HttpExchangeData.firstValues(exchange.getRequestHeaders()), body);
    return found.handler().apply(data);
  }

  /**
   * Stops: requests arriving from now on are answered 503, those in flight may finish for up to
   * two seconds, then the server closes. (Closing as soon as nothing is in flight, rather than
   * {@code HttpServer.stop(2)}, which on Java 17 always waits the whole delay.)
   */
  @Override
  public void close() {
    closing = true;
    long deadline = System.nanoTime() + DRAIN.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
  }
}
