package io.github.coexist.core.kernel;

import java.util.Objects;

/**
 * Who did something: a person, a team acting as an authority, or coexist itself acting by
 * policy. Recorded on every decision and transition for the audit trail.
 *
 * @param kind what sort of actor this is
 * @param name the account, team or component name
 */
public record Actor(Kind kind, String name) {

  /** The sorts of actor. */
  public enum Kind {
    /** A person, by account name. */
    PERSON,
    /** A group acting together, such as a change advisory board. */
    GROUP,
    /** An automated system: coexist's own policies, a pipeline, a monitoring tool. */
    SYSTEM;

    /** The lower-case name {@link Actor#toString()} starts with, worked out once: every audit entry has one. */
    private final String lower = name().toLowerCase(java.util.Locale.ROOT);
  }

  /** coexist acting on its own policies. */
  public static final Actor COEXIST = new Actor(Kind.SYSTEM, "coexist");

  public Actor {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an actor needs a name");
    }
  }

  /** A person by account name. */
  public static Actor person(String name) {
    return new Actor(Kind.PERSON, name);
  }

  /** An automated system by name. */
  public static Actor system(String name) {
    return new Actor(Kind.SYSTEM, name);
  }

  @Override
  public String toString() {
    return kind.lower + ":" + name;
  }
}
