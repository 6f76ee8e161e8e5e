package io.github.coexist.adapters.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.RemoteResponse;
import io.github.coexist.adapters.http.ResponsePolicy;
import io.github.coexist.adapters.http.StatusPolicy;
import io.github.coexist.core.error.CoexistError;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * How ServiceNow says "no": the status mapping of {@link StatusPolicy}, with the message taken
 * from ServiceNow's error body {@code {"error":{"message","detail"},"status":"failure"}} (or the
 * OAuth endpoint's {@code {"error","error_description"}}), and a 2xx answer that carries {@code
 * "status":"failure"} read as the conflict it is rather than as a success.
 */
final class ServiceNowPolicy implements ResponsePolicy {
  static final String TOOL = "ServiceNow";
  private final StatusPolicy status;

  ServiceNowPolicy(Clock clock) {
    this.status = new StatusPolicy(TOOL, clock, ServiceNowPolicy::message);
  }

  @Override
  public Optional<CoexistError> errorFor(RemoteResponse response) {
    if (response.isSuccess()) {
      if (response.body().contains("\"failure\"")) {
        Optional<JsonNode> body = parse(response.body());
        if (body.isPresent() && "failure".equals(body.get().path("status").asText())) {
          return Optional.of(new CoexistError.Conflict(TOOL + " answered " + response.status()
              + " but reported a failure" + message(response).map(m -> ": " + m).orElse("")));
        }
      }
      return Optional.empty();
    }
    return status.errorFor(response);
  }

  /** The error text of a ServiceNow error body, cut to a readable length. */
  static Optional<String> message(RemoteResponse response) {
    Optional<JsonNode> body = parse(response.body());
    if (body.isEmpty()) {
      String text = response.body().strip();
      if (text.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(text.startsWith("<") ? "(an HTML page instead of JSON)" : StatusPolicy.shorten(text, 200));
    }
    JsonNode error = body.get().path("error");
    if (error.isObject()) {
      String message = error.path("message").asText("");
      String detail = error.path("detail").asText("");
      String joined = detail.isBlank() || detail.equals(message) ? message : message + " (" + detail + ")";
      return joined.isBlank() ? Optional.empty() : Optional.of(StatusPolicy.shorten(joined, 300));
    }
    if (error.isTextual()) {
      String description = body.get().path("error_description").asText("");
      return Optional.of(StatusPolicy.shorten(
          error.asText() + (description.isBlank() ? "" : " (" + description + ")"), 300));
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> parse(String body) {
    if (body.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(Json.MAPPER.readTree(body)).filter(JsonNode::isObject);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
