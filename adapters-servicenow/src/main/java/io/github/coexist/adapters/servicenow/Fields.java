package io.github.coexist.adapters.servicenow;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads one field of a ServiceNow record whatever shape it arrives in: a bare string (Table API
 * with {@code sysparm_display_value=false}), a {@code {"value","display_value"}} object (Change
 * Management API), a {@code {"link","value"}} reference, or a typed number or boolean.
 */
final class Fields {
  private Fields() {}

  /** The raw value of {@code field}, empty text when absent or null. */
  static String text(JsonNode record, String field) {
    JsonNode node = record.path(field);
    if (node.isObject()) {
      node = node.path("value");
    }
    if (node.isMissingNode() || node.isNull()) {
      return "";
    }
    return node.isValueNode() ? node.asText() : "";
  }

  /** The values of a comma-joined field list, as {@code sysparm_fields} wants them. */
  static String list(String... fields) {
    return String.join(",", fields);
  }
}
