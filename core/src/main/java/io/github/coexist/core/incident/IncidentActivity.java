package io.github.coexist.core.incident;

import io.github.coexist.core.kernel.Actor;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened to an incident: who did what, when, and the state it left the incident
 * in. The activity list is the incident's timeline; SLA clocks and postmortems are computed from it.
 *
 * @param at when it happened
 * @param actor who did it: a person, or a monitoring tool or coexist acting by policy
 * @param action what was done
 * @param state the incident's state afterwards
 * @param detail a sentence for people (a reason, a resolution note); may be empty
 */
public record IncidentActivity(
    Instant at, Actor actor, Action action, IncidentState state, String detail) {

  /** The things that happen to incidents. */
  public enum Action {
    /** Opened, by an alert or a person. */
    OPENED,
    /** Acknowledged: someone responded. */
    ACKNOWLEDGED,
    /** Assigned to another team. */
    ASSIGNED,
    /** Impact, urgency and so priority changed. */
    PRIORITY_CHANGED,
    /** Put on hold. */
    HELD,
    /** Taken off hold. */
    RESUMED,
    /** Resolved. */
    RESOLVED,
    /** Reopened after resolution. */
    REOPENED,
    /** Closed. */
    CLOSED,
    /** Canceled. */
    CANCELED,
    /** Declared a major incident. */
    MARKED_MAJOR,
    /** A change or deployment was recorded as the cause. */
    CAUSE_CONFIRMED,
    /** Someone gave a verdict on whether a change caused it (not change-related, or unknown again). */
    VERDICT_GIVEN,
    /** Its alert cleared without resolving it. */
    ALERT_CLEARED,
    /** Its alert started flapping; clears are ignored while it does. */
    ALERT_FLAPPING,
    /** Someone took a role in a major incident (commander, communications). */
    ROLE_ASSIGNED,
    /** Stakeholders were told how the major incident stands. */
    STAKEHOLDER_UPDATE,
    /** A stakeholder update is due: none was given for the configured interval. */
    STAKEHOLDER_UPDATE_DUE,
    /** Linked to its problem, or told the workaround of the known error it is. */
    PROBLEM_LINKED
  }

  public IncidentActivity {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
  }
}
