package io.github.coexist.adapters.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.adapters.http.Json;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.Priority;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.problem.Problem;
import io.github.coexist.core.problem.ProblemState;
import io.github.coexist.core.problem.RecordedProblem;
import io.github.coexist.core.problem.Resolution;
import io.vavr.control.Either;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A problem issue as the adapter reads it back ({@code GET /rest/api/3/issue/{id}} with status,
 * labels, priority and links, and the coexist problem property), and the property value a problem
 * should have: its record key, and once known its root cause and workaround (a known error), fix
 * and resolution, which Jira has no standard fields for.
 *
 * @param key the id and key
 * @param status the name of its workflow status
 * @param fields its fields as Jira answered them
 * @param property the value of the coexist problem property; an empty object when it has none
 */
record ProblemView(ExternalKey key, String status, JsonNode fields, ObjectNode property) {

  /** The view of an issue body; a body without id, key or status is the tool misbehaving. */
  static Either<CoexistError, ProblemView> parse(JsonNode body, String property) {
    JsonNode status = body.path("fields").path("status").path("name");
    if (!body.path("id").isTextual() || !body.path("key").isTextual() || !status.isTextual()) {
      return Either.left(new CoexistError.Unavailable("jira answered an issue without id, key or status name"));
    }
    JsonNode prop = body.path("properties").path(property);
    return Either.right(new ProblemView(new ExternalKey("jira", body.path("id").asText(), body.path("key").asText()),
        status.asText(), body.path("fields"), prop.isObject() ? (ObjectNode) prop : Json.MAPPER.createObjectNode()));
  }

  /** The property value {@code problem} should have. */
  static ObjectNode property(Problem problem) {
    ObjectNode value = Json.MAPPER.createObjectNode().put("key", problem.recordKey().value())
        .put("problemId", problem.id().value()).put("service", problem.service().value())
        .put("knownError", problem.knownError().isPresent());
    problem.knownError().ifPresent(known -> value.put("rootCause", known.rootCause())
        .put("workaround", known.workaround()));
    problem.fix().ifPresent(fix -> value.put("fix", fix.value()));
    if (problem.state() == ProblemState.CLOSED) {
      problem.resolution().ifPresent(r -> value.put("resolution", r.name()));
      problem.resolutionNotes().ifPresent(notes -> value.put("resolutionNotes", notes));
    }
    return value;
  }

  /** The labels the issue carries. */
  Set<String> labels() {
    Set<String> labels = new HashSet<>();
    fields.path("labels").forEach(l -> labels.add(l.asText()));
    return labels;
  }

  /** The ids of the issues it is linked to. */
  Set<String> linked() {
    Set<String> ids = new HashSet<>();
    for (JsonNode link : fields.path("issuelinks")) {
      ids.add(link.path("outwardIssue").path("id").asText(link.path("inwardIssue").path("id").asText("")));
    }
    return ids;
  }

  /** The problem as Jira holds it, its state found from its status with {@code statuses}. */
  Either<CoexistError, RecordedProblem> recorded(Map<ProblemState, String> statuses, FieldResolver.Found priority) {
    Optional<ProblemState> state = statuses.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(status))
        .map(Map.Entry::getKey).findFirst();
    if (state.isEmpty()) {
      return Either.left(CoexistError.invalid("problem " + key.display() + " is in Jira status '" + status
          + "', which stands for no problem state; map it with coexist.jira.problem.status.<state>"));
    }
    String option = fields.path(priority.id()).path("id").asText("");
    Optional<Priority> level = priority.optionKey(option)
        .map(k -> Priority.valueOf(k.toUpperCase(Locale.ROOT).replace('-', '_')));
    if (level.isEmpty()) {
      return Either.left(CoexistError.invalid("problem " + key.display() + " has "
          + (option.isEmpty() ? "no priority" : "priority " + option + ", which coexist does not map")
          + "; set coexist.jira.option.priority.<priority>"));
    }
    Optional<String> workaround = text("workaround");
    Optional<Resolution> resolution = state.get() == ProblemState.CLOSED
        ? text("resolution").flatMap(ProblemView::resolution) : Optional.empty();
    return Either.right(new RecordedProblem(key, state.get(), level.get(), property.path("knownError").asBoolean(false),
        workaround, resolution));
  }

  private Optional<String> text(String name) {
    JsonNode value = property.path(name);
    return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
  }

  private static Optional<Resolution> resolution(String name) {
    try {
      return Optional.of(Resolution.valueOf(name));
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }
}
