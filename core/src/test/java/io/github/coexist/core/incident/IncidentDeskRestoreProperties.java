package io.github.coexist.core.incident;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.support.Latest;
import io.github.coexist.core.support.Restarts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * A desk driven by random commands (alerts that fold, reopen, flap and arrive late; people's
 * commands; time passing SLA targets; the ITSM tool going down and coming back) is restored, at a
 * random point, into a fresh desk from the latest record kept of each incident, read back in a
 * random order. Both then take the same random commands: they must answer the same, hold the same
 * incidents, SLA clocks, pending writes and tool records, announce and audit the same, and keep
 * the same records. QuickTheories prints the seed of a failing case; {@code -DQT_SEED=<seed>} replays it
 * (CONTRIBUTING.md).
 */
class IncidentDeskRestoreProperties {
  private static final Actor ACTOR = Actor.person("responder");
  private static final AlertPolicy POLICY = new AlertPolicy(true, Duration.ofMinutes(30), 3, Duration.ofMinutes(20));
  private static final List<String> KEYS = List.of("HighLatency", "ErrorRate");
  private static final List<String> SERVICES = List.of("shop", "payments");

  enum Kind {
    FIRE, CLEAR, LATE_ALERT, OPEN, ACK, ASSIGN, REPRIORITIZE, MAJOR, HOLD, RESUME, RESOLVE, CLOSE, CANCEL, REOPEN,
    WAIT, LONG_WAIT, CHECK_SLAS, TOOL_DOWN, TOOL_UP, RESYNC
  }

  /** One command; {@code a} picks the alert key or the incident, {@code b} the minutes, the level or the team. */
  record Op(Kind kind, int a, int b) {}

  /** A desk with its tool and what it kept. */
  static final class World extends Restarts.World<Op> {
    final ToolRecords tool;
    final Latest<IncidentId, KeptIncident> kept;
    final IncidentDesk desk;

    World(Instant now, ToolRecords tool, Latest<IncidentId, KeptIncident> kept) {
      super(now);
      this.tool = tool;
      this.kept = kept;
      this.desk = IncidentDesk.builder(clock, Fixtures.services()).records(tool).audit(trail).alertPolicy(POLICY)
          .listener(heard::add).keeper(kept).build();
    }

    static World fresh() {
      return new World(ManualClock.atMondayMorning().instant(), new ToolRecords(), new Latest<>(k -> k.incident().id()));
    }

    /** A desk restored from what {@code before} kept, read back in an order drawn from {@code seed}. */
    static World restoredFrom(World before, long seed) {
      List<KeptIncident> stored = before.kept.shuffled(seed);
      World after = new World(before.clock.instant(), before.tool.copy(),
          new Latest<IncidentId, KeptIncident>(k -> k.incident().id()).holding(stored));
      after.desk.restore(stored);
      return after;
    }

    @Override
    public Object run(Op op) {
      List<Incident> all = desk.incidents();
      Optional<IncidentId> target = all.isEmpty() ? Optional.empty() : Optional.of(all.get(op.a() % all.size()).id());
      return switch (op.kind()) {
        case FIRE -> alert(op, "firing", clock.advance(Duration.ofMinutes(op.b() % 10)));
        case CLEAR -> alert(op, "resolved", clock.advance(Duration.ofMinutes(op.b() % 10)));
        case LATE_ALERT -> alert(op, op.b() % 2 == 0 ? "firing" : "resolved", clock.instant().minus(Duration.ofMinutes(7)));
        case OPEN -> desk.open(Fixtures.report(SERVICES.get(op.a() % 2), 1 + op.b() % 3, 1 + op.a() % 3));
        case WAIT -> clock.advance(Duration.ofMinutes(op.b()));
        case LONG_WAIT -> clock.advance(Duration.ofHours(1 + op.b() % 12));
        case CHECK_SLAS -> desk.checkSlas();
        case TOOL_DOWN, TOOL_UP -> {
          tool.tool.down(op.kind() == Kind.TOOL_DOWN);
          yield "tool " + op.kind();
        }
        case RESYNC -> desk.resync();
        default -> target.<Object>map(id -> command(op, id)).orElse("no incident");
      };
    }

    private Object alert(Op op, String status, Instant at) {
      int k = op.a() % KEYS.size();
      return desk.raise(Fixtures.alert(KEYS.get(k), SERVICES.get(k), op.b() % 3 == 0 ? "critical" : "warning", status, at));
    }

    private Object command(Op op, IncidentId id) {
      clock.advance(Duration.ofMinutes(1));
      return switch (op.kind()) {
        case ACK -> desk.acknowledge(id, ACTOR);
        case ASSIGN -> desk.assign(id, TeamId.of("team-" + op.b() % 2), ACTOR);
        case REPRIORITIZE -> desk.reprioritize(id, Impact.values()[op.b() % 3], Urgency.values()[op.a() % 3], ACTOR);
        case MAJOR -> desk.markMajor(id, ACTOR);
        case HOLD -> desk.hold(id, "waiting for a vendor", ACTOR);
        case RESUME -> desk.resume(id, ACTOR);
        case RESOLVE -> desk.resolve(id, "restarted", ACTOR);
        case CLOSE -> desk.close(id, ACTOR);
        case CANCEL -> desk.cancel(id, "duplicate", ACTOR);
        case REOPEN -> desk.reopen(id, "it is back", ACTOR);
        default -> throw new IllegalStateException("not an incident command: " + op);
      };
    }

    @Override
    public Map<String, Object> state() {
      List<Incident> all = desk.incidents();
      return Map.of(
          "incidents", all,
          "unsynced", desk.unsynced(),
          "sla", all.stream().collect(Collectors.toMap(Incident::id, i -> desk.sla(i.id()).get())),
          "open", SERVICES.stream().collect(Collectors.toMap(s -> s, s -> desk.openIncidents(ServiceId.of(s)))),
          "tool", tool.tool.records(),
          "tool writes", tool.tool.writes());
    }

    @Override
    public Map<IncidentId, KeptIncident> kept() {
      return kept.byKey();
    }
  }

  private static Gen<Op> ops() {
    return Generate.enumValues(Kind.class).zip(integers().between(0, 5), integers().between(0, 90), Op::new);
  }

  @Test
  @DisplayName("a desk restored from its kept records answers every later command as the desk that kept them")
  void restoredDeskIsIndistinguishable() {
    qt().withExamples(300)
        .forAll(lists().of(ops()).ofSizeBetween(0, 40), lists().of(ops()).ofSizeBetween(1, 40), longs().all())
        .checkAssert((before, after, seed) ->
            Restarts.check(World.fresh(), before, original -> World.restoredFrom(original, seed), after));
  }
}
