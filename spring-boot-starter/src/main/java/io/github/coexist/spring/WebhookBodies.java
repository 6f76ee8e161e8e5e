package io.github.coexist.spring;

import io.github.coexist.adapters.http.ErrorStatus;
import io.github.coexist.core.error.CoexistError;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** What both webhook endpoints do with a request before their tool's adapter reads it. */
final class WebhookBodies {
  /** GitHub caps a delivery at 25 MB; nothing larger is read into memory. */
  static final int LIMIT = 25 * 1024 * 1024;

  private WebhookBodies() {}

  /** The body, or nothing when it is larger than {@link #LIMIT}. */
  static java.util.Optional<byte[]> read(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(LIMIT + 1);
    return bytes.length > LIMIT ? java.util.Optional.empty() : java.util.Optional.of(bytes);
  }

  /** The request's headers, looked up by name whatever their case, one value each. */
  static Map<String, String> headers(HttpHeaders headers) {
    Map<String, String> single = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> single.put(name, String.join(",", values)));
    return single;
  }

  /** The answer to a body over the limit. */
  static ResponseEntity<Map<String, Object>> tooLarge() {
    return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(Map.of("error", "too_large",
        "message", "a delivery is at most " + LIMIT + " bytes"));
  }

  /** The answer to a core error: its HTTP status, and a JSON body naming it. */
  static ResponseEntity<Map<String, Object>> error(CoexistError error) {
    return error(ErrorStatus.of(error), error);
  }

  /** The answer to a core error with {@code status}. */
  static ResponseEntity<Map<String, Object>> error(int status, CoexistError error) {
    return ResponseEntity.status(status).body(Map.of("error", ErrorStatus.kind(error), "message", error.message()));
  }
}
