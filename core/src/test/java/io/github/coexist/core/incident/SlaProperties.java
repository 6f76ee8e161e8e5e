package io.github.coexist.core.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.support.Results;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** SLA clock properties over random incident histories. */
class SlaProperties {
  private static final Actor ACTOR = Actor.person("responder");
  private static final SlaPolicy POLICY = SlaPolicy.defaults();

  enum Step { ACK, HOLD, RESUME, RESOLVE, REOPEN, REPRIORITIZE }

  record Move(Step step, int minutesBefore, int level) {}

  /** Plays {@code moves} on a fresh desk (refused moves are simply refused) and returns the incident. */
  private static Incident play(List<Move> moves, int impact) {
    ManualClock clock = ManualClock.atMondayMorning();
    IncidentDesk desk = Fixtures.desk(clock).build();
    IncidentId id = Results.right(desk.open(Fixtures.report("shop", impact, impact))).id();
    for (Move move : moves) {
      clock.advance(Duration.ofMinutes(move.minutesBefore()));
      switch (move.step()) {
        case ACK -> desk.acknowledge(id, ACTOR);
        case HOLD -> desk.hold(id, "vendor", ACTOR);
        case RESUME -> desk.resume(id, ACTOR);
        case RESOLVE -> desk.resolve(id, "fixed", ACTOR);
        case REOPEN -> desk.reopen(id, "back", ACTOR);
        case REPRIORITIZE -> desk.reprioritize(id, Impact.ofLevel(move.level()).orElseThrow(),
            Urgency.ofLevel(move.level()).orElseThrow(), ACTOR);
      }
    }
    return Results.right(desk.incident(id));
  }

  /** Instants from the opening to well after the last activity, every 7 minutes. */
  private static List<Instant> samples(Incident incident) {
    Instant end = incident.updatedAt().plus(Duration.ofDays(1));
    List<Instant> at = new ArrayList<>();
    for (Instant t = incident.openedAt(); !t.isAfter(end); t = t.plus(Duration.ofMinutes(7))) {
      at.add(t);
    }
    return at;
  }

  private static Gen<List<Move>> histories() {
    Gen<Move> move = Generate.enumValues(Step.class).zip(integers().between(0, 300), integers().between(1, 3), Move::new);
    return lists().of(move).ofSizeBetween(0, 12);
  }

  @Test
  @DisplayName("a breach is never reported before the target plus the paused time has passed")
  void noEarlyBreach() {
    qt().withExamples(200).forAll(histories(), integers().between(1, 3)).checkAssert((moves, impact) -> {
      Incident incident = play(moves, impact);
      for (Instant t : samples(incident)) {
        SlaStatus status = POLICY.status(incident, t);
        Duration sinceOpened = Duration.between(incident.openedAt(), t);
        for (SlaClock clock : List.of(status.response(), status.resolution())) {
          assertThat(clock.elapsed().plus(clock.paused())).isLessThanOrEqualTo(sinceOpened);
          if (clock.breached()) {
            assertThat(sinceOpened).isGreaterThan(clock.target().plus(clock.paused()));
          }
          assertThat(clock.breached()).isEqualTo(clock.elapsed().compareTo(clock.target()) > 0);
        }
      }
    });
  }

  @Test
  @DisplayName("pausing never shortens the remaining time, and remaining time never grows with time")
  void pausingNeverShortens() {
    qt().withExamples(200).forAll(histories(), integers().between(1, 3)).checkAssert((moves, impact) -> {
      Incident incident = play(moves, impact);
      // The same history with every hold taken out: the held time counts as working time instead.
      Incident neverHeld = Incident.builder().from(incident)
          .activity(incident.activity().stream()
              .filter(a -> a.action() != IncidentActivity.Action.HELD && a.action() != IncidentActivity.Action.RESUMED)
              .map(a -> a.state() != IncidentState.ON_HOLD ? a
                  : new IncidentActivity(a.at(), a.actor(), a.action(), IncidentState.IN_PROGRESS, a.detail()))
              .toList())
          .build();
      Duration previous = null;
      for (Instant t : samples(incident)) {
        SlaClock withHolds = POLICY.status(incident, t).resolution();
        SlaClock withoutHolds = POLICY.status(neverHeld, t).resolution();
        assertThat(withHolds.remaining()).isGreaterThanOrEqualTo(withoutHolds.remaining());
        if (previous != null) {
          assertThat(withHolds.remaining()).isLessThanOrEqualTo(previous);
        }
        if (withHolds.phase() == SlaClock.Phase.PAUSED) {
          SlaClock later = POLICY.status(incident, t.plus(Duration.ofMinutes(1))).resolution();
          if (later.phase() == SlaClock.Phase.PAUSED) {
            assertThat(later.remaining()).isEqualTo(withHolds.remaining());
          }
        }
        previous = withHolds.remaining();
      }
    });
  }
}
