package io.github.coexist.examples.events;

import java.util.HashMap;
import java.util.Map;

/** The fields the event log knows, each read into its own slot; any other field is skipped. */
enum Field {
  TYPE("type"),
  ID("id"),
  SERVICE("service"),
  ENVIRONMENT("environment"),
  STATUS("status"),
  STARTED_AT("startedAt"),
  FINISHED_AT("finishedAt"),
  COMMITS("commits"),
  SHA("sha"),
  COMMITTED_AT("committedAt"),
  CHANGE_ID("changeId"),
  HOTFIX_FOR("hotfixFor"),
  REPOSITORY("repository"),
  PRIORITY("priority"),
  OPENED_AT("openedAt"),
  ACKNOWLEDGED_AT("acknowledgedAt"),
  RESOLVED_AT("resolvedAt"),
  CAUSED_BY("causedBy"),
  REOPEN_COUNT("reopenCount"),
  WITHIN_SLA("withinSla"),
  CHANGE_TYPE("changeType"),
  CREATED_AT("createdAt"),
  CLOSED_AT("closedAt"),
  CLOSE_CODE("closeCode"),
  AUTO_APPROVED("autoApproved"),
  TICKET("ticket"),
  RATING("rating"),
  AT("at");

  private static final Map<String, Field> BY_NAME = new HashMap<>();

  static {
    for (Field f : values()) {
      BY_NAME.put(f.json, f);
    }
  }

  final String json;

  Field(String json) {
    this.json = json;
  }

  /** The field called {@code name} in JSON, or null for a field the log does not know. */
  static Field named(String name) {
    return BY_NAME.get(name);
  }
}
