package io.github.coexist.standins.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields on the stand-in's create screen, with site-specific custom field ids, and the checks
 * Jira makes on the values written to them: unknown fields, option ids, date-time format, rich
 * text as Atlassian Document Format, labels without spaces, known services.
 */
final class SiteFields {
  static final DateTimeFormatter JIRA_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An option of a select field. */
  record Option(String id, String value) {}

  /** One field as createmeta describes it. */
  record Field(String id, String name, String type, String items, String system, String custom, boolean required,
      List<Option> options) {}

  private final List<Field> fields = new ArrayList<>();
  private final Set<String> services;

  SiteFields(Map<String, String> idOverrides, Set<String> omitted, Map<String, String> duplicates,
      Map<String, Map<String, String>> optionRenames, Set<String> services) {
    this.services = Set.copyOf(services);
    system("summary", "Summary", "string", true);
    system("issuetype", "Issue Type", "issuetype", true);
    system("project", "Project", "project", true);
    system("description", "Description", "string", false);
    fields.add(new Field("labels", "Labels", "array", "string", "labels", null, false, List.of()));
    fields.add(new Field("priority", "Priority", "priority", null, "priority", null, false,
        options("1", "Highest", "2", "High", "3", "Medium", "4", "Low", "5", "Lowest")));
    custom("customfield_10042", "Change type", "option", "select",
        options("10100", "Standard", "10101", "Normal", "10102", "Emergency"));
    custom("customfield_10047", "Change risk", "option", "select",
        options("10110", "Low", "10111", "Medium", "10112", "High", "10113", "Critical"));
    custom("customfield_10051", "Planned start", "datetime", "datetime", List.of());
    custom("customfield_10052", "Planned end", "datetime", "datetime", List.of());
    fields.add(new Field("customfield_10060", "Affected services", "array", "service-entity", null,
        "com.atlassian.jira.plugins.service-entity:service-entity-field-cftype", false, List.of()));
    custom("customfield_10061", "Change reason", "option", "select",
        options("10120", "Repair", "10121", "Upgrade", "10122", "New functionality", "10123", "Maintenance"));
    custom("customfield_10062", "Impact", "option", "select",
        options("10130", "Extensive", "10131", "Significant", "10132", "Moderate", "10133", "Minor"));
    custom("customfield_10063", "Urgency", "option", "select",
        options("10140", "Critical", "10141", "High", "10142", "Medium", "10143", "Low"));
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      List<Option> opts = f.options().stream()
          .map(o -> new Option(o.id(), optionRenames.getOrDefault(f.name(), Map.of()).getOrDefault(o.value(), o.value())))
          .toList();
      fields.set(i, new Field(idOverrides.getOrDefault(f.name(), f.id()), f.name(), f.type(), f.items(), f.system(),
          f.custom(), f.required(), opts));
    }
    fields.removeIf(f -> omitted.contains(f.name()));
    duplicates.forEach((name, id) -> fields.stream().filter(f -> f.name().equals(name)).findFirst()
        .ifPresent(f -> fields.add(new Field(id, f.name(), f.type(), f.items(), null, f.custom(), false, f.options()))));
  }

  private void system(String id, String name, String type, boolean required) {
    fields.add(new Field(id, name, type, null, id, null, required, List.of()));
  }

  private void custom(String id, String name, String type, String kind, List<Option> options) {
    fields.add(new Field(id, name, type, null, null, "com.atlassian.jira.plugin.system.customfieldtypes:" + kind,
        false, options));
  }

  private static List<Option> options(String... idValue) {
    List<Option> out = new ArrayList<>();
    for (int i = 0; i < idValue.length; i += 2) {
      out.add(new Option(idValue[i], idValue[i + 1]));
    }
    return out;
  }

  List<Field> all() {
    return List.copyOf(fields);
  }

  Optional<Field> byId(String id) {
    return fields.stream().filter(f -> f.id().equals(id)).findFirst();
  }

  Optional<Field> byName(String name) {
    return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
  }

  /** The createmeta view of one field. */
  ObjectNode describe(Field f, String base) {
    ObjectNode node = JSON.createObjectNode().put("required", f.required());
    ObjectNode schema = node.putObject("schema").put("type", f.type());
    if (f.items() != null) {
      schema.put("items", f.items());
    }
    if (f.system() != null) {
      schema.put("system", f.system());
    }
    if (f.custom() != null) {
      schema.put("custom", f.custom()).put("customId", Long.parseLong(f.id().substring("customfield_".length())));
    }
    node.put("name", f.name()).put("key", f.id()).put("fieldId", f.id()).put("hasDefaultValue", false);
    node.putArray("operations").add("set");
    if (!f.options().isEmpty()) {
      ArrayNode allowed = node.putArray("allowedValues");
      String label = f.type().equals("priority") ? "name" : "value";
      f.options().forEach(o -> allowed.addObject().put("self", base + "/rest/api/3/customFieldOption/" + o.id())
          .put(label, o.value()).put("id", o.id()));
    }
    return node;
  }

  /**
   * Checks {@code values} as Jira does and returns them as Jira stores them; {@code errors}
   * receives one message per bad field. Project and issue type are checked by the caller.
   */
  ObjectNode check(ObjectNode values, Map<String, String> errors, String base) {
    ObjectNode stored = JSON.createObjectNode();
    Iterator<Map.Entry<String, JsonNode>> it = values.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String id = e.getKey();
      JsonNode v = e.getValue();
      if (id.equals("project") || id.equals("issuetype")) {
        continue;
      }
      Optional<Field> field = byId(id);
      if (field.isEmpty()) {
        errors.put(id, "Field '" + id + "' cannot be set. It is not on the appropriate screen, or unknown.");
        continue;
      }
      Field f = field.get();
      if (v.isNull()) {
        stored.putNull(id);
        continue;
      }
      switch (f.type()) {
        case "string" -> {
          if (id.equals("description")) {
            if (!isAdf(v)) {
              errors.put(id, "Operation value must be an Atlassian Document (see the Atlassian Document Format)");
            } else {
              stored.set(id, v);
            }
          } else if (!v.isTextual() || v.asText().isBlank()) {
            errors.put(id, id.equals("summary") ? "You must specify a summary of the issue." : "Operation value must be a string");
          } else if (id.equals("summary") && (v.asText().length() > 255 || v.asText().contains("\n"))) {
            errors.put(id, "Summary must be less than 255 characters and on one line.");
          } else {
            stored.set(id, v);
          }
        }
        case "option" -> {
          Optional<Option> option = f.options().stream().filter(o -> o.id().equals(v.path("id").asText(null))
              || o.value().equals(v.path("value").asText(null))).findFirst();
          if (!v.isObject() || option.isEmpty()) {
            errors.put(id, "Option id '" + v.path("id").asText(v.toString()) + "' is not valid");
          } else {
            stored.putObject(id).put("self", base + "/rest/api/3/customFieldOption/" + option.get().id())
                .put("value", option.get().value()).put("id", option.get().id());
          }
        }
        case "priority" -> {
          Optional<Option> option = f.options().stream().filter(o -> o.id().equals(v.path("id").asText(null))
              || o.value().equals(v.path("name").asText(null))).findFirst();
          if (!v.isObject() || option.isEmpty()) {
            errors.put(id, "Specify a valid 'id' or 'name' for Priority");
          } else {
            stored.putObject(id).put("self", base + "/rest/api/3/priority/" + option.get().id())
                .put("name", option.get().value()).put("id", option.get().id());
          }
        }
        case "datetime" -> {
          try {
            OffsetDateTime.parse(v.asText(""), JIRA_DATE_TIME);
            stored.set(id, v);
          } catch (DateTimeParseException bad) {
            errors.put(id, "Invalid date format. Please enter the date in the format \"yyyy-MM-dd'T'HH:mm:ss.SSSZ\".");
          }
        }
        case "array" -> checkArray(f, v, stored, errors);
        default -> stored.set(id, v);
      }
    }
    return stored;
  }

  private void checkArray(Field f, JsonNode v, ObjectNode stored, Map<String, String> errors) {
    if (!v.isArray()) {
      errors.put(f.id(), "Operation value must be an array");
      return;
    }
    for (JsonNode item : v) {
      if ("string".equals(f.items()) && (!item.isTextual() || item.asText().isBlank()
          || item.asText().matches(".*\\s.*"))) {
        errors.put(f.id(), "The label '" + item.asText() + "' contains spaces which is invalid.");
        return;
      }
      if ("service-entity".equals(f.items()) && !services.contains(item.path("id").asText(""))) {
        errors.put(f.id(), "Service with id '" + item.path("id").asText(item.toString()) + "' does not exist");
        return;
      }
    }
    stored.set(f.id(), v);
  }

  /** Whether {@code v} is an ADF document whose text nodes all carry text. */
  static boolean isAdf(JsonNode v) {
    return v.isObject() && "doc".equals(v.path("type").asText()) && v.path("version").asInt() == 1
        && v.path("content").isArray() && textNodesCarryText(v);
  }

  private static boolean textNodesCarryText(JsonNode node) {
    if ("text".equals(node.path("type").asText()) && node.path("text").asText("").isEmpty()) {
      return false;
    }
    for (JsonNode child : node.path("content")) {
      if (!textNodesCarryText(child)) {
        return false;
      }
    }
    return true;
  }

  static Map<String, String> orderedErrors() {
    return new LinkedHashMap<>();
  }
}
