package io.github.coexist.adapters.github;

import io.github.coexist.core.change.Decision;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Done;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure no gate hangs silently: every protection rule request the webhooks accept is watched
 * until its final answer, and {@link #tick()} answers those that waited longer than {@code
 * gate-timeout} with {@code gate-timeout-outcome} (rejected unless configured) and a comment that
 * says so. Call {@code tick()} from a scheduler, every minute or so. Thread-safe.
 */
public final class GateTimeouts {
  private static final Logger LOG = LoggerFactory.getLogger(GateTimeouts.class);

  private final GateReviewer reviewer;
  private final Clock clock;
  private final Duration timeout;
  private final Decision.Outcome outcome;
  private final Map<String, Watched> watched = new ConcurrentHashMap<>();

  private record Watched(GateRef gate, Instant since, int notes) {}

  /**
   * A gate answered by {@link #tick()} because it waited too long.
   *
   * @param repository the repository, {@code owner/name}
   * @param runId the workflow run
   * @param environment the environment
   * @param idempotencyKey the key of the gate request: the change to close in core
   * @param outcome the answer given
   * @param reply how the answer fared at GitHub; a transient failure is tried again next tick
   */
  public record TimedOut(String repository, long runId, String environment, String idempotencyKey,
      Decision.Outcome outcome, Either<CoexistError, Done> reply) {
    public TimedOut {
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(idempotencyKey, "idempotencyKey");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(reply, "reply");
    }
  }

  GateTimeouts(GateReviewer reviewer, Clock clock, Duration timeout, Decision.Outcome outcome) {
    this.reviewer = reviewer;
    this.clock = clock;
    this.timeout = timeout;
    this.outcome = outcome;
  }

  /** Starts (or, for a re-run asking again, restarts) the clock of {@code gate}. */
  void watch(GateRef gate) {
    watched.put(gate.id(), new Watched(gate, clock.instant(), 0));
  }

  /** Counts a progress note for {@code gate}; returns how many were posted before it. */
  int noteCount(GateRef gate) {
    Watched now = watched.computeIfPresent(gate.id(), (id, w) -> new Watched(w.gate(), w.since(), w.notes() + 1));
    return now == null ? 0 : now.notes() - 1;
  }

  /** Stops watching {@code gate}: it got its final answer. */
  void settled(GateRef gate) {
    watched.remove(gate.id());
  }

  /** How many gates wait for a final answer. */
  public int pending() {
    return watched.size();
  }

  /**
   * Stops watching, without answering, every gate that waited longer than the time-out; returns
   * how many. For a set-up that does not answer GitHub at all (it receives webhooks only): its
   * watch list stays bounded instead of growing by every gate it ever saw.
   */
  public int releaseExpired() {
    Instant cutoff = clock.instant().minus(timeout);
    int released = 0;
    for (Watched w : List.copyOf(watched.values())) {
      if (!w.since().isAfter(cutoff) && watched.remove(w.gate().id(), w)) {
        released++;
      }
    }
    return released;
  }

  /** Answers every gate that waited longer than the time-out; returns what was answered. */
  public List<TimedOut> tick() {
    Instant now = clock.instant();
    List<TimedOut> answered = new ArrayList<>();
    for (Watched w : List.copyOf(watched.values())) {
      if (now.isBefore(w.since().plus(timeout)) || !watched.remove(w.gate().id(), w)) {
        continue; // not due, or answered meanwhile
      }
      String comment = GateComment.fit("**coexist: " + GateComment.word(outcome) + "**, no final decision within "
          + describe(timeout) + " (coexist.github.gate-timeout), so the gate answers " + GateComment.word(outcome)
          + " rather than let the deployment wait. Re-run the job to ask again.");
      Either<CoexistError, Done> reply = reviewer.decide(w.gate(), outcome, comment);
      if (reply.isLeft() && reply.getLeft().isTransient()) {
        watched.putIfAbsent(w.gate().id(), w); // try again next tick
        LOG.warn("{}: time-out answer not delivered yet, retrying next tick: {}", w.gate(), reply.getLeft().message());
      } else if (reply.isLeft()) {
        LOG.warn("{}: time-out answer refused by GitHub: {}", w.gate(), reply.getLeft().message());
      } else {
        LOG.info("{}: no decision within {}, answered {}", w.gate(), describe(timeout), GateComment.word(outcome));
      }
      answered.add(new TimedOut(w.gate().repository().fullName(), w.gate().runId(), w.gate().environment(),
          w.gate().idempotencyKey().value(), outcome, reply));
    }
    return answered;
  }

  private static String describe(Duration d) {
    if (d.toSeconds() % 3600 == 0) {
      return d.toHours() + " h";
    }
    if (d.toSeconds() % 60 == 0) {
      return d.toMinutes() + " min";
    }
    return d.toSeconds() + " s";
  }
}
