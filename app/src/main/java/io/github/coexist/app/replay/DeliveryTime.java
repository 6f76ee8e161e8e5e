package io.github.coexist.app.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When GitHub sent a saved delivery, as near as its payload tells: the time of the thing that
 * happened (a deployment status's {@code created_at}, a push's head commit, a review's {@code
 * submitted_at}, ...). The replay's clock follows these times, so each delivery is decided as at
 * the time GitHub sent it. Events not listed here, and payloads without the field, name no time.
 */
final class DeliveryTime {
  /** Per event, the payload fields tried in order. */
  private static final Map<String, List<String>> FIELDS = Map.ofEntries(
      Map.entry("deployment_protection_rule", List.of("/deployment/created_at")),
      Map.entry("deployment", List.of("/deployment/created_at")),
      Map.entry("deployment_status", List.of("/deployment_status/created_at")),
      Map.entry("workflow_run", List.of("/workflow_run/updated_at")),
      Map.entry("check_suite", List.of("/check_suite/updated_at")),
      Map.entry("check_run", List.of("/check_run/completed_at", "/check_run/started_at")),
      Map.entry("pull_request", List.of("/pull_request/merged_at", "/pull_request/closed_at",
          "/pull_request/updated_at")),
      Map.entry("pull_request_review", List.of("/review/submitted_at")),
      Map.entry("push", List.of("/head_commit/timestamp")),
      Map.entry("issues", List.of("/issue/closed_at", "/issue/updated_at")),
      Map.entry("release", List.of("/release/published_at")),
      Map.entry("ping", List.of("/hook/updated_at", "/hook/created_at")));

  private DeliveryTime() {}

  /** The time the payload of {@code event} names, if any. */
  static Optional<Instant> of(String event, JsonNode payload) {
    for (String field : FIELDS.getOrDefault(event.toLowerCase(Locale.ROOT), List.of())) {
      Optional<Instant> at = parse(payload.at(field));
      if (at.isPresent()) {
        return at;
      }
    }
    return Optional.empty();
  }

  private static Optional<Instant> parse(JsonNode node) {
    if (!node.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(node.asText()).toInstant()); // GitHub writes Z or an offset
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
