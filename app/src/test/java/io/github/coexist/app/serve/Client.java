package io.github.coexist.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.app.Waiting;
import io.github.coexist.app.json.Views;
import io.github.coexist.standins.github.GitHubDeliveries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** A real HTTP client for a running server, with the few calls the tests make. */
final class Client {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** The page size {@link #all} asks for: the largest every list takes. */
  private static final int PAGE = 200;
  private final URI base;
  private final Map<String, String> readHeaders;

  Client(URI base) {
    this(base, Map.of());
  }

  /** A client whose GETs carry {@code readHeaders} (a read token); posts carry only what each is given. */
  Client(URI base, Map<String, String> readHeaders) {
    this.base = base;
    this.readHeaders = Map.copyOf(readHeaders);
  }

  /** An answer: status, headers and body. */
  record Answer(int status, String contentType, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return Views.JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  Answer get(String path) {
    return get(path, readHeaders);
  }

  /** A GET with {@code headers} only. */
  Answer get(String path, Map<String, String> headers) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET(), headers);
  }

  Answer post(String path, String body, Map<String, String> headers) {
    return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  Answer post(String path, byte[] body, Map<String, String> headers) {
    return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers);
  }

  Answer send(String method, String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody()), Map.of());
  }

  /**
   * Every item of the list at {@code path} ({@code /api/changes?service=x}) under {@code items}
   * ({@code changes}), page after page of the largest size, following each page's {@code next}.
   */
  java.util.List<JsonNode> all(String path, String items) {
    java.util.List<JsonNode> all = new java.util.ArrayList<>();
    String first = path + (path.contains("?") ? "&" : "?") + "limit=" + PAGE;
    for (JsonNode page = get(first).json(); ; ) {
      page.path(items).forEach(all::add);
      if (!page.path("next").isTextual()) {
        return all;
      }
      page = get(first + "&cursor=" + page.path("next").asText()).json();
    }
  }

  /** Posts a GitHub delivery as GitHub does. */
  Answer deliver(GitHubDeliveries.SignedDelivery delivery) {
    return post("/webhooks/github", delivery.body(), delivery.headers());
  }

  private Answer send(HttpRequest.Builder request, Map<String, String> headers) {
    headers.forEach((name, value) -> {
      if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("user-agent")) {
        request.header(name, value);
      }
    });
    try {
      HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
          response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits for asynchronous work over real HTTP: polls every 10 ms, up to 10 seconds. */
  static void await(String what, BooleanSupplier done) {
    Waiting.until(what, Duration.ofSeconds(10), done);
  }

}
