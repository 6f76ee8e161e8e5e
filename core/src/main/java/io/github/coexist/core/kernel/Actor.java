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

  /**
   * Whether this actor and {@code other} are the same person or system however the name is
   * spelled: compared by {@link #identity()}, so {@code CODERTOCAT}, {@code person:Codertocat},
   * a name with a zero-width character or with Cyrillic or Greek look-alike letters are all
   * {@code codertocat}. Separation of duties compares with this, never with {@code equals}.
   */
  public boolean isSameAs(Actor other) {
    return kind == other.kind && identity().equals(other.identity());
  }

  /**
   * The name as an identity: Unicode NFKC, without format characters (zero-width spaces and
   * joiners), without a leading {@code kind:} prefix, common Cyrillic and Greek look-alikes of
   * Latin letters mapped to those letters, lower case.
   */
  public String identity() {
    return Identities.canonical(name, kind.lower + ":");
  }

  @Override
  public String toString() {
    return kind.lower + ":" + name;
  }
}
