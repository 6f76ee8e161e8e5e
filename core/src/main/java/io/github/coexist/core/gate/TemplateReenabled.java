package io.github.coexist.core.gate;

import io.github.coexist.core.kernel.Actor;
import java.time.Instant;
import java.util.Objects;

/**
 * A standard change template re-enabled by a person after it was demoted for failing too often:
 * what a store keeps so that a restart does not demote it again by counting the failures that
 * demoted it. Outcomes of the template's changes closed at or before {@link #at()} no longer count.
 *
 * @param model the template's name, as the policy names it
 * @param at when it was re-enabled
 * @param by who re-enabled it
 */
public record TemplateReenabled(String model, Instant at, Actor by) {
  public TemplateReenabled {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(by, "by");
  }
}
