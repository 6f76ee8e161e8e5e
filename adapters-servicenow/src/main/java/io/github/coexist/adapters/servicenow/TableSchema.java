package io.github.coexist.adapters.servicenow;

import java.util.Objects;
import java.util.Set;

/**
 * A ServiceNow table as the adapter uses it: its name and the fields the adapter may query on.
 * {@link EncodedQuery} refuses any other field, because ServiceNow silently drops an unknown field
 * from a query and runs the rest, so a typo can match every row.
 *
 * @param name the table name ({@code change_request})
 * @param fields the fields coexist reads, writes and queries on
 */
record TableSchema(String name, Set<String> fields) {
  TableSchema {
    Objects.requireNonNull(name, "name");
    fields = Set.copyOf(fields);
  }

  static final Set<String> SYSTEM_FIELDS = Set.of("sys_id", "sys_created_on", "sys_updated_on", "sys_class_name");

  static final TableSchema CHANGE_REQUEST = new TableSchema("change_request", Set.of(
      "sys_id", "number", "type", "state", "approval", "risk", "impact", "short_description",
      "description", "start_date", "end_date", "cmdb_ci", "assignment_group", "correlation_id",
      "correlation_display", "close_code", "close_notes", "sys_created_on", "sys_updated_on",
      "std_change_producer_version", "chg_model", "justification", "backout_plan", "work_notes"));

  static final TableSchema INCIDENT = new TableSchema("incident", Set.of(
      "sys_id", "number", "state", "impact", "urgency", "priority", "short_description", "description",
      "caused_by", "cmdb_ci", "business_service", "assignment_group", "correlation_id",
      "correlation_display", "close_code", "close_notes", "opened_at", "resolved_at", "closed_at",
      "problem_id", "major_incident_state", "hold_reason", "sys_created_on", "sys_updated_on"));

  static final TableSchema PROBLEM = new TableSchema("problem", Set.of(
      "sys_id", "number", "state", "impact", "urgency", "priority", "short_description", "description",
      "cmdb_ci", "assignment_group", "correlation_id", "correlation_display", "known_error",
      "cause_notes", "fix_notes", "workaround", "resolution_code", "close_notes", "sys_created_on",
      "sys_updated_on"));

  static final TableSchema CMDB_CI = new TableSchema("cmdb_ci", Set.of(
      "sys_id", "name", "sys_class_name", "operational_status"));

  static final TableSchema CMDB_REL_CI = new TableSchema("cmdb_rel_ci", Set.of(
      "sys_id", "parent", "child", "type"));

  static final TableSchema SYS_USER_GROUP = new TableSchema("sys_user_group", Set.of(
      "sys_id", "name", "active"));

  static final TableSchema STANDARD_TEMPLATE = new TableSchema("std_change_record_producer", Set.of(
      "sys_id", "name", "active"));

  /** The services table ({@code cmdb_ci_service} or a subclass); querying it returns subclass rows too. */
  static TableSchema services(String table) {
    return new TableSchema(table, Set.of(
        "sys_id", "name", "sys_class_name", "owned_by", "managed_by", "support_group",
        "managed_by_group", "busines_criticality", "operational_status", "service_classification", "location"));
  }

  boolean knows(String field) {
    return fields.contains(field);
  }
}
