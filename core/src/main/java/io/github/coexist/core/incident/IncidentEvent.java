package io.github.coexist.core.incident;

import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.ServiceId;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to an incident, for whoever listens: the KPI engine (MTTA, MTTR, reopen
 * rate, change failure rate), problem detection, surveys. Every event carries the incident's
 * snapshot right after it happened, so its service, priority and cause are at hand.
 */
public sealed interface IncidentEvent {

  /** The incident right after the event. */
  Incident incident();

  /** When it happened. */
  Instant at();

  /** The incident's id. */
  default IncidentId id() {
    return incident().id();
  }

  /** The incident's service. */
  default ServiceId service() {
    return incident().service();
  }

  /** An incident was opened, by an alert or a person. */
  record Opened(Incident incident, Instant at) implements IncidentEvent {
    public Opened {
      requireBoth(incident, at);
    }
  }

  /** Someone responded for the first time. */
  record Acknowledged(Incident incident, Instant at) implements IncidentEvent {
    public Acknowledged {
      requireBoth(incident, at);
    }
  }

  /** Impact or urgency changed, and with them possibly the priority. */
  record PriorityChanged(Incident incident, Instant at, Priority before) implements IncidentEvent {
    public PriorityChanged {
      requireBoth(incident, at);
      Objects.requireNonNull(before, "before");
    }
  }

  /** The incident was declared major. */
  record MarkedMajor(Incident incident, Instant at) implements IncidentEvent {
    public MarkedMajor {
      requireBoth(incident, at);
    }
  }

  /** Service was restored. */
  record Resolved(Incident incident, Instant at) implements IncidentEvent {
    public Resolved {
      requireBoth(incident, at);
    }
  }

  /** A resolved incident was reopened: the resolution did not hold. */
  record Reopened(Incident incident, Instant at) implements IncidentEvent {
    public Reopened {
      requireBoth(incident, at);
    }
  }

  /** The incident was closed for good. */
  record Closed(Incident incident, Instant at) implements IncidentEvent {
    public Closed {
      requireBoth(incident, at);
    }
  }

  /** The incident was canceled: not an incident after all. */
  record Canceled(Incident incident, Instant at) implements IncidentEvent {
    public Canceled {
      requireBoth(incident, at);
    }
  }

  /** A change or deployment was recorded as the cause ({@link Incident#causedBy()}). */
  record CauseConfirmed(Incident incident, Instant at, CausedBy cause) implements IncidentEvent {
    public CauseConfirmed {
      requireBoth(incident, at);
      Objects.requireNonNull(cause, "cause");
    }
  }

  /** Someone ruled changes out as the cause, or took that back ({@link Incident#verdict()}). */
  record VerdictGiven(Incident incident, Instant at, Verdict verdict) implements IncidentEvent {
    public VerdictGiven {
      requireBoth(incident, at);
      Objects.requireNonNull(verdict, "verdict");
    }
  }

  /** An SLA clock went past its target. Sent once per incident and clock. */
  record SlaBreached(Incident incident, Instant at, SlaClock clock) implements IncidentEvent {
    public SlaBreached {
      requireBoth(incident, at);
      Objects.requireNonNull(clock, "clock");
    }
  }

  private static void requireBoth(Incident incident, Instant at) {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(at, "at");
  }
}
