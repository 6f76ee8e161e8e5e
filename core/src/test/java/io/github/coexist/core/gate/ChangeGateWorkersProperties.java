package io.github.coexist.core.gate;

import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.risk.RiskLevel;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A stateful property test of delivery on workers: two worlds take the same random commands, one
 * gate delivering on the caller's thread, the other on workers whose queued tasks the commands run
 * in a random order (a deterministic executor), while the tools go down and come back. Every
 * answer is the same; once the tools are back and the queues drained, both hold the same changes,
 * each with exactly one ITSM record in the change's state and the same last answer to its
 * pipeline: no write lost, none made twice.
 */
class ChangeGateWorkersProperties {
  private static final Actor[] PEOPLE = ChangeGateProperties.PEOPLE;
  private static final String[] SERVICES = ChangeGateProperties.SERVICES;
  private static final int KINDS = 10;

  @Test
  @DisplayName("a gate delivering on workers, in any order, ends where the one delivering in place does")
  void workersEndWhereDirectDoes() {
    qt().withExamples(200).forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 80))
        .checkAssert(ChangeGateWorkersProperties::run);
  }

  private static void run(List<Integer> commands) {
    World direct = new World(false);
    World workers = new World(true);
    for (int command : commands) {
      Object expected = step(direct, command);
      Object actual = step(workers, command);
      assertThat(actual).as("answer to command %d", command).isEqualTo(expected);
    }
    direct.settle();
    workers.settle();
    assertThat(workers.summary()).isEqualTo(direct.summary());
    for (World w : List.of(direct, workers)) {
      assertThat(w.fx.records.size()).as("one ITSM record per change").isEqualTo(w.gate.changes().size());
      for (TrackedChange t : w.gate.changes()) {
        assertThat(t.sync()).isEqualTo(TrackedChange.Sync.SYNCED);
        assertThat(t.replyPending()).isFalse();
        assertThat(w.fx.records.read(t.change().externalKey().orElseThrow()).get().state())
            .isEqualTo(t.change().state());
      }
    }
  }

  /** One gate with its tools, clock and audit trail; with workers, two queues a test drains by hand. */
  private static final class World {
    final GateFixture fx = new GateFixture();
    final Flaky.Records records = new Flaky.Records(fx.records);
    final Flaky.Replies replies = new Flaky.Replies(fx.replies);
    final Queue toItsm = new Queue();
    final Queue toPipeline = new Queue();
    final ChangeGate gate;

    World(boolean workers) {
      ChangeGate.Builder builder = fx.builder(records, replies);
      gate = workers ? builder.deliverRecordsOn(toItsm).deliverRepliesOn(toPipeline).build() : builder.build();
    }

    /** The tools come back; ticks and workers run until nothing is owed. */
    void settle() {
      records.recover();
      replies.failure.set(null);
      for (int round = 0; round < 20 && (owes() || !toItsm.tasks.isEmpty() || !toPipeline.tasks.isEmpty()); round++) {
        gate.tick();
        toItsm.runAll();
        toPipeline.runAll();
      }
    }

    boolean owes() {
      return gate.changes().stream().anyMatch(t -> t.sync() != TrackedChange.Sync.SYNCED || t.replyPending());
    }

    /** Each change's id, state and decision, and the outcome of the last reply its pipeline got. */
    List<String> summary() {
      return gate.changes().stream().map(t -> t.change().id().value() + " " + t.change().state() + " "
          + t.change().decision().outcome() + " replied " + fx.replies.repliesFor(t.change().id()).stream()
              .reduce((first, second) -> second).map(GateReply::outcome).map(String::valueOf).orElse("nothing"))
          .collect(Collectors.toList());
    }
  }

  /** An executor that only queues; the test runs the task it picks, on its own thread. */
  private static final class Queue implements Executor {
    final List<Runnable> tasks = new ArrayList<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    String runOne(int pick) {
      if (tasks.isEmpty()) {
        return "idle";
      }
      tasks.remove(pick % tasks.size()).run();
      return "ran";
    }

    void runAll() {
      while (!tasks.isEmpty()) {
        runOne(0);
      }
    }
  }

  /** Runs one command; worker commands are no-ops for the direct world (both answer the same). */
  private static Object step(World w, int command) {
    int kind = command % KINDS;
    int a = (command / KINDS) % 97;
    int b = (command / (KINDS * 100)) % 89;
    List<TrackedChange> changes = w.gate.changes();
    ChangeId id = changes.isEmpty() ? ChangeId.of("none") : changes.get(a % changes.size()).change().id();
    Actor person = PEOPLE[b % PEOPLE.length];
    Object result = switch (kind) {
      case 0, 1 -> {
        String service = SERVICES[a % SERVICES.length];
        w.fx.level(service, RiskLevel.values()[b % RiskLevel.values().length]);
        yield outcome(w.gate.decide(deploy("key-" + a % 10, service)));
      }
      case 2 -> outcome(w.gate.approve(id, person, ""));
      case 3 -> outcome(w.gate.reject(id, person, "no"));
      case 4 -> {
        w.fx.clock.advance(Duration.ofMinutes(1L + a % 30));
        yield w.gate.tick().stillWaiting();
      }
      case 5 -> outage(w, a);
      case 6 -> outcome(b % 2 == 0 ? w.gate.deploymentStarted(id, w.fx.now())
          : w.gate.deploymentFinished(id, a % 3 != 0, w.fx.now()));
      case 7, 8 -> {
        w.toItsm.runOne(a);
        yield "worker";
      }
      default -> {
        w.toPipeline.runOne(a);
        yield "worker";
      }
    };
    return result;
  }

  /** The part of an answer both worlds share: a delivery may name the ITSM record in one only. */
  private static Object outcome(Either<CoexistError, ?> answer) {
    return answer.fold(error -> error.getClass().getSimpleName(),
        done -> done instanceof GateDecision d ? d.change().id() + " " + d.decision().outcome() + " " + d.created()
            : done instanceof Change c ? c.id() + " " + c.state() : "done");
  }

  /** The ITSM tool or the pipeline goes down for a while (transiently), or comes back. */
  private static Object outage(World w, int a) {
    switch (a % 4) {
      case 0 -> w.records.failWith(new CoexistError.Unavailable("503"));
      case 1 -> w.records.recover();
      case 2 -> w.replies.failure.set(new CoexistError.RateLimited(Optional.empty(), "429"));
      default -> w.replies.failure.set(null);
    }
    return "outage";
  }
}
