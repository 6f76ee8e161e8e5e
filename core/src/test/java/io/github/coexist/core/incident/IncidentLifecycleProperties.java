package io.github.coexist.core.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.audit.InMemoryAuditStore;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.support.Results;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.stateful.Command;
import org.quicktheories.core.stateful.Sequential;
import org.quicktheories.generators.Generate;

/**
 * Random sequences of commands against the desk, checked after each against a model of the
 * lifecycle written independently of the desk, plus invariants every snapshot must keep.
 */
class IncidentLifecycleProperties {
  private static final Actor ACTOR = Actor.person("responder");

  enum Kind { OPEN, ACK, HOLD, RESUME, RESOLVE, CLOSE, CANCEL, REOPEN, MAJOR, WAIT }

  /** What the model expects of one incident. */
  record Expected(IncidentState state, int reopens, boolean acknowledged, boolean major) {
    Expected with(IncidentState next) {
      return new Expected(next, reopens, acknowledged, major);
    }
  }

  record Model(List<Expected> incidents) {
    Model set(int index, Expected expected) {
      List<Expected> next = new ArrayList<>(incidents);
      next.set(index, expected);
      return new Model(List.copyOf(next));
    }
  }

  static final class Sut {
    final ManualClock clock = ManualClock.atMondayMorning();
    final AuditTrail trail = new AuditTrail(new InMemoryAuditStore(), clock);
    final IncidentDesk desk = Fixtures.desk(clock).audit(trail).build();
    final List<IncidentId> ids = new ArrayList<>();
    int accepted;
  }

  record Op(Kind kind, int target, int minutes) implements Command<Sut, Model> {
    @Override
    public void run(Sut sut) {
      if (kind == Kind.WAIT) {
        sut.clock.advance(Duration.ofMinutes(minutes));
        return;
      }
      if (kind == Kind.OPEN) {
        Incident opened = Results.right(sut.desk.open(Fixtures.report("shop", 1 + minutes % 3, 1 + target % 3)));
        sut.ids.add(opened.id());
        sut.accepted++;
        return;
      }
      if (target >= sut.ids.size()) {
        return;
      }
      IncidentId id = sut.ids.get(target);
      Incident before = Results.right(sut.desk.incident(id));
      boolean ok = switch (kind) {
        case ACK -> sut.desk.acknowledge(id, ACTOR).isRight();
        case HOLD -> sut.desk.hold(id, "waiting for a vendor", ACTOR).isRight();
        case RESUME -> sut.desk.resume(id, ACTOR).isRight();
        case RESOLVE -> sut.desk.resolve(id, "restarted", ACTOR).isRight();
        case CLOSE -> sut.desk.close(id, ACTOR).isRight();
        case CANCEL -> sut.desk.cancel(id, "duplicate", ACTOR).isRight();
        case REOPEN -> sut.desk.reopen(id, "it is back", ACTOR).isRight();
        case MAJOR -> sut.desk.markMajor(id, ACTOR).isRight();
        default -> throw new IllegalStateException();
      };
      boolean changed = !Results.right(sut.desk.incident(id)).activity().equals(before.activity());
      assertThat(changed).as("%s accepted means recorded", this).isEqualTo(ok && !(kind == Kind.MAJOR && before.major()));
      if (changed) {
        sut.accepted++;
      }
      sut.desk.incidents().forEach(Op::invariants);
    }

    @Override
    public Model nextState(Model model) {
      if (kind == Kind.WAIT) {
        return model;
      }
      if (kind == Kind.OPEN) {
        List<Expected> next = new ArrayList<>(model.incidents());
        next.add(new Expected(IncidentState.NEW, 0, false, false));
        return new Model(List.copyOf(next));
      }
      if (target >= model.incidents().size()) {
        return model;
      }
      Expected e = model.incidents().get(target);
      boolean open = e.state() == IncidentState.NEW || e.state() == IncidentState.IN_PROGRESS
          || e.state() == IncidentState.ON_HOLD;
      Expected next = switch (kind) {
        // A new incident, or one reopened in progress before anybody acknowledged it.
        case ACK -> e.state() == IncidentState.NEW || (e.state() == IncidentState.IN_PROGRESS && !e.acknowledged())
            ? new Expected(IncidentState.IN_PROGRESS, e.reopens(), true, e.major()) : e;
        case HOLD -> e.state() == IncidentState.IN_PROGRESS ? e.with(IncidentState.ON_HOLD) : e;
        case RESUME -> e.state() == IncidentState.ON_HOLD ? e.with(IncidentState.IN_PROGRESS) : e;
        case RESOLVE -> open ? e.with(IncidentState.RESOLVED) : e;
        case CLOSE -> e.state() == IncidentState.RESOLVED ? e.with(IncidentState.CLOSED) : e;
        case CANCEL -> open ? e.with(IncidentState.CANCELED) : e;
        case REOPEN -> e.state() == IncidentState.RESOLVED
            ? new Expected(IncidentState.IN_PROGRESS, e.reopens() + 1, e.acknowledged(), e.major()) : e;
        case MAJOR -> open ? new Expected(e.state(), e.reopens(), e.acknowledged(), true) : e;
        default -> e;
      };
      return model.set(target, next);
    }

    static void invariants(Incident i) {
      assertThat(i.activity()).isNotEmpty();
      assertThat(i.activity().get(i.activity().size() - 1).state()).isEqualTo(i.state());
      for (int k = 1; k < i.activity().size(); k++) {
        assertThat(i.activity().get(k).at()).isAfterOrEqualTo(i.activity().get(k - 1).at());
      }
      assertThat(i.priority()).isEqualTo(PriorityMatrix.itil().priority(i.impact(), i.urgency()));
      i.acknowledgedAt().ifPresent(at -> assertThat(at).isAfterOrEqualTo(i.openedAt()));
      assertThat(i.resolvedAt().isPresent())
          .isEqualTo(i.state() == IncidentState.RESOLVED || i.state() == IncidentState.CLOSED);
      i.resolvedAt().ifPresent(at -> assertThat(at).isAfterOrEqualTo(i.acknowledgedAt().orElse(i.openedAt())));
      assertThat(i.closedAt().isPresent()).isEqualTo(i.state() == IncidentState.CLOSED);
      i.closedAt().ifPresent(at -> assertThat(at).isAfterOrEqualTo(i.resolvedAt().orElseThrow()));
      assertThat(i.canceledAt().isPresent()).isEqualTo(i.state() == IncidentState.CANCELED);
      assertThat(i.holdReason().isPresent()).isEqualTo(i.state() == IncidentState.ON_HOLD);
      assertThat(i.reopenCount()).isEqualTo((int) i.activity().stream()
          .filter(a -> a.action() == IncidentActivity.Action.REOPENED).count());
    }
  }

  static Model stateOf(Sut sut) {
    List<Expected> found = new ArrayList<>();
    for (IncidentId id : sut.ids) {
      Incident i = Results.right(sut.desk.incident(id));
      found.add(new Expected(i.state(), i.reopenCount(), i.acknowledgedAt().isPresent(), i.major()));
    }
    return new Model(List.copyOf(found));
  }

  private static Gen<Op> ops() {
    return Generate.enumValues(Kind.class).zip(integers().between(0, 3), integers().between(0, 240), Op::new);
  }

  @Test
  @DisplayName("any sequence of commands follows the lifecycle model, keeps every invariant and is fully audited")
  void followsTheModel() {
    qt().withExamples(200).forAll(lists().of(ops()).ofSizeBetween(1, 40)).checkAssert(ops -> {
      Sut[] made = new Sut[1];
      Sequential.modelCheck(new Model(List.of()), ops, model -> made[0] = new Sut(), IncidentLifecycleProperties::stateOf);
      if (made[0] != null) {
        assertThat(made[0].trail.verify().get().intact()).isTrue();
        assertThat(made[0].trail.read(1, 10_000).get().size()).isEqualTo(made[0].accepted);
      }
    });
  }
}
