package io.github.coexist.core.postmortem;

import io.github.coexist.core.kernel.Actor;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a postmortem's timeline.
 *
 * @param at when it happened
 * @param kind what sort of thing happened
 * @param actor who acted, when someone did
 * @param text what happened, in one sentence
 */
public record TimelineEntry(Instant at, Kind kind, Optional<Actor> actor, String text) {

  /** The sorts of timeline entry. */
  public enum Kind {
    /** A monitoring alert fired, repeated or cleared. */
    ALERT,
    /** The incident moved or was changed. */
    INCIDENT,
    /** A deployment of the service or one it depends on. */
    DEPLOYMENT,
    /** A change to the service or one it depends on. */
    CHANGE
  }

  public TimelineEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(text, "text");
  }
}
