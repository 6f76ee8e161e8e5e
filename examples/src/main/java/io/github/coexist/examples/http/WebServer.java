package io.github.coexist.examples.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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

  private final HttpServer server;
  private final ExecutorService executor;

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
    server.createContext("/", exchange -> handle(exchange, router));
    server.start();
    return new WebServer(server, executor);
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void handle(HttpExchange exchange, Router router) throws IOException {
    try (exchange) {
      HttpAnswer answer;
      try {
        answer = route(exchange, router);
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

  /** Stops accepting requests, lets those in flight finish for up to two seconds, then stops. */
  @Override
  public void close() {
    server.stop(2);
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
