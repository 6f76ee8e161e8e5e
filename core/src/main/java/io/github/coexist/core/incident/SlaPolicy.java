package io.github.coexist.core.incident;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.error.Problems;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.NullUnmarked;

/**
 * The SLA targets per priority, and the clocks they give an incident. Clocks run in calendar time
 * (all day, every day), pause while the incident is on hold, and do not count time while it is
 * resolved: a reopened incident's resolution clock carries on where it stopped. The targets of
 * the incident's current priority apply. Immutable and thread-safe.
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public final class SlaPolicy {
  private final Map<Priority, SlaTarget> targets;

  private SlaPolicy(Map<Priority, SlaTarget> targets) {
    this.targets = Collections.unmodifiableMap(new EnumMap<>(targets));
  }

  /**
   * Common defaults: P1 respond in 15 min, resolve in 4 h; P2 1 h and 8 h; P3 4 h and 1 day;
   * P4 1 day and 5 days; P5 2 days and 10 days.
   */
  public static SlaPolicy defaults() {
    Map<Priority, SlaTarget> targets = new EnumMap<>(Priority.class);
    targets.put(Priority.CRITICAL, new SlaTarget(Duration.ofMinutes(15), Duration.ofHours(4)));
    targets.put(Priority.HIGH, new SlaTarget(Duration.ofHours(1), Duration.ofHours(8)));
    targets.put(Priority.MODERATE, new SlaTarget(Duration.ofHours(4), Duration.ofDays(1)));
    targets.put(Priority.LOW, new SlaTarget(Duration.ofDays(1), Duration.ofDays(5)));
    targets.put(Priority.PLANNING, new SlaTarget(Duration.ofDays(2), Duration.ofDays(10)));
    return new SlaPolicy(targets);
  }

  /** A policy with a target for every priority; lists each priority that has none. */
  public static Either<CoexistError, SlaPolicy> of(Map<Priority, SlaTarget> targets) {
    Problems problems = new Problems();
    for (Priority priority : Priority.values()) {
      problems.require(targets.get(priority) != null, priority.label() + " has no SLA target");
    }
    return problems.toEither(() -> new SlaPolicy(targets));
  }

  /** The targets of {@code priority}. */
  public SlaTarget target(Priority priority) {
    return targets.get(priority);
  }

  /** Both clocks of {@code incident} as they stand at {@code now}. */
  public SlaStatus status(Incident incident, Instant now) {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(now, "now");
    SlaTarget target = target(incident.priority());
    Time time = measure(incident, now);
    SlaClock response = clock(SlaClock.Kind.RESPONSE, target.response(), time.responding,
        Duration.ZERO, Time.awaitsResponse(time.state, time.acknowledged) ? SlaClock.Phase.RUNNING
            : SlaClock.Phase.STOPPED, now);
    SlaClock resolution = clock(SlaClock.Kind.RESOLUTION, target.resolution(), time.working,
        time.onHold, resolutionPhase(time.state), now);
    return new SlaStatus(incident.id(), incident.priority(), response, resolution, now);
  }

  private static SlaClock.Phase resolutionPhase(IncidentState state) {
    return switch (state) {
      case NEW, IN_PROGRESS -> SlaClock.Phase.RUNNING;
      case ON_HOLD -> SlaClock.Phase.PAUSED;
      case RESOLVED, CLOSED, CANCELED -> SlaClock.Phase.STOPPED;
    };
  }

  private static SlaClock clock(SlaClock.Kind kind, Duration target, Duration elapsed,
      Duration paused, SlaClock.Phase phase, Instant now) {
    boolean breached = elapsed.compareTo(target) > 0;
    Duration remaining = breached ? Duration.ZERO : target.minus(elapsed);
    Optional<Instant> dueAt = phase == SlaClock.Phase.RUNNING && !breached
        ? Optional.of(now.plus(remaining))
        : Optional.empty();
    return new SlaClock(kind, target, elapsed, paused, remaining, breached, phase, dueAt);
  }

  /**
   * Walks the incident's activity, attributing each stretch of time to the state the incident was
   * in: time in New, or In Progress before anybody acknowledged it (a firing alert reopened it),
   * counts for response; time in New or In Progress for resolution; time On Hold is paused; time
   * Resolved or later counts for nothing.
   */
  private static Time measure(Incident incident, Instant now) {
    Time time = new Time();
    Instant from = incident.openedAt();
    IncidentState state = IncidentState.NEW;
    for (IncidentActivity entry : incident.activity()) {
      Instant until = entry.at().isAfter(now) ? now : entry.at();
      time.add(state, from, until);
      if (until.isAfter(from)) {
        from = until;
      }
      if (entry.at().isAfter(now)) {
        break;
      }
      state = entry.state();
      time.acknowledged |= entry.action() == IncidentActivity.Action.ACKNOWLEDGED;
    }
    time.add(state, from, now);
    time.state = state;
    return time;
  }

  private static final class Time {
    Duration responding = Duration.ZERO;
    Duration working = Duration.ZERO;
    Duration onHold = Duration.ZERO;
    IncidentState state = IncidentState.NEW;
    boolean acknowledged;

    static boolean awaitsResponse(IncidentState state, boolean acknowledged) {
      return state == IncidentState.NEW || (state == IncidentState.IN_PROGRESS && !acknowledged);
    }

    void add(IncidentState in, Instant from, Instant until) {
      if (!until.isAfter(from)) {
        return; // a clock stepping backwards never takes time away
      }
      Duration span = Duration.between(from, until);
      if (awaitsResponse(in, acknowledged)) {
        responding = responding.plus(span);
      }
      switch (in) {
        case NEW, IN_PROGRESS -> working = working.plus(span);
        case ON_HOLD -> onHold = onHold.plus(span);
        case RESOLVED, CLOSED, CANCELED -> { }
      }
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SlaPolicy p && targets.equals(p.targets);
  }

  @Override
  public int hashCode() {
    return targets.hashCode();
  }

  @Override
  public String toString() {
    return "SlaPolicy" + targets;
  }
}
