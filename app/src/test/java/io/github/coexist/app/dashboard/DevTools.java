package io.github.coexist.app.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.app.json.Views;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One headless Chromium driven over the Chrome DevTools Protocol (its WebSocket, through the JDK's
 * client: no driver, no dependency), for tests that must measure the laid-out page, press its
 * controls and take screenshots. One page (tab); close it after the tests of a class.
 */
public final class DevTools implements AutoCloseable {
  private static final Duration CALL = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> waiting;

  private DevTools(Process process, WebSocket socket, Map<Integer, CompletableFuture<JsonNode>> waiting) {
    this.process = process;
    this.socket = socket;
    this.waiting = waiting;
  }

  /** Starts the browser found by {@link Chromium#find()} (the test is skipped without one), with one blank page. */
  public static DevTools start(Path dir) throws IOException, InterruptedException {
    Path binary = Chromium.find().orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(binary != null, "no headless browser found: install Debian's chromium"
        + " package (apt-get install chromium), or set COEXIST_CHROMIUM");
    Path profile = Files.createTempDirectory(dir, "profile");
    Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--hide-scrollbars", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
        .redirectErrorStream(true).redirectOutput(dir.resolve("browser.log").toFile()).start();
    try {
      Path portFile = profile.resolve("DevToolsActivePort");
      Instant deadline = Instant.now().plusSeconds(60);
      while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
        if (Instant.now().isAfter(deadline) || !process.isAlive()) {
          throw new IllegalStateException("the browser did not open its DevTools port: "
              + Files.readString(dir.resolve("browser.log")));
        }
        Thread.sleep(50);
      }
      int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
      JsonNode targets = Views.JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
      String page = null;
      for (JsonNode target : targets) {
        if (target.path("type").asText().equals("page")) {
          page = target.path("webSocketDebuggerUrl").asText();
        }
      }
      Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
      WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(page), new Answers(waiting))
          .get(30, TimeUnit.SECONDS);
      return new DevTools(process, socket, waiting);
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException(e);
    }
  }

  /** Hands each answer to the call waiting for its id; events are not needed. */
  private record Answers(Map<Integer, CompletableFuture<JsonNode>> waiting, StringBuilder text) implements WebSocket.Listener {
    Answers(Map<Integer, CompletableFuture<JsonNode>> waiting) {
      this(waiting, new StringBuilder());
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode node = Views.JSON.readTree(text.toString());
          CompletableFuture<JsonNode> future = node.has("id") ? waiting.remove(node.get("id").asInt()) : null;
          if (future != null) {
            future.complete(node);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } finally {
          text.setLength(0);
        }
      }
      webSocket.request(1);
      return null;
    }
  }

  /** Sends one DevTools command and answers its result; a protocol error fails the test. */
  public JsonNode call(String method, Map<String, Object> params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    waiting.put(id, answer);
    ObjectNode command = Views.JSON.createObjectNode().put("id", id).put("method", method);
    command.set("params", Views.JSON.valueToTree(params));
    socket.sendText(Views.text(command), true).join();
    JsonNode reply;
    try {
      reply = answer.get(CALL.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(method + " got no answer", e);
    }
    if (reply.has("error")) {
      throw new AssertionError(method + " failed: " + reply.get("error"));
    }
    return reply.path("result");
  }

  /** Sets the viewport, in CSS pixels (a phone under 600 px wide is emulated as mobile). */
  public void viewport(int width, int height) {
    call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
        "mobile", width < 600));
  }

  /** Shows times as a viewer in {@code zone} would see them. */
  public void timezone(String zone) {
    call("Emulation.setTimezoneOverride", Map.of("timezoneId", zone));
  }

  /** Loads {@code url} and waits until {@code ready} (a JavaScript expression) is true. */
  public void open(String url, String ready) {
    call("Page.navigate", Map.of("url", url));
    await(ready);
  }

  /** Waits up to 20 seconds for the JavaScript expression {@code condition} to be true. */
  public void await(String condition) {
    Instant deadline = Instant.now().plusSeconds(20);
    // a page still loading may have no body yet: that is "not yet", not a failure
    while (!eval("(() => { try { return !!(" + condition + "); } catch (e) { return false; } })()").asBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the page never reached: " + condition + "; its error: "
            + eval("document.body && document.body.getAttribute('data-error')").asText());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** The value of a JavaScript expression (awaited when it is a promise), as JSON. */
  public JsonNode eval(String expression) {
    JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
        "awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new AssertionError("the page threw on " + expression + ": " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** The texts of every element matching {@code selector}. */
  public List<String> texts(String selector) {
    JsonNode texts = eval("Array.from(document.querySelectorAll(" + Views.text(Views.JSON.getNodeFactory()
        .textNode(selector)) + ")).map(e => e.textContent.trim())");
    return Views.JSON.convertValue(texts, Views.JSON.getTypeFactory().constructCollectionType(List.class, String.class));
  }

  /** Writes a PNG of the whole page (beyond the viewport) to {@code file}. */
  public void screenshot(Path file) throws IOException {
    JsonNode size = call("Page.getLayoutMetrics", Map.of()).path("cssContentSize");
    JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
        "clip", Map.of("x", 0, "y", 0, "width", size.path("width").asDouble(), "height", size.path("height").asDouble(),
            "scale", 1)));
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
  }

  @Override
  public void close() {
    if (socket != null) {
      socket.abort();
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
