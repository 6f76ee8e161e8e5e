package io.github.coexist.adapters.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A tool's answer: status, headers (looked up case-insensitively) and body text.
 *
 * @param status the HTTP status code
 * @param headers the response headers, names lower-cased
 * @param body the body as text (empty when there was none)
 */
public record RemoteResponse(int status, Map<String, List<String>> headers, String body) {
  public RemoteResponse {
    Map<String, List<String>> lower = new TreeMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    headers = java.util.Collections.unmodifiableMap(lower);
    Objects.requireNonNull(body, "body");
  }

  /** The first value of header {@code name}, if present. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Whether the status is 2xx. */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
