package io.github.coexist.app.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fields the event log knows, each read into its own slot; any other field is skipped. A
 * field that holds a time says so, so that the quick reader can read its time as it goes.
 */
enum Field {
  TYPE("type"),
  ID("id"),
  SERVICE("service"),
  ENVIRONMENT("environment"),
  STATUS("status"),
  STARTED_AT("startedAt", true),
  FINISHED_AT("finishedAt", true),
  COMMITS("commits"),
  SHA("sha"),
  COMMITTED_AT("committedAt", true),
  CHANGE_ID("changeId"),
  HOTFIX_FOR("hotfixFor"),
  ROLLBACK_OF("rollbackOf"),
  REPOSITORY("repository"),
  PRIORITY("priority"),
  OPENED_AT("openedAt", true),
  ACKNOWLEDGED_AT("acknowledgedAt", true),
  RESOLVED_AT("resolvedAt", true),
  CAUSED_BY("causedBy"),
  REOPEN_COUNT("reopenCount"),
  WITHIN_SLA("withinSla"),
  VERDICT("verdict"),
  CHANGE_TYPE("changeType"),
  CREATED_AT("createdAt", true),
  CLOSED_AT("closedAt", true),
  CLOSE_CODE("closeCode"),
  AUTO_APPROVED("autoApproved"),
  TICKET("ticket"),
  RATING("rating"),
  AT("at", true);

  /** The fields by the length of their name, to match a name in place without making a string of it. */
  private static final Field[][] BY_LENGTH;

  static {
    List<List<Field>> byLength = new ArrayList<>();
    for (Field f : values()) {
      while (byLength.size() <= f.json.length()) {
        byLength.add(new ArrayList<>());
      }
      byLength.get(f.json.length()).add(f);
    }
    BY_LENGTH = byLength.stream().map(fields -> fields.toArray(Field[]::new)).toArray(Field[][]::new);
  }

  final String json;
  /** Whether the field holds an ISO-8601 time. */
  final boolean instant;
  private final byte[] bytes;

  Field(String json) {
    this(json, false);
  }

  Field(String json, boolean instant) {
    this.json = json;
    this.instant = instant;
    this.bytes = json.getBytes(StandardCharsets.US_ASCII);
  }

  /** The field called {@code name} in JSON, or null for a field the log does not know. */
  static Field named(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8); // only lines Jackson reads come here
    return named(bytes, 0, bytes.length);
  }

  /** The field whose name is the bytes {@code line[from, to)}, or null for a field the log does not know. */
  static Field named(byte[] line, int from, int to) {
    int length = to - from;
    if (length >= BY_LENGTH.length) {
      return null;
    }
    for (Field f : BY_LENGTH[length]) {
      if (Arrays.equals(f.bytes, 0, length, line, from, to)) {
        return f;
      }
    }
    return null;
  }
}
