package io.github.coexist.adapters.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.adapters.http.RemoteResponse;
import io.github.coexist.adapters.http.ResponsePolicy;
import io.github.coexist.adapters.http.RetryAfter;
import io.github.coexist.adapters.http.StatusPolicy;
import io.github.coexist.core.error.CoexistError;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How Jira says "no". The platform API answers {@code {errorMessages: [...], errors: {field:
 * message}}}, the service desk API {@code {errorMessage, i18nErrorMessage}}; both are read, and
 * a 400 lists every field problem. Jira's quirks come first: a 503 with {@code Retry-After} is
 * load shedding and waits like a 429; a 410 is an endpoint Atlassian removed (the old search).
 */
final class JiraErrors implements ResponsePolicy {
  private static final int MAX_TEXT = 300;
  private final Clock clock;
  private final StatusPolicy usual;

  JiraErrors(Clock clock) {
    this.clock = clock;
    this.usual = new StatusPolicy("jira", clock, response -> {
      List<String> messages = messages(response);
      return messages.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", messages));
    });
  }

  @Override
  public Optional<CoexistError> errorFor(RemoteResponse response) {
    int status = response.status();
    if (response.isSuccess()) {
      return Optional.empty();
    }
    List<String> messages = messages(response);
    String detail = "jira answered " + status + (messages.isEmpty() ? "" : ": " + String.join("; ", messages));
    if ((status == 400 || status == 422) && !messages.isEmpty()) {
      return Optional.of(new CoexistError.InvalidInput(
          io.vavr.collection.List.ofAll(messages).map(m -> "jira: " + m)));
    }
    if (status == 410) {
      return Optional.of(new CoexistError.NotFound("removed Jira API", detail
          + " (Atlassian removed this endpoint; search goes through /rest/api/3/search/jql)"));
    }
    if (status == 503 && response.header("retry-after").isPresent()) {
      return Optional.of(new CoexistError.RateLimited(RetryAfter.from(response, clock), detail));
    }
    if (status == 429) {
      String reason = response.header("ratelimit-reason").map(r -> " [" + r + "]").orElse("");
      return Optional.of(new CoexistError.RateLimited(RetryAfter.from(response, clock), detail + reason));
    }
    return usual.errorFor(response);
  }

  /** Every message of a Jira error body, platform or service desk shape; the raw text otherwise. */
  static List<String> messages(RemoteResponse response) {
    List<String> out = new ArrayList<>();
    if (response.body().isBlank()) {
      return out;
    }
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      out.add(StatusPolicy.shorten(response.body().strip(), MAX_TEXT));
      return out;
    }
    if (body == null || !body.isObject()) {
      out.add(StatusPolicy.shorten(response.body().strip(), MAX_TEXT));
      return out;
    }
    body.path("errorMessages").forEach(m -> {
      if (m.isTextual() && !m.asText().isBlank()) {
        out.add(StatusPolicy.shorten(m.asText(), MAX_TEXT));
      }
    });
    body.path("errors").fields().forEachRemaining(e ->
        out.add(e.getKey() + ": " + StatusPolicy.shorten(e.getValue().asText(), MAX_TEXT)));
    Json.text(body, "/errorMessage").ifPresent(m -> out.add(StatusPolicy.shorten(m, MAX_TEXT)));
    if (out.isEmpty()) {
      Json.text(body, "/message").ifPresent(m -> out.add(StatusPolicy.shorten(m, MAX_TEXT)));
    }
    return out;
  }
}
