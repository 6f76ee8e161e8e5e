package io.github.coexist.adapters.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One call to a tool's API, relative to its base URI.
 *
 * @param method GET, POST, PUT, PATCH or DELETE
 * @param path the path below the base URI ({@code /api/now/table/change_request}), or a full URI
 *     on the base URI's host (a pagination {@code Link})
 * @param query query parameters, in order; values are encoded when sent
 * @param headers extra headers (content type and auth are added by the client)
 * @param body a JSON (or form) body for POST, PUT and PATCH
 * @param contentType the body's media type
 * @param idempotent whether repeating the call cannot do harm: only idempotent calls are retried
 *     after a server error or a lost connection (a 429 is retried either way: it was not processed)
 */
public record RemoteRequest(
    String method,
    String path,
    List<Map.Entry<String, String>> query,
    Map<String, String> headers,
    Optional<String> body,
    String contentType,
    boolean idempotent) {

  public RemoteRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = List.copyOf(query);
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(contentType, "contentType");
  }

  /** A GET of {@code path}: idempotent. */
  public static Builder get(String path) {
    return new Builder("GET", path, true);
  }

  /** A POST of {@code path} with a JSON body: not idempotent unless marked so. */
  public static Builder post(String path, String json) {
    return new Builder("POST", path, false).body(json);
  }

  /** A PUT of {@code path} with a JSON body: idempotent. */
  public static Builder put(String path, String json) {
    return new Builder("PUT", path, true).body(json);
  }

  /** A PATCH of {@code path} with a JSON body: idempotent when it sets fields to values. */
  public static Builder patch(String path, String json) {
    return new Builder("PATCH", path, true).body(json);
  }

  /** A DELETE of {@code path}: idempotent. */
  public static Builder delete(String path) {
    return new Builder("DELETE", path, true);
  }

  /** Builds a {@link RemoteRequest}. */
  public static final class Builder {
    private final String method;
    private final String path;
    private final List<Map.Entry<String, String>> query = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;
    private String contentType = "application/json";
    private boolean idempotent;

    private Builder(String method, String path, boolean idempotent) {
      this.method = method;
      this.path = path;
      this.idempotent = idempotent;
    }

    /** Adds a query parameter. */
    public Builder query(String name, String value) {
      query.add(Map.entry(name, value));
      return this;
    }

    /** Adds a header. */
    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** Sets the body. */
    public Builder body(String body) {
      this.body = body;
      return this;
    }

    /** Sets the body's media type ({@code application/json} unless set). */
    public Builder contentType(String type) {
      this.contentType = type;
      return this;
    }

    /** Marks whether the call is safe to repeat. */
    public Builder idempotent(boolean idempotent) {
      this.idempotent = idempotent;
      return this;
    }

    /** The request. */
    public RemoteRequest build() {
      return new RemoteRequest(method, path, query, headers, Optional.ofNullable(body), contentType, idempotent);
    }
  }
}
