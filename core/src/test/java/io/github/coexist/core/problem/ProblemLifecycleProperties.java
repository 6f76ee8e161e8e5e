package io.github.coexist.core.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.audit.InMemoryAuditStore;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.ProblemId;
import io.github.coexist.core.kernel.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.stateful.Command;
import org.quicktheories.core.stateful.Sequential;
import org.quicktheories.generators.Generate;

/** Random command sequences against the problem manager, checked against an independent model. */
class ProblemLifecycleProperties {
  private static final Actor ACTOR = Actor.person("analyst");

  enum Kind { RAISE, ASSESS, ANALYSE, KNOWN_ERROR, FIX, RESOLVE, REOPEN, CLOSE, WAIT }

  record Expected(ProblemState state, boolean knownError, Optional<Resolution> resolution) {}

  record Model(List<Expected> problems) {}

  static final class Sut {
    final ManualClock clock = ManualClock.atMondayMorning();
    final AuditTrail trail = new AuditTrail(new InMemoryAuditStore(), clock);
    final AtomicInteger next = new AtomicInteger();
    final ProblemManager manager = ProblemManager.builder(clock).audit(trail)
        .ids(() -> ProblemId.of("PRB-" + next.incrementAndGet())).build();
    final List<ProblemId> ids = new ArrayList<>();
  }

  record Op(Kind kind, int target, Resolution resolution) implements Command<Sut, Model> {
    @Override
    public void run(Sut sut) {
      sut.clock.advance(Duration.ofMinutes(7));
      if (kind == Kind.RAISE) {
        sut.ids.add(sut.manager.raise(NewProblem.builder().title("p").service("shop").impact(2).urgency(2)
            .raisedBy(ACTOR).build().get()).get().id());
        return;
      }
      if (kind == Kind.WAIT || target >= sut.ids.size()) {
        return;
      }
      ProblemId id = sut.ids.get(target);
      switch (kind) {
        case ASSESS -> sut.manager.assess(id, ACTOR);
        case ANALYSE -> sut.manager.startAnalysis(id, ACTOR);
        case KNOWN_ERROR -> sut.manager.recordKnownError(id, "cause", "workaround", ACTOR);
        case FIX -> sut.manager.startFix(id, ChangeId.of("C-" + target), ACTOR);
        case RESOLVE -> sut.manager.resolve(id, "fixed", ACTOR);
        case REOPEN -> sut.manager.reopen(id, "back", ACTOR);
        case CLOSE -> sut.manager.close(id, resolution, "done", ACTOR);
        default -> throw new IllegalStateException();
      }
      sut.manager.problems().forEach(Op::invariants);
    }

    @Override
    public Model nextState(Model model) {
      List<Expected> next = new ArrayList<>(model.problems());
      if (kind == Kind.RAISE) {
        next.add(new Expected(ProblemState.NEW, false, Optional.empty()));
        return new Model(List.copyOf(next));
      }
      if (kind == Kind.WAIT || target >= next.size()) {
        return model;
      }
      Expected e = next.get(target);
      ProblemState s = e.state();
      Expected after = switch (kind) {
        case ASSESS -> s == ProblemState.NEW ? new Expected(ProblemState.ASSESS, e.knownError(), e.resolution()) : e;
        case ANALYSE -> s == ProblemState.ASSESS
            ? new Expected(ProblemState.ROOT_CAUSE_ANALYSIS, e.knownError(), e.resolution()) : e;
        case KNOWN_ERROR -> s == ProblemState.ASSESS || s == ProblemState.ROOT_CAUSE_ANALYSIS
            || s == ProblemState.FIX_IN_PROGRESS ? new Expected(s, true, e.resolution()) : e;
        case FIX -> s == ProblemState.ROOT_CAUSE_ANALYSIS
            ? new Expected(ProblemState.FIX_IN_PROGRESS, e.knownError(), e.resolution()) : e;
        case RESOLVE -> s == ProblemState.FIX_IN_PROGRESS
            ? new Expected(ProblemState.RESOLVED, e.knownError(), e.resolution()) : e;
        case REOPEN -> s == ProblemState.FIX_IN_PROGRESS || s == ProblemState.RESOLVED
            ? new Expected(ProblemState.ROOT_CAUSE_ANALYSIS, e.knownError(), e.resolution()) : e;
        case CLOSE -> {
          boolean allowed = resolution == Resolution.FIX_APPLIED
              ? s == ProblemState.RESOLVED
              : s != ProblemState.RESOLVED && s != ProblemState.CLOSED;
          yield allowed ? new Expected(ProblemState.CLOSED, e.knownError(), Optional.of(resolution)) : e;
        }
        default -> e;
      };
      next.set(target, after);
      return new Model(List.copyOf(next));
    }

    static void invariants(Problem p) {
      assertThat(p.activity().get(p.activity().size() - 1).state()).isEqualTo(p.state());
      assertThat(p.resolution().isPresent()).isEqualTo(p.state() == ProblemState.CLOSED);
      assertThat(p.closedAt().isPresent()).isEqualTo(p.state() == ProblemState.CLOSED);
      if (p.state() == ProblemState.RESOLVED) {
        assertThat(p.resolvedAt()).isPresent();
        assertThat(p.fix()).isPresent();
      }
      if (p.state() == ProblemState.FIX_IN_PROGRESS) {
        assertThat(p.fix()).isPresent();
      }
      if (p.resolution().equals(Optional.of(Resolution.FIX_APPLIED))) {
        assertThat(p.resolvedAt()).isPresent();
      }
      assertThat(p.isKnownError()).isEqualTo(p.knownError().isPresent() && p.state() != ProblemState.CLOSED);
    }
  }

  static Model stateOf(Sut sut) {
    List<Expected> found = new ArrayList<>();
    for (ProblemId id : sut.ids) {
      Problem p = sut.manager.problem(id).get();
      found.add(new Expected(p.state(), p.knownError().isPresent(), p.resolution()));
    }
    return new Model(List.copyOf(found));
  }

  private static Gen<Op> ops() {
    return Generate.enumValues(Kind.class).zip(integers().between(0, 2), Generate.enumValues(Resolution.class), Op::new);
  }

  @Test
  @DisplayName("any sequence of commands follows the problem lifecycle model and keeps its invariants")
  void followsTheModel() {
    qt().withExamples(200).forAll(lists().of(ops()).ofSizeBetween(1, 40)).checkAssert(ops -> {
      Sut[] made = new Sut[1];
      Sequential.modelCheck(new Model(List.of()), ops, model -> made[0] = new Sut(), ProblemLifecycleProperties::stateOf);
      assertThat(made[0].trail.verify().get().intact()).isTrue();
    });
  }
}
