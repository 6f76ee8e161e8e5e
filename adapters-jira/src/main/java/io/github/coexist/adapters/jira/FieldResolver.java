package io.github.coexist.adapters.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coexist.adapters.http.RemoteRequest;
import io.github.coexist.core.error.CoexistError;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds site-specific field ids in the create metadata ({@code GET
 * /rest/api/3/issue/createmeta/{project}/issuetypes[/{issueTypeId}]}, the endpoints that replaced
 * the deprecated expanded createmeta). Fields are found by name unless configured by id, and
 * select options by name; every missing field, ambiguous name, wrong type and missing option is
 * reported in one error, each with the setting that fixes it, and so is every required field a
 * create would leave empty.
 */
final class FieldResolver {
  private static final int PAGE = 50;
  private static final int MAX_PAGES = 40;
  private final JiraHttp http;
  private final JiraSettings settings;

  /**
   * One field to find.
   *
   * @param key the field's settings key ({@code change-risk}): {@code field.<key>.name|id}
   * @param name the name it is found by
   * @param id the configured id, which wins over the name
   * @param type the schema type it must have ({@code option}, {@code datetime}, {@code array})
   * @param options for select fields, each option's settings key and the names it is written
   *     (the first) and read (all) as; the settings key is {@code option.<key>.<option>}
   */
  record Spec(String key, String name, Optional<String> id, String type, Map<String, List<String>> options) {}

  /**
   * A field found: its id, and for each option key the ids of its names (the first is written).
   *
   * @param id the field id
   * @param options option ids by option key
   */
  record Found(String id, Map<String, List<String>> options) {
    /** The option key whose ids include {@code optionId}. */
    Optional<String> optionKey(String optionId) {
      return options.entrySet().stream().filter(e -> e.getValue().contains(optionId)).map(Map.Entry::getKey).findFirst();
    }

    /** The id written for {@code optionKey}. */
    String write(String optionKey) {
      return options.get(optionKey).get(0);
    }
  }

  FieldResolver(JiraHttp http, JiraSettings settings) {
    this.http = http;
    this.settings = settings;
  }

  /** The id of issue type {@code typeName} in the project ({@code setting} names where it is configured). */
  Either<CoexistError, String> issueType(String typeName, String setting) {
    return pages(base(), "issueTypes").flatMap(types -> {
      List<String> names = new ArrayList<>();
      for (JsonNode type : types) {
        String name = type.path("name").asText("");
        names.add(name);
        if (name.equalsIgnoreCase(typeName) && type.path("id").isTextual()) {
          return Either.right(type.path("id").asText());
        }
      }
      return Either.left(CoexistError.invalid("project " + settings.project + " has no issue type '" + typeName
          + "' this account may create (it has " + names + "); set " + JiraSettings.describe(settings.config, setting)));
    });
  }

  /** Every field of {@code specs} on the create screen of issue type {@code typeId}, or every problem. */
  Either<CoexistError, Map<String, Found>> fields(String typeId, String typeName, List<Spec> specs) {
    return fields(typeId, typeName, specs, Optional.empty());
  }

  /**
   * As {@link #fields(String, String, List)}, and when {@code written} is given (the system
   * fields the create sends besides the fields of {@code specs}) also every field createmeta marks
   * {@code required} that has no default value and that the create would not fill: Jira would
   * refuse every create with 400, so start-up names them instead.
   */
  Either<CoexistError, Map<String, Found>> fields(String typeId, String typeName, List<Spec> specs,
      Optional<Set<String>> written) {
    return pages(base() + "/" + JiraHttp.segment(typeId), "fields").flatMap(fields -> {
      List<String> problems = new ArrayList<>();
      Map<String, Found> found = new LinkedHashMap<>();
      for (Spec spec : specs) {
        find(spec, fields, problems).ifPresent(node -> found.put(spec.key(),
            new Found(node.path("fieldId").asText(node.path("key").asText()), options(spec, node, problems))));
      }
      written.ifPresent(system -> unfilled(fields, system, found, typeName, problems));
      if (!problems.isEmpty()) {
        problems.add(0, "the fields of " + typeName + " in " + settings.project
            + " could not all be found on the create screen");
        return Either.left(new CoexistError.InvalidInput(io.vavr.collection.List.ofAll(problems)));
      }
      return Either.right(found);
    });
  }

  private void unfilled(List<JsonNode> fields, Set<String> system, Map<String, Found> found, String typeName,
      List<String> problems) {
    Set<String> filled = new HashSet<>(system);
    found.values().forEach(f -> filled.add(f.id()));
    for (JsonNode f : fields) {
      String id = f.path("fieldId").asText(f.path("key").asText(""));
      if (f.path("required").asBoolean(false) && !f.path("hasDefaultValue").asBoolean(false) && !filled.contains(id)) {
        problems.add("field '" + f.path("name").asText(id) + "' (" + id + ") is required to create a " + typeName
            + " in " + settings.project + " and coexist does not fill it; make it optional or give it a default "
            + "value in the project's field configuration");
      }
    }
  }

  private String base() {
    return "/rest/api/3/issue/createmeta/" + JiraHttp.segment(settings.project) + "/issuetypes";
  }

  private Optional<JsonNode> find(Spec spec, List<JsonNode> fields, List<String> problems) {
    String idKey = JiraSettings.describe(settings.config, "field." + spec.key() + ".id");
    List<JsonNode> matches = new ArrayList<>();
    for (JsonNode f : fields) {
      String id = f.path("fieldId").asText(f.path("key").asText(""));
      if (spec.id().map(id::equals).orElseGet(() -> f.path("name").asText("").equalsIgnoreCase(spec.name()))) {
        matches.add(f);
      }
    }
    if (matches.isEmpty()) {
      problems.add(spec.id().isPresent()
          ? "field id " + spec.id().get() + " (" + idKey + ") is not on the create screen"
          : "no field named '" + spec.name() + "' is on the create screen; add it, or set " + idKey + " to its id");
      return Optional.empty();
    }
    if (matches.size() > 1) {
      problems.add("several fields are named '" + spec.name() + "' ("
          + matches.stream().map(m -> m.path("fieldId").asText()).toList() + "); set " + idKey + " to one of them");
      return Optional.empty();
    }
    JsonNode match = matches.get(0);
    String type = match.path("schema").path("type").asText("");
    if (!type.isEmpty() && !type.equals(spec.type())) {
      problems.add("field '" + match.path("name").asText() + "' (" + match.path("fieldId").asText()
          + ") holds " + type + ", not " + spec.type() + "; set " + idKey + " to the right field");
      return Optional.empty();
    }
    return Optional.of(match);
  }

  private Map<String, List<String>> options(Spec spec, JsonNode field, List<String> problems) {
    Map<String, List<String>> ids = new LinkedHashMap<>();
    List<String> offered = new ArrayList<>();
    field.path("allowedValues").forEach(o -> offered.add(label(o)));
    spec.options().forEach((optionKey, names) -> {
      List<String> found = new ArrayList<>();
      for (String wanted : names) {
        for (JsonNode o : field.path("allowedValues")) {
          if (label(o).equalsIgnoreCase(wanted) && o.path("id").isTextual()) {
            found.add(o.path("id").asText());
          }
        }
      }
      if (found.isEmpty()) {
        problems.add("field '" + field.path("name").asText() + "' has no option '" + names.get(0) + "' (it offers "
            + offered + "); set " + JiraSettings.describe(settings.config, "option." + spec.key() + "." + optionKey));
      } else {
        ids.put(optionKey, found);
      }
    });
    return ids;
  }

  /** An option's name: {@code value} for select lists, {@code name} for priorities. */
  private static String label(JsonNode option) {
    return option.path("value").asText(option.path("name").asText(""));
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
