package io.github.coexist.app.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coexist.core.signal.SignalOutcome;
import io.github.coexist.app.json.Views;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one saved delivery: the replay's output line.
 *
 * @param file the delivery's file name
 * @param event the event it was replayed as, when known
 * @param action the payload's {@code action}, when it has one
 * @param outcome accepted, ignored, rejected or a duplicate
 * @param reason what it told coexist (accepted), or why it was ignored, rejected or a duplicate
 * @param produced what it produced in coexist
 */
record ReplayLine(String file, Optional<String> event, Optional<String> action, Outcome outcome, String reason,
    SignalOutcome produced) {

  /** The four outcomes of a delivery. */
  enum Outcome {
    /** Used: handed to coexist. */
    ACCEPTED,
    /** Valid, but coexist has no use for it. */
    IGNORED,
    /** Refused: unreadable, malformed or badly signed (serve would answer 4xx). */
    REJECTED,
    /** A delivery id already processed. */
    DUPLICATE;

    /** The outcome as printed: lower case. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  ReplayLine {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(produced, "produced");
  }

  /**
   * The line as JSON, fields in this order: {@code file, event, action, outcome, reason, change,
   * decision, deployment, incident}; absent values are null.
   */
  ObjectNode json() {
    ObjectNode node = Views.JSON.createObjectNode();
    node.put("file", file);
    node.put("event", event.orElse(null));
    node.put("action", action.orElse(null));
    node.put("outcome", outcome.label());
    node.put("reason", reason);
    node.put("change", produced.change().map(id -> id.value()).orElse(null));
    node.put("decision", produced.decision().map(d -> d.name().toLowerCase(Locale.ROOT)).orElse(null));
    node.put("deployment", produced.deployment().map(id -> id.value()).orElse(null));
    node.put("incident", produced.incident().map(id -> id.value()).orElse(null));
    return node;
  }
}
