package io.github.coexist.core;

import static io.github.coexist.core.testing.Requests.built;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.coexist.core.change.InMemoryChangeRecords;
import io.github.coexist.core.change.InMemoryGateReplies;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.gate.GateRecord;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.risk.RiskContext;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.signal.SignalOutcome;
import io.github.coexist.core.store.InMemoryStateStore;
import io.github.coexist.core.store.StoredRecord;
import io.github.coexist.core.testing.FakeRisk;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pruning, as a stateful property: two worlds take the same random commands (gate requests,
 * deployments that close changes, time passing by up to 50 days, ticks); the first runs on, the
 * second is restarted from its store now and then. Ticks forget finished changes after the gate's
 * retention and delete their records once they leave the history window, so the restarted world
 * reads back less; it must still answer the same, track the same changes and assess every new
 * request with the same recent history, and neither store may keep a record that no longer counts.
 */
class CoexistPruningProperties {
  private static final Instant T0 = Instant.parse("2025-03-04T10:00:00Z");
  private static final String[] SERVICES = {"shop", "cart", "vault"};
  private static final int KINDS = 6;

  @Test
  @DisplayName("a coexist restarted after its store was pruned goes on exactly as the one never restarted")
  void restartedAfterPruningIsIndistinguishable() {
    qt().withExamples(40).forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 40))
        .checkAssert(CoexistPruningProperties::run);
  }

  @Test
  @DisplayName("a forgotten change's record is deleted at the first tick after it left the history window")
  void pruned() {
    World world = new World();
    world.accept(Signal.GateRequested.of(built("k-1", "shop")));
    world.deploy(0, true);
    world.clock.advance(Duration.ofDays(89));
    world.coexist.tick();
    assertThat(world.changeRecords()).as("finished, not forgotten yet").hasSize(1);
    world.clock.advance(Duration.ofDays(2));
    world.coexist.tick();
    assertThat(world.changeRecords()).as("forgotten and out of the history window").isEmpty();
    world.restart();
    assertThat(world.coexist.gate().changes()).isEmpty();
  }

  private static void run(List<Integer> commands) {
    World original = new World();
    World restarted = new World();
    for (int command : commands) {
      Object expected = original.step(command, false);
      Object actual = restarted.step(command, true);
      assertThat(actual).as("answer to command %d", command).isEqualTo(expected);
      assertThat(restarted.tracked()).isEqualTo(original.tracked());
      restarted.assertNothingStale();
      original.assertNothingStale();
    }
    assertThat(restarted.histories()).as("recent history of every request assessed").isEqualTo(original.histories());
  }

  /** One coexist on its own clock, store and tools. */
  private static final class World {
    final ManualClock clock = new ManualClock(T0);
    final InMemoryStateStore store = new InMemoryStateStore(clock);
    final FakeRisk risk = new FakeRisk();
    final InMemoryChangeRecords itsm = new InMemoryChangeRecords();
    final InMemoryGateReplies pipeline = new InMemoryGateReplies();
    Coexist coexist = start();
    int deployments;

    Coexist start() {
      Coexist started = Coexist.builder().clock(clock).store(store).instance("a").riskAssessor(risk)
          .changeRecords(itsm).gateReplies(pipeline).build();
      for (String service : SERVICES) {
        started.register(Service.of(service, service + "-team"));
      }
      return started;
    }

    void restart() {
      coexist.close();
      coexist = start();
    }

    Object step(int command, boolean restarts) {
      int kind = command % KINDS;
      int a = (command / KINDS) % 97;
      int b = (command / (KINDS * 100)) % 89;
      return switch (kind) {
        case 0, 1 -> accept(Signal.GateRequested.of(built("k-" + a % 15, SERVICES[b % SERVICES.length])));
        case 2 -> deploy(a, b % 3 != 0);
        case 3 -> {
          clock.advance(Duration.ofHours(1L + (a * 89L + b) % (24 * 50)));
          yield "time passed";
        }
        case 4 -> {
          coexist.tick();
          yield "ticked";
        }
        default -> {
          if (restarts) {
            restart();
          }
          yield "restarted";
        }
      };
    }

    /** What a signal produced, without the ids (a restart skips numbers reserved and unused). */
    Object accept(Signal signal) {
      return coexist.accept(signal).map(SignalOutcome::decision).toString().replaceAll("ch-[0-9]+", "ch-#");
    }

    /** The {@code index}-th tracked change is deployed, successfully or not, which closes it. */
    Object deploy(int index, boolean success) {
      List<TrackedChange> changes = coexist.gate().changes();
      if (changes.isEmpty()) {
        return "nothing to deploy";
      }
      TrackedChange change = changes.get(index % changes.size());
      Instant now = clock.instant();
      Deployment deployment = new Deployment(DeploymentId.of("d-" + ++deployments), change.change().service(),
          "production", success ? Deployment.Status.SUCCESS : Deployment.Status.FAILURE, now,
          Optional.of(now.plusSeconds(60)), List.of(), Optional.of(change.change().id()), Optional.empty(),
          Optional.of("acme/shop"), Optional.of("abc123"));
      return coexist.accept(Signal.DeploymentReported.of(deployment)).isRight();
    }

    /**
     * The changes tracked, without their ids: key, service and state (a re-run's key names the
     * change it follows, whose number a restart may have skipped ahead: that number is left out too).
     */
    List<String> tracked() {
      List<String> all = new ArrayList<>();
      for (TrackedChange t : coexist.gate().changes()) {
        all.add((t.change().idempotencyKey() + " " + t.change().service() + " " + t.change().state())
            .replaceAll("ch-[0-9]+", "ch-#"));
      }
      return all;
    }

    List<RiskContext.RecentChanges> histories() {
      return risk.seen().stream().map(RiskContext::recentChanges).toList();
    }

    List<GateRecord> changeRecords() {
      return store.load(0).get().records().stream().filter(StoredRecord.OfGate.class::isInstance)
          .map(record -> ((StoredRecord.OfGate) record).record()).toList();
    }

    /**
     * The store holds the record of every change tracked and nothing else: with the defaults (a
     * change is forgotten 90 days after it finished, and counts in its service's history for 30),
     * the tick that forgets a change deletes its record.
     */
    void assertNothingStale() {
      assertThat(changeRecords()).map(record -> record.change().id())
          .containsExactlyInAnyOrderElementsOf(coexist.gate().changes().stream().map(t -> t.change().id()).toList());
    }
  }
}
