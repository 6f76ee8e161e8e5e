package io.github.coexist.core.internal.audit;

import java.util.Arrays;
import java.util.Objects;
import java.util.SortedMap;
import org.jspecify.annotations.NullUnmarked;

/**
 * Not API: may change in any release. Collects the inputs of one {@link io.github.coexist.core.audit.AuditEvent} and freezes them into the sorted, immutable map
 * the event holds, without building a map first: a gate decision records a dozen inputs on every
 * call. A name put twice keeps its last value, as {@code Map.put} does.
 *
 * <pre>{@code
 * SortedMap<String, String> inputs = AuditInputs.expecting(2).put("type", "normal").put("reason", why).freeze();
 * }</pre>
 *
 * <p>Not thread-safe: one instance per event.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public final class AuditInputs {
  private String[] names;
  private String[] values;
  private int size;

  private AuditInputs(int expected) {
    names = new String[expected];
    values = new String[expected];
  }

  /**
   * An empty collection with room for {@code expected} inputs; it grows past them, and a close
   * estimate keeps the frozen map compact (it keeps the room it was given).
   */
  public static AuditInputs expecting(int expected) {
    if (expected < 0) {
      throw new IllegalArgumentException("expected inputs cannot be negative, was " + expected);
    }
    return new AuditInputs(expected);
  }

  /** Adds the input {@code name} with {@code value}; neither may be null. */
  public AuditInputs put(String name, String value) {
    Objects.requireNonNull(name, "an input name");
    Objects.requireNonNull(value, "an input value");
    if (size == names.length) {
      int grown = Math.max(4, size + (size >> 1));
      names = Arrays.copyOf(names, grown);
      values = Arrays.copyOf(values, grown);
    }
    names[size] = name;
    values[size] = value;
    size++;
    return this;
  }

  /** The inputs put so far, sorted by name, as an immutable map; this collection is spent. */
  public SortedMap<String, String> freeze() {
    SortedMap<String, String> frozen = FrozenInputs.sorting(names, values, size);
    names = null;
    values = null;
    return frozen;
  }
}
