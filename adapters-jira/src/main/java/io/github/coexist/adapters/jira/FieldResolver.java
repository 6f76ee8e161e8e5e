package io.github.coexist.adapters.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.adapters.http.RemoteRequest;
import io.github.coexist.adapters.jira.JiraConfig.ChangeField;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.risk.RiskLevel;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the site-specific ids of the change fields in the create metadata ({@code GET
 * /rest/api/3/issue/createmeta/{project}/issuetypes[/{issueTypeId}]}, the endpoints that replaced
 * the deprecated expanded createmeta). Fields are found by name unless configured by id; every
 * missing field, ambiguous name and missing option is reported in one error.
 */
final class FieldResolver {
  private static final int PAGE = 50;
  private static final int MAX_PAGES = 40;
  private final JiraHttp http;
  private final JiraSettings settings;

  FieldResolver(JiraHttp http, JiraSettings settings) {
    this.http = http;
    this.settings = settings;
  }

  Either<CoexistError, ChangeFields> resolve() {
    String base = "/rest/api/3/issue/createmeta/" + JiraHttp.segment(settings.project) + "/issuetypes";
    return pages(base, "issueTypes")
        .flatMap(types -> issueType(types))
        .flatMap(typeId -> pages(base + "/" + JiraHttp.segment(typeId), "fields")
            .flatMap(fields -> fields(typeId, fields)));
  }

  private Either<CoexistError, String> issueType(List<JsonNode> types) {
    List<String> names = new ArrayList<>();
    for (JsonNode type : types) {
      String name = type.path("name").asText("");
      names.add(name);
      if (name.equalsIgnoreCase(settings.issueType) && type.path("id").isTextual()) {
        return Either.right(type.path("id").asText());
      }
    }
    return Either.left(CoexistError.invalid("project " + settings.project + " has no issue type '"
        + settings.issueType + "' this account may create (it has " + names + "); set "
        + JiraSettings.describe(settings.config, "issue-type")));
  }

  private Either<CoexistError, ChangeFields> fields(String typeId, List<JsonNode> fields) {
    List<String> problems = new ArrayList<>();
    Map<ChangeField, JsonNode> found = new EnumMap<>(ChangeField.class);
    for (ChangeField field : ChangeField.values()) {
      if (field == ChangeField.AFFECTED_SERVICES && !settings.affectedServices) {
        continue;
      }
      find(field, fields, problems).ifPresent(node -> found.put(field, node));
    }
    Map<ChangeType, String> types = options(found.get(ChangeField.CHANGE_TYPE), ChangeType.values(),
        settings.typeOptions::get, t -> "option.change-type." + t.name().toLowerCase(Locale.ROOT), problems);
    Map<RiskLevel, String> risks = options(found.get(ChangeField.CHANGE_RISK), RiskLevel.values(),
        settings.riskOptions::get, r -> "option.change-risk." + r.name().toLowerCase(Locale.ROOT).replace('_', '-'),
        problems);
    if (!problems.isEmpty()) {
      problems.add(0, "the change fields of " + settings.issueType + " in " + settings.project
          + " could not all be found on the create screen");
      return Either.left(new CoexistError.InvalidInput(io.vavr.collection.List.ofAll(problems)));
    }
    Map<ChangeField, String> ids = new EnumMap<>(ChangeField.class);
    found.forEach((field, node) -> ids.put(field, node.path("fieldId").asText(node.path("key").asText())));
    return Either.right(new ChangeFields(typeId, ids, types, risks));
  }

  private Optional<JsonNode> find(ChangeField field, List<JsonNode> fields, List<String> problems) {
    String idKey = JiraSettings.describe(settings.config, "field." + field.key() + ".id");
    String configuredId = settings.fieldIds.get(field);
    List<JsonNode> matches = new ArrayList<>();
    for (JsonNode f : fields) {
      String id = f.path("fieldId").asText(f.path("key").asText(""));
      boolean match = configuredId != null
          ? id.equals(configuredId)
          : f.path("name").asText("").equalsIgnoreCase(settings.fieldNames.get(field));
      if (match) {
        matches.add(f);
      }
    }
    if (matches.isEmpty()) {
      problems.add(configuredId != null
          ? "field id " + configuredId + " (" + idKey + ") is not on the create screen"
          : "no field named '" + settings.fieldNames.get(field) + "' is on the create screen; add it, or set "
              + idKey + " to its id");
      return Optional.empty();
    }
    if (matches.size() > 1) {
      problems.add("several fields are named '" + settings.fieldNames.get(field) + "' ("
          + matches.stream().map(m -> m.path("fieldId").asText()).toList() + "); set " + idKey + " to one of them");
      return Optional.empty();
    }
    JsonNode match = matches.get(0);
    String type = match.path("schema").path("type").asText("");
    String expected = switch (field) {
      case CHANGE_TYPE, CHANGE_RISK -> "option";
      case PLANNED_START, PLANNED_END -> "datetime";
      case AFFECTED_SERVICES -> "array";
    };
    if (!type.isEmpty() && !type.equals(expected)) {
      problems.add("field '" + match.path("name").asText() + "' (" + match.path("fieldId").asText()
          + ") holds " + type + ", not " + expected + "; set " + idKey + " to the right field");
      return Optional.empty();
    }
    return Optional.of(match);
  }

  private <E extends Enum<E>> Map<E, String> options(JsonNode field, E[] values, Function<E, String> name,
      Function<E, String> key, List<String> problems) {
    Map<E, String> ids = new java.util.HashMap<>();
    if (field == null) {
      return ids;
    }
    List<String> offered = new ArrayList<>();
    field.path("allowedValues").forEach(o -> offered.add(o.path("value").asText("")));
    for (E value : values) {
      String wanted = name.apply(value);
      Optional<String> id = java.util.stream.StreamSupport.stream(field.path("allowedValues").spliterator(), false)
          .filter(o -> o.path("value").asText("").equalsIgnoreCase(wanted) && o.path("id").isTextual())
          .map(o -> o.path("id").asText()).findFirst();
      if (id.isPresent()) {
        ids.put(value, id.get());
      } else {
        problems.add("field '" + field.path("name").asText() + "' has no option '" + wanted + "' (it offers "
            + offered + "); set " + JiraSettings.describe(settings.config, key.apply(value)));
      }
    }
    return ids;
  }

  /** Every item of a startAt-paged createmeta list. */
  private Either<CoexistError, List<JsonNode>> pages(String path, String itemsKey) {
    List<JsonNode> items = new ArrayList<>();
    int startAt = 0;
    for (int page = 0; page < MAX_PAGES; page++) {
      Either<CoexistError, JsonNode> body = http.call(RemoteRequest.get(path)
          .query("startAt", Integer.toString(startAt)).query("maxResults", Integer.toString(PAGE)).build());
      if (body.isLeft()) {
        return Either.left(body.getLeft());
      }
      JsonNode list = body.get().has(itemsKey) ? body.get().path(itemsKey) : body.get().path("values");
      if (!list.isArray()) {
        return Either.left(new CoexistError.Unavailable("jira answered " + path + " without a list of " + itemsKey));
      }
      list.forEach(items::add);
      int total = body.get().path("total").asInt(items.size());
      if (list.isEmpty() || items.size() >= total) {
        return Either.right(items);
      }
      startAt = items.size();
    }
    return Either.right(items);
  }
}
