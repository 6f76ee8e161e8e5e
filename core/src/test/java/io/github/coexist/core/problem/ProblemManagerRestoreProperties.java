package io.github.coexist.core.problem;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.coexist.core.incident.Impact;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentState;
import io.github.coexist.core.incident.PriorityMatrix;
import io.github.coexist.core.incident.Urgency;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.kernel.ProblemId;
import io.github.coexist.core.service.ServiceId;
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
 * A problem manager driven by random commands (incidents that recur on two services with two
 * signatures, some observed twice; problems raised by hand, with or without a signature; every
 * lifecycle move; time passing the recurrence window; the ITSM tool going down and coming back) is
 * restored, at a random point, into a fresh manager from the latest problems and recurrences kept,
 * read back in a random order. Both then take the same random commands and must answer the same,
 * raise the same problems on the same recurrences, hold the same pending writes and tool records,
 * announce and audit the same, and keep the same records. QuickTheories prints a failing seed.
 */
class ProblemManagerRestoreProperties {
  private static final Actor ACTOR = Actor.person("analyst");
  private static final RecurrencePolicy POLICY = new RecurrencePolicy(3, Duration.ofMinutes(60));
  private static final List<String> SERVICES = List.of("shop", "db");
  private static final List<String> SIGNATURES = List.of("prometheus/DiskFull", "prometheus/HighLatency");

  enum Kind { OBSERVE, RAISE, ASSESS, ANALYSE, KNOWN_ERROR, FIX, RESOLVE, REOPEN, CLOSE, LINK, WAIT, TOOL_DOWN, TOOL_UP, RESYNC }

  /** One command; {@code a} picks the service, signature or problem, {@code b} the minutes, levels or incident. */
  record Op(Kind kind, int a, int b) {}

  static final class World extends Restarts.World<Op> {
    final ToolProblems tool;
    final Latest<ProblemId, KeptProblem> kept;
    final Latest<List<Object>, Recurrence> counted;
    final ProblemManager manager;

    World(Instant now, ToolProblems tool, Latest<ProblemId, KeptProblem> kept, Latest<List<Object>, Recurrence> counted) {
      super(now);
      this.tool = tool;
      this.kept = kept;
      this.counted = counted;
      this.manager = ProblemManager.builder(clock).records(tool).audit(trail).recurrence(POLICY).listener(heard::add)
          .keeper(kept).recurrenceKeeper(counted).build();
    }

    static World fresh() {
      return new World(ManualClock.atMondayMorning().instant(), new ToolProblems(), problems(), recurrences());
    }

    static Latest<ProblemId, KeptProblem> problems() {
      return new Latest<>(k -> k.problem().id());
    }

    static Latest<List<Object>, Recurrence> recurrences() {
      return new Latest<>(r -> List.of(r.service(), r.signature()));
    }

    /** A manager restored from what {@code before} kept, read back in an order drawn from {@code seed}. */
    static World restoredFrom(World before, long seed) {
      List<KeptProblem> problems = before.kept.shuffled(seed);
      List<Recurrence> recurrences = before.counted.shuffled(seed + 1);
      World after = new World(before.clock.instant(), before.tool.copy(), problems().holding(problems),
          recurrences().holding(recurrences));
      after.manager.restore(problems, recurrences);
      return after;
    }

    @Override
    public Object run(Op op) {
      List<Problem> all = manager.problems();
      Optional<ProblemId> target = all.isEmpty() ? Optional.empty() : Optional.of(all.get(op.a() % all.size()).id());
      return switch (op.kind()) {
        case OBSERVE -> manager.observe(incident(op, clock.advance(Duration.ofMinutes(op.b() % 15))));
        case RAISE -> manager.raise(raised(op));
        case WAIT -> clock.advance(Duration.ofMinutes(op.b()));
        case TOOL_DOWN, TOOL_UP -> {
          tool.tool.down(op.kind() == Kind.TOOL_DOWN);
          yield "tool " + op.kind();
        }
        case RESYNC -> manager.resync();
        default -> target.<Object>map(id -> command(op, id)).orElse("no problem");
      };
    }

    /** A problem raised by hand, with one of the two signatures or none. */
    private static NewProblem raised(Op op) {
      NewProblem.Builder problem = NewProblem.builder().title("slow checkout").service(SERVICES.get(op.a() % 2))
          .impact(1 + op.b() % 3).urgency(1 + op.a() % 3).raisedBy(ACTOR);
      return (op.b() % 2 == 0 ? problem.signature(SIGNATURES.get(op.a() / 2 % 2)) : problem).build().get();
    }

    /** Incident {@code INC-<b>} on one of two services with one of two signatures, opened at {@code at}. */
    private static Incident incident(Op op, Instant at) {
      Impact impact = Impact.values()[op.b() % 3];
      Urgency urgency = Urgency.values()[op.a() % 3];
      return Incident.builder().id(IncidentId.of("INC-" + op.b())).title("failing").service(ServiceId.of(SERVICES.get(op.a() % 2)))
          .state(IncidentState.NEW).impact(impact).urgency(urgency).priority(PriorityMatrix.itil().priority(impact, urgency))
          .signature(SIGNATURES.get(op.a() / 2 % 2)).openedBy(Actor.system("prometheus")).openedAt(at).updatedAt(at)
          .build();
    }

    private Object command(Op op, ProblemId id) {
      clock.advance(Duration.ofMinutes(1));
      return switch (op.kind()) {
        case ASSESS -> manager.assess(id, ACTOR);
        case ANALYSE -> manager.startAnalysis(id, ACTOR);
        case KNOWN_ERROR -> manager.recordKnownError(id, "cause " + op.b(), "workaround", ACTOR);
        case FIX -> manager.startFix(id, ChangeId.of("ch-" + op.b()), ACTOR);
        case RESOLVE -> manager.resolve(id, "fixed", ACTOR);
        case REOPEN -> manager.reopen(id, "back", ACTOR);
        case CLOSE -> manager.close(id, Resolution.values()[op.b() % Resolution.values().length], "done", ACTOR);
        case LINK -> manager.linkIncident(id, IncidentId.of("INC-" + op.b()), ACTOR);
        default -> throw new IllegalStateException("not a problem command: " + op);
      };
    }

    @Override
    public Map<String, Object> state() {
      return Map.of(
          "problems", manager.problems(),
          "open", SERVICES.stream().collect(Collectors.toMap(s -> s, s -> manager.openProblems(ServiceId.of(s)))),
          "known errors", manager.knownErrors(),
          "unsynced", manager.unsynced(),
          "tool", tool.tool.records(),
          "tool writes", tool.tool.writes());
    }

    @Override
    public List<Map<?, ?>> kept() {
      return List.of(kept.byKey(), counted.byKey());
    }
  }

  private static Gen<Op> ops() {
    return Generate.enumValues(Kind.class).zip(integers().between(0, 7), integers().between(0, 90), Op::new);
  }

  @Test
  @DisplayName("a manager restored from its kept records answers every later command as the manager that kept them")
  void restoredManagerIsIndistinguishable() {
    qt().withExamples(300)
        .forAll(lists().of(ops()).ofSizeBetween(0, 40), lists().of(ops()).ofSizeBetween(1, 40), longs().all())
        .checkAssert((before, after, seed) ->
            Restarts.check(World.fresh(), before, original -> World.restoredFrom(original, seed), after));
  }
}
