package io.github.coexist.adapters.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.adapters.jira.JiraConfig.ChangeField;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.ExternalKey;
import io.vavr.control.Either;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The parts of a change issue the adapter reads back ({@code GET /rest/api/3/issue/{id}}): its
 * keys, workflow status, change fields and the coexist property.
 *
 * @param key the issue's id and key
 * @param status the name of its workflow status
 * @param typeOption the option id of its change type, when set
 * @param riskOption the option id of its change risk, when set
 * @param plannedStart its planned start, when set
 * @param plannedEnd its planned end, when set
 * @param property the value of the coexist issue property, when the issue has it
 * @param resolution the name of its resolution, once it has one
 * @param updated when it last changed, as Jira wrote it: any change to the issue moves it on
 */
record IssueView(
    ExternalKey key,
    String status,
    Optional<String> typeOption,
    Optional<String> riskOption,
    Optional<Instant> plannedStart,
    Optional<Instant> plannedEnd,
    Optional<JsonNode> property,
    Optional<String> resolution,
    Optional<String> updated) {

  /** Jira's date-time format for writing date-time fields ({@code 2024-03-01T10:00:00.000+0000}). */
  static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  /** The query fields that {@link #parse} reads. */
  static String fields(ChangeFields ids) {
    return String.join(",", "status", "resolution", "labels", "updated", ids.id(ChangeField.CHANGE_TYPE),
        ids.id(ChangeField.CHANGE_RISK),
        ids.id(ChangeField.PLANNED_START), ids.id(ChangeField.PLANNED_END));
  }

  /** The view of an issue body; a body without id, key or status is the tool misbehaving. */
  static Either<CoexistError, IssueView> parse(JsonNode issue, ChangeFields ids, String property) {
    JsonNode fields = issue.path("fields");
    if (!issue.path("id").isTextual() || !issue.path("key").isTextual()
        || !fields.path("status").path("name").isTextual()) {
      return Either.left(new CoexistError.Unavailable(
          "jira answered an issue without id, key or status name"));
    }
    JsonNode prop = issue.path("properties").path(property);
    return Either.right(new IssueView(
        new ExternalKey("jira", issue.path("id").asText(), issue.path("key").asText()),
        fields.path("status").path("name").asText(),
        option(fields.path(ids.id(ChangeField.CHANGE_TYPE))),
        option(fields.path(ids.id(ChangeField.CHANGE_RISK))),
        instant(fields.path(ids.id(ChangeField.PLANNED_START))),
        instant(fields.path(ids.id(ChangeField.PLANNED_END))),
        prop.isObject() ? Optional.of(prop) : Optional.empty(),
        fields.path("resolution").path("name").isTextual()
            ? Optional.of(fields.path("resolution").path("name").asText()) : Optional.empty(),
        fields.path("updated").isTextual() ? Optional.of(fields.path("updated").asText()) : Optional.empty()));
  }

  private static Optional<String> option(JsonNode node) {
    return node.path("id").isTextual() ? Optional.of(node.path("id").asText()) : Optional.empty();
  }

  /** A Jira date-time value; unreadable text counts as unset (the tool's own format varies). */
  static Optional<Instant> instant(JsonNode node) {
    if (!node.isTextual()) {
      return Optional.empty();
    }
    String text = node.asText();
    try {
      return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ"))
          .toInstant());
    } catch (DateTimeParseException notJiraFormat) {
      try {
        return Optional.of(OffsetDateTime.parse(text).toInstant());
      } catch (DateTimeParseException unreadable) {
        return Optional.empty();
      }
    }
  }
}
