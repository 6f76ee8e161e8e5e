package io.github.coexist.adapters.github;

import java.util.List;
import java.util.Optional;

/**
 * What an event handler made of a valid payload: observations, or the reason it had no use for it.
 *
 * @param observations what the delivery produced (empty when ignored)
 * @param ignoredBecause why it produced nothing
 */
record Handled(List<Observation> observations, Optional<String> ignoredBecause) {
  static Handled produced(List<Observation> observations) {
    return new Handled(List.copyOf(observations), Optional.empty());
  }

  static Handled produced(Observation observation) {
    return produced(List.of(observation));
  }

  static Handled ignored(String reason) {
    return new Handled(List.of(), Optional.of(reason));
  }
}
