package io.github.coexist.core.incident;

import java.util.Objects;
import java.util.Optional;

/**
 * What the incident desk did with one alert. Every alert gets an outcome; none is dropped without
 * saying so.
 *
 * @param kind what happened
 * @param incident the incident the alert opened, folded into, reopened or resolved, when there is one
 * @param detail one sentence for logs and people
 */
public record AlertOutcome(Kind kind, Optional<Incident> incident, String detail) {

  /** The things the desk can do with an alert. */
  public enum Kind {
    /** A firing alert opened a new incident. */
    OPENED,
    /** A firing alert repeated an open incident's alert and was folded into it. */
    FOLDED,
    /** A firing alert reopened its recently resolved incident. */
    REOPENED,
    /** A clearing alert resolved its incident. */
    RESOLVED,
    /** A clearing alert was noted on its incident, which stays open (auto-resolve off, or major). */
    CLEAR_RECORDED,
    /** A clearing alert of a flapping alert was noted but does not resolve the incident. */
    SUPPRESSED_FLAPPING,
    /** A clearing alert had no open incident to resolve. */
    NO_OPEN_INCIDENT,
    /** The alert is older than one already handled for the same key, and was ignored. */
    STALE
  }

  public AlertOutcome {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(detail, "detail");
  }
}
