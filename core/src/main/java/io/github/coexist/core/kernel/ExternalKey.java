package io.github.coexist.core.kernel;

import java.util.Objects;

/**
 * The key under which an external system of record holds one of coexist's records: a ServiceNow
 * {@code sys_id} with its display number, or a Jira issue key. {@link #system()} names the tool,
 * so a Jira key can never be taken for a ServiceNow one.
 *
 * @param system the tool that issued the key, for example {@code servicenow} or {@code jira}
 * @param id the stable identifier the tool's API addresses the record by
 * @param display the number a person sees in the tool (CHG0030012, OPS-123); may equal {@code id}
 */
public record ExternalKey(String system, String id, String display) {
  public ExternalKey {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(display, "display");
    if (system.isBlank() || id.isBlank()) {
      throw new IllegalArgumentException("an external key needs a system and an id");
    }
  }

  /** A key whose display number is its id. */
  public static ExternalKey of(String system, String id) {
    return new ExternalKey(system, id, id);
  }

  /**
   * Hashes the system and the id. The record's own hash multiplies the id's hash by 32 when the
   * display equals the id (as it mostly does), which piles keys into few buckets of a hash map.
   */
  @Override
  public int hashCode() {
    return 31 * system.hashCode() + id.hashCode();
  }

  @Override
  public String toString() {
    return system + ":" + display;
  }
}
