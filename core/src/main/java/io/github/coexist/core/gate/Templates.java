package io.github.coexist.core.gate;

import io.github.coexist.core.change.StandardChangeLimits;
import io.github.coexist.core.kernel.ChangeId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Instant;
import java.util.Optional;

/**
 * How each standard change template's recent changes went, and which templates are demoted to
 * normal: a template whose changes fail too often ({@link StandardChangeLimits#demoteAfter()} of
 * its last {@link StandardChangeLimits#demoteWindow()}) stops being pre-authorised until someone
 * re-enables it. Thread-safe.
 */
final class Templates {
  /** Per template, its last outcomes in close order: failed or not. */
  private final Map<String, LinkedHashMap<ChangeId, Boolean>> outcomes = new HashMap<>();
  private final Map<String, String> demoted = new HashMap<>();
  /** Per template, when it was last re-enabled: outcomes closed until then no longer count. */
  private final Map<String, Instant> reenabledAt = new HashMap<>();

  /** Why {@code model} is demoted, while it is. */
  synchronized Optional<String> demotion(String model) {
    return Optional.ofNullable(demoted.get(model));
  }

  /**
   * Counts the outcome of {@code change}, a change of template {@code model} (again, if it was
   * counted already: it caused an incident after all); the reason the template is demoted when
   * this outcome demoted it.
   */
  synchronized Optional<String> closed(String model, ChangeId change, boolean failed, StandardChangeLimits limits) {
    LinkedHashMap<ChangeId, Boolean> last = outcomes.computeIfAbsent(model, m -> new LinkedHashMap<>());
    if (!last.containsKey(change) && demoted.containsKey(model)) {
      return Optional.empty();
    }
    last.put(change, failed);
    Iterator<ChangeId> oldest = last.keySet().iterator();
    while (last.size() > limits.demoteWindow()) {
      oldest.next();
      oldest.remove();
    }
    long failures = last.values().stream().filter(f -> f).count();
    if (failures < limits.demoteAfter() || demoted.containsKey(model)) {
      return Optional.empty();
    }
    String why = "template '" + model + "' is demoted: " + failures + " of its last " + last.size()
        + " changes failed (limit " + limits.demoteAfter() + " of " + limits.demoteWindow()
        + "); it is pre-authorised again once re-enabled";
    demoted.put(model, why);
    return Optional.of(why);
  }

  /**
   * As {@link #closed}, for a change restored from a store: an outcome closed at or before the
   * template was last re-enabled is not counted again, since the re-enabling forgot it.
   */
  synchronized void restored(String model, ChangeId change, boolean failed, StandardChangeLimits limits,
      Instant closedAt) {
    Instant reenabled = reenabledAt.get(model);
    if (reenabled == null || closedAt.isAfter(reenabled)) {
      closed(model, change, failed, limits);
    }
  }

  /** Lifts the demotion of {@code model} and forgets its outcomes; false when it was not demoted. */
  synchronized boolean reenable(String model, Instant at) {
    outcomes.remove(model);
    reenabledAt.merge(model, at, (a, b) -> a.isAfter(b) ? a : b);
    return demoted.remove(model) != null;
  }
}
