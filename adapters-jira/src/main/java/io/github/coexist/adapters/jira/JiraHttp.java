package io.github.coexist.adapters.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.RemoteClient;
import io.github.coexist.adapters.http.RemoteRequest;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;

/** JSON calls to Jira through the shared {@link RemoteClient}. Thread-safe. */
final class JiraHttp {
  private static final int MAX_PAGES = 20;
  private final RemoteClient client;

  JiraHttp(RemoteClient client) {
    this.client = client;
  }

  /** Sends {@code request}; the parsed body, or JSON null for an empty one (204). */
  Either<CoexistError, JsonNode> call(RemoteRequest request) {
    return client.send(request.headers().containsKey("Accept") ? request : withAccept(request))
        .flatMap(response -> response.body().isBlank()
            ? Either.right(NullNode.getInstance())
            : Json.parseResponse(response, "jira"));
  }

  /** Every value of a service desk list, paged by {@code start} and {@code isLastPage}. */
  Either<CoexistError, List<JsonNode>> serviceDeskPages(String path) {
    List<JsonNode> all = new ArrayList<>();
    int start = 0;
    for (int page = 0; page < MAX_PAGES; page++) {
      Either<CoexistError, JsonNode> body = call(RemoteRequest.get(path).query("start", Integer.toString(start))
          .query("limit", "50").build());
      if (body.isLeft()) {
        return Either.left(body.getLeft());
      }
      JsonNode values = body.get().path("values");
      if (!values.isArray()) {
        return Either.left(new CoexistError.Unavailable("jira answered " + path + " without a list of values"));
      }
      values.forEach(all::add);
      if (body.get().path("isLastPage").asBoolean(true) || values.isEmpty()) {
        break;
      }
      start += values.size();
    }
    return Either.right(all);
  }

  RemoteClient client() {
    return client;
  }

  /** {@code segment} encoded for use as one path segment. */
  static String segment(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static RemoteRequest withAccept(RemoteRequest r) {
    java.util.Map<String, String> headers = new java.util.LinkedHashMap<>(r.headers());
    headers.put("Accept", "application/json");
    return new RemoteRequest(r.method(), r.path(), r.query(), headers, r.body(), r.contentType(), r.idempotent());
  }
}
