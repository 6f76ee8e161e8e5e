package io.github.coexist.core.gate;

import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.ExternalKey;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.risk.RiskLevel;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A stateful property test of the gate's durable state: two worlds (a gate on its own tools,
 * clock and calendar) take the same random commands; the first gate runs on, the second is
 * restarted now and then, a fresh gate restored from the latest record of each change its keeper
 * was handed (or restored again from them while running, as a standby catching up does). After
 * every step the two must be indistinguishable: the same answers, the same tracked changes and
 * lookups, and, in the end, the same risk contexts assessed, pipeline replies, ITSM records and
 * audit trail. Tools go down and come back, so records with owed writes are restored too.
 */
class ChangeGateRestoreProperties {
  private static final Actor[] PEOPLE = ChangeGateProperties.PEOPLE;
  private static final String[] SERVICES = ChangeGateProperties.SERVICES;
  /** Short enough that finished changes are forgotten and old outcomes leave the history within a run. */
  private static final Duration RETENTION = Duration.ofHours(20);
  private static final Duration HISTORY = Duration.ofHours(30);
  private static final int KINDS = 14;

  @Test
  @DisplayName("a gate restored from its records at any point goes on exactly as the one that wrote them")
  void restoredIsIndistinguishable() {
    qt().withExamples(150).forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 70))
        .checkAssert(ChangeGateRestoreProperties::run);
  }

  @Test
  @DisplayName("replays the sequence that once found a restored gate differing (CI, session 5)")
  void replaysKnownFailure() {
    run(List.of(0, 0, 0, 0, 0, 0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 19, 245117, 229, 0, 0, 0, 0, 0, 0, 26, 10, 0, 0, 13));
  }

  private static void run(List<Integer> commands) {
    World original = new World();
    World restarted = new World();
    for (int command : commands) {
      Object expected = step(original, command, false);
      Object actual = step(restarted, command, true);
      assertThat(actual).as("answer to command %d", command).isEqualTo(expected);
      assertSameState(original.gate, restarted.gate);
    }
    assertThat(restarted.fx.risk.seen()).as("risk contexts").isEqualTo(original.fx.risk.seen());
    assertThat(restarted.fx.replies.replies()).as("pipeline replies").isEqualTo(original.fx.replies.replies());
    assertThat(restarted.fx.auditEntries()).as("audit trail").isEqualTo(original.fx.auditEntries());
    for (TrackedChange t : original.gate.changes()) {
      Optional<ExternalKey> key = t.change().externalKey();
      key.ifPresent(k -> assertThat(restarted.fx.records.read(k)).isEqualTo(original.fx.records.read(k)));
    }
  }

  private static void assertSameState(ChangeGate original, ChangeGate restored) {
    List<TrackedChange> changes = original.changes();
    assertThat(restored.changes()).isEqualTo(changes);
    for (TrackedChange t : changes) {
      assertThat(restored.change(t.change().id())).contains(t);
      // A key asked again after its change failed names the latest attempt, in both.
      assertThat(restored.byKey(t.change().idempotencyKey())).isEqualTo(original.byKey(t.change().idempotencyKey()));
      assertThat(restored.byKey(t.change().request().idempotencyKey()))
          .isEqualTo(original.byKey(t.change().request().idempotencyKey()));
      t.change().externalKey().ifPresent(k -> assertThat(restored.byExternalKey(k)).contains(t));
    }
  }

  /** One gate with its own tools, clock, calendar and audit trail, and its keeper's latest records. */
  private static final class World {
    final GateFixture fx = new GateFixture();
    final Flaky.Records records = new Flaky.Records(fx.records);
    final Flaky.Replies replies = new Flaky.Replies(fx.replies);
    final Map<ChangeId, GateRecord> kept = new LinkedHashMap<>();
    ChangeGate gate = build();

    ChangeGate build() {
      return fx.builder(records, replies)
          .retention(RETENTION)
          .historyWindow(HISTORY)
          .keeper(record -> kept.put(record.change().id(), record))
          .build();
    }

    /** The process restarts: a new gate, restored from the latest records, in no particular order. */
    void restart() {
      List<GateRecord> latest = new ArrayList<>(kept.values());
      Collections.reverse(latest);
      gate = build();
      gate.restore(latest);
    }
  }

  private static Object step(World w, int command, boolean restarts) {
    int kind = command % KINDS;
    int a = (command / KINDS) % 97;
    int b = (command / (KINDS * 100)) % 89;
    ChangeGate gate = w.gate;
    List<TrackedChange> changes = gate.changes();
    // A third of the commands aim at the newest change, so sequences get deep into one lifecycle.
    TrackedChange target = changes.isEmpty() ? null : changes.get(a % 3 == 0 ? changes.size() - 1 : a % changes.size());
    ChangeId id = target == null ? ChangeId.of("none") : target.change().id();
    Actor person = PEOPLE[b % PEOPLE.length];
    Object result = switch (kind) {
      case 0, 1 -> decide(w, a, b);
      case 2 -> gate.approve(id, person, "");
      case 3 -> gate.reject(id, person, "no");
      case 4 -> gate.withdraw(id, person);
      case 5 -> {
        w.fx.clock.advance(Duration.ofMinutes(1L + (a * 37L) % 600));
        yield gate.tick();
      }
      case 6 -> gate.deploymentStarted(id, w.fx.now());
      case 7 -> gate.deploymentFinished(id, b % 3 != 0, w.fx.now());
      case 8 -> gate.closeRetrospective(id, person, CloseCode.values()[a % 3], "reviewed");
      case 9 -> freezeOrDecideInTool(w, target, a, b);
      case 10 -> gate.incidentCaused(id, IncidentId.of("inc-" + a % 4), person);
      case 11 -> webhook(gate, target, a, person);
      case 12 -> outage(w, a);
      default -> {
        if (restarts) {
          if (a % 3 == 0) {
            w.gate.restore(w.kept.values());
          } else {
            w.restart();
          }
        }
        yield "restarted";
      }
    };
    if (result instanceof Either<?, ?> either && either.isLeft()) {
      assertThat(ChangeGateProperties.EXPECTED_ERRORS).as("unexpected error %s", either.getLeft()).contains(either.getLeft().getClass());
    }
    return result;
  }

  private static Either<CoexistError, GateDecision> decide(World w, int a, int b) {
    String service = SERVICES[a % SERVICES.length];
    w.fx.level(service, RiskLevel.values()[b % RiskLevel.values().length]);
    var request = deploy("key-" + (a % 12), service).emergency(b % 4 == 0)
        .changeModel(b % 6 == 1 ? "config-toggle" : null)
        .plannedStart(w.fx.now().plus(Duration.ofMinutes(15L * (b % 5))))
        .plannedDuration(Duration.ofMinutes(30L + a % 90));
    if (b % 5 == 2) {
      Decision.Outcome answer = a % 2 == 0 ? Decision.Outcome.APPROVED : Decision.Outcome.REJECTED;
      PipelineDeadline deadline = new PipelineDeadline(w.fx.now().plus(Duration.ofMinutes(20L + a)), answer);
      return request.build(s -> true).flatMap(r -> w.gate.decide(r, deadline));
    }
    return w.gate.decide(request);
  }

  private static Object freezeOrDecideInTool(World w, TrackedChange target, int a, int b) {
    if (b % 2 == 0) {
      w.fx.freeze("freeze-" + a, Duration.ofMinutes(30L + a));
      return "froze";
    }
    Optional<ExternalKey> key = target == null ? Optional.empty() : target.change().externalKey();
    return key.<Object>map(k -> w.fx.records.setApproval(k, a % 2 == 0 ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED))
        .orElse("no record");
  }

  private static Object webhook(ChangeGate gate, TrackedChange target, int a, Actor by) {
    Optional<ExternalKey> key = target == null ? Optional.empty() : target.change().externalKey();
    if (key.isEmpty()) {
      return "no record";
    }
    return switch (a % 3) {
      case 0 -> gate.decidedInTool(key.get(), Decision.Outcome.APPROVED, by, "looks fine");
      case 1 -> gate.decidedInTool(key.get(), Decision.Outcome.REJECTED, by, "");
      default -> gate.cancelledInTool(key.get(), by, "not needed");
    };
  }

  /** The ITSM tool or the pipeline goes down, refuses, or comes back. */
  private static Object outage(World w, int a) {
    switch (a % 6) {
      case 0 -> w.records.failWith(new CoexistError.Unavailable("503"));
      case 1, 2 -> w.records.recover();
      case 3 -> w.replies.failure.set(new CoexistError.RateLimited(Optional.empty(), "429"));
      case 4 -> w.replies.failure.set(null);
      default -> w.records.failWith(new CoexistError.Forbidden("no ACL"));
    }
    return "outage " + a % 6;
  }
}
