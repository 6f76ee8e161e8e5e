package io.github.coexist.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.audit.InMemoryAuditStore;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.stateful.Command;
import org.quicktheories.core.stateful.Sequential;
import org.quicktheories.generators.Generate;

/** Random command sequences against the request desk, checked against an independent model. */
class RequestLifecycleProperties {

  enum Kind { SUBMIT_DB, SUBMIT_STAGING, APPROVE, REJECT, START, TASK_1, TASK_2, FULFIL, CANCEL }

  /** The model of one request: its state and how many tasks are done. */
  record Expected(RequestState state, int tasksDone, int taskCount) {}

  record Model(List<Expected> requests) {}

  static final class Sut {
    final ManualClock clock = ManualClock.atMondayMorning();
    final AuditTrail trail = new AuditTrail(new InMemoryAuditStore(), clock);
    final AtomicInteger next = new AtomicInteger();
    final RequestDesk desk = RequestDesk.builder(clock, CatalogFixtures.catalog()).audit(trail)
        .ids(() -> RequestId.of("REQ-" + next.incrementAndGet())).build();
    final List<RequestId> ids = new ArrayList<>();
  }

  record Op(Kind kind, int target) implements Command<Sut, Model> {
    private static final Actor FULFILLER = Actor.person("fulfiller");

    @Override
    public void run(Sut sut) {
      sut.clock.advance(Duration.ofMinutes(3));
      switch (kind) {
        case SUBMIT_DB -> sut.ids.add(sut.desk.submit(CatalogFixtures.DB_ACCESS.id(), CatalogFixtures.DAVE,
            Map.of("database", "payments", "reason", "audit")).get().id());
        case SUBMIT_STAGING -> sut.ids.add(sut.desk.submit(CatalogFixtures.STAGING.id(), CatalogFixtures.DAVE,
            Map.of("name", "s1")).get().id());
        default -> {
          if (target >= sut.ids.size()) {
            return;
          }
          RequestId id = sut.ids.get(target);
          switch (kind) {
            case APPROVE -> sut.desk.approve(id, CatalogFixtures.DBA);
            case REJECT -> sut.desk.reject(id, CatalogFixtures.DBA, "no");
            case START -> sut.desk.startFulfilment(id, FULFILLER);
            case TASK_1 -> sut.desk.completeTask(id, firstTask(sut, id), FULFILLER);
            case TASK_2 -> sut.desk.completeTask(id, "grant read role", FULFILLER);
            case FULFIL -> sut.desk.fulfil(id, FULFILLER);
            case CANCEL -> sut.desk.cancel(id, "changed my mind", CatalogFixtures.DAVE);
            default -> throw new IllegalStateException();
          }
        }
      }
      sut.desk.requests().forEach(Op::invariants);
    }

    private static String firstTask(Sut sut, RequestId id) {
      return sut.desk.request(id).get().item().tasks().get(0).name();
    }

    @Override
    public Model nextState(Model model) {
      List<Expected> next = new ArrayList<>(model.requests());
      switch (kind) {
        case SUBMIT_DB -> next.add(new Expected(RequestState.SUBMITTED, 0, 2));
        case SUBMIT_STAGING -> next.add(new Expected(RequestState.APPROVED, 0, 1));
        default -> {
          if (target >= next.size()) {
            return model;
          }
          Expected e = next.get(target);
          RequestState s = e.state();
          boolean dbItem = e.taskCount() == 2;
          Expected after = switch (kind) {
            // The DBA group approves database requests; the staging item has no approvers at all.
            case APPROVE -> s == RequestState.SUBMITTED && dbItem ? new Expected(RequestState.APPROVED, 0, 2) : e;
            case REJECT -> s == RequestState.SUBMITTED && dbItem ? new Expected(RequestState.REJECTED, 0, 2) : e;
            case START -> s == RequestState.APPROVED ? new Expected(RequestState.IN_FULFILMENT, 0, e.taskCount()) : e;
            case TASK_1 -> s == RequestState.IN_FULFILMENT ? done(e, 1) : e;
            case TASK_2 -> s == RequestState.IN_FULFILMENT && dbItem ? done(e, 2) : e;
            case FULFIL -> e;
            case CANCEL -> s == RequestState.SUBMITTED || s == RequestState.APPROVED || s == RequestState.IN_FULFILMENT
                ? new Expected(RequestState.CANCELED, e.tasksDone(), e.taskCount()) : e;
            default -> e;
          };
          next.set(target, after);
        }
      }
      return new Model(List.copyOf(next));
    }

    /** Task {@code which} (1 or 2) done; bit flags so doing one twice counts once. */
    private static Expected done(Expected e, int which) {
      int flags = e.tasksDone() | which;
      int count = Integer.bitCount(flags);
      return new Expected(count == e.taskCount() ? RequestState.FULFILLED : RequestState.IN_FULFILMENT, flags,
          e.taskCount());
    }

    static void invariants(ServiceRequest r) {
      assertThat(r.activity().get(r.activity().size() - 1).state()).isEqualTo(r.state());
      assertThat(r.approvedAt().isPresent()).isEqualTo(r.approvedBy().isPresent());
      if (r.state() == RequestState.IN_FULFILMENT || r.state() == RequestState.FULFILLED) {
        assertThat(r.approvedBy()).isPresent();
        assertThat(r.tasks()).hasSize(r.item().tasks().size());
      }
      assertThat(r.fulfilledAt().isPresent()).isEqualTo(r.state() == RequestState.FULFILLED);
      if (r.state() == RequestState.FULFILLED) {
        assertThat(r.openTasks()).isEmpty();
      }
      assertThat(r.endedAt().isPresent())
          .isEqualTo(r.state() == RequestState.REJECTED || r.state() == RequestState.CANCELED);
      assertThat(r.requester()).isNotEqualTo(r.approvedBy().orElse(Actor.COEXIST));
    }
  }

  static Model stateOf(Sut sut) {
    List<Expected> found = new ArrayList<>();
    for (RequestId id : sut.ids) {
      ServiceRequest r = sut.desk.request(id).get();
      int flags = 0;
      for (int i = 0; i < r.tasks().size(); i++) {
        flags |= r.tasks().get(i).isDone() ? 1 << i : 0;
      }
      found.add(new Expected(r.state(), flags, r.item().tasks().size()));
    }
    return new Model(List.copyOf(found));
  }

  private static Gen<Op> ops() {
    return Generate.enumValues(Kind.class).zip(integers().between(0, 2), Op::new);
  }

  @Test
  @DisplayName("any sequence of commands follows the request lifecycle model and keeps its invariants")
  void followsTheModel() {
    qt().withExamples(200).forAll(lists().of(ops()).ofSizeBetween(1, 40)).checkAssert(ops -> {
      Sut[] made = new Sut[1];
      Sequential.modelCheck(new Model(List.of()), ops, model -> made[0] = new Sut(), RequestLifecycleProperties::stateOf);
      assertThat(made[0].trail.verify().get().intact()).isTrue();
    });
  }
}
