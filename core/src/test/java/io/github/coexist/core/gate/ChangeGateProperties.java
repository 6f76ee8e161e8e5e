package io.github.coexist.core.gate;

import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeLifecycle;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.delivery.EvidenceStatus;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.risk.RiskLevel;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A stateful property test of the whole gate: random sequences of requests (normal, standard and
 * emergency), votes, withdrawals,
 * tool decisions, freezes, ticks and deployment reports, with the invariants that tie the
 * lifecycle, the decision, the ITSM record, the pipeline replies and the audit trail together
 * checked after every step.
 */
class ChangeGateProperties {
  /** Who acts: requester, approvers of both authorities, and someone who is neither. */
  static final Actor[] PEOPLE = {GateFixture.ALICE, GateFixture.BOB, GateFixture.CAROL, GateFixture.DAVE,
      GateFixture.MALLORY};
  /** Services with dependencies, without, and one the directory does not know. */
  static final String[] SERVICES = {"shop", "payments", "db", "ghost"};
  /** The errors a random command may meet; any other is a bug. */
  static final Set<Class<?>> EXPECTED_ERRORS = Set.of(CoexistError.Conflict.class,
      CoexistError.Forbidden.class, CoexistError.IllegalTransition.class, CoexistError.NotFound.class);

  @Test
  @DisplayName("random command sequences keep the gate's invariants after every step")
  void invariantsHold() {
    qt().withExamples(120).forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 50))
        .checkAssert(ChangeGateProperties::run);
  }

  private static void run(List<Integer> commands) {
    GateFixture fx = new GateFixture();
    fx.risk.forget();
    ChangeGate gate = fx.gate();
    for (int command : commands) {
      step(fx, gate, command);
      checkInvariants(fx, gate);
    }
  }

  private static void step(GateFixture fx, ChangeGate gate, int command) {
    int kind = command % 10;
    int a = (command / 10) % 97;
    int b = (command / 1000) % 89;
    List<TrackedChange> changes = gate.changes();
    // A third of the commands aim at the newest change, so sequences get deep into one lifecycle.
    ChangeId target = changes.isEmpty() ? ChangeId.of("none")
        : changes.get(a % 3 == 0 ? changes.size() - 1 : a % changes.size()).change().id();
    Actor person = PEOPLE[b % PEOPLE.length];
    Either<CoexistError, ?> result = switch (kind) {
      case 0, 1 -> decide(fx, gate, a, b);
      case 2 -> gate.approve(target, person, "");
      case 3 -> gate.reject(target, person, "no");
      case 4 -> gate.withdraw(target, person);
      case 5 -> {
        fx.clock.advance(Duration.ofMinutes(1L + (a * 37L) % 600));
        gate.tick();
        yield Either.right("ticked");
      }
      case 6 -> gate.deploymentStarted(target, fx.now());
      case 7 -> gate.deploymentFinished(target, b % 3 != 0, fx.now());
      case 8 -> gate.closeRetrospective(target, person, CloseCode.values()[a % 3], "reviewed");
      default -> {
        if (b % 2 == 0) {
          fx.freeze("freeze-" + a, Duration.ofMinutes(30L + a));
          yield Either.right("froze");
        }
        yield changes.isEmpty() ? Either.right("nothing")
            : changes.get(a % changes.size()).change().externalKey()
                .<Either<CoexistError, ?>>map(k -> fx.records.setApproval(k,
                    a % 2 == 0 ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED))
                .orElse(Either.right("no record"));
      }
    };
    if (result.isLeft()) {
      assertThat(EXPECTED_ERRORS).as("unexpected error %s", result.getLeft()).contains(result.getLeft().getClass());
    }
  }

  private static Either<CoexistError, GateDecision> decide(GateFixture fx, ChangeGate gate, int a, int b) {
    String service = SERVICES[a % SERVICES.length];
    fx.level(service, RiskLevel.values()[b % RiskLevel.values().length]);
    PipelineEvidence evidence = b % 7 == 0
        ? PipelineEvidence.of(EvidenceStatus.FAILED, EvidenceStatus.PASSED, EvidenceStatus.PASSED)
        : b % 5 == 0 ? PipelineEvidence.NONE : PipelineEvidence.allPassed();
    Either<CoexistError, GateDecision> decided = gate.decide(deploy("key-" + (a % 12), service)
        .emergency(b % 4 == 0).changeModel(b % 6 == 1 ? "config-toggle" : null).evidence(evidence));
    if (decided.isLeft()) {
      // Only a reused key with another service may be refused.
      assertThat(decided.getLeft()).isInstanceOf(CoexistError.Conflict.class);
    }
    return decided;
  }

  private static void checkInvariants(GateFixture fx, ChangeGate gate) {
    List<TrackedChange> changes = gate.changes();
    assertThat(fx.records.size()).as("one ITSM record per change").isEqualTo(changes.size());
    assertThat(changes.stream().map(t -> t.change().idempotencyKey()).distinct().count())
        .as("one change per idempotency key").isEqualTo(changes.size());
    Map<String, List<String>> transitions = new HashMap<>();
    for (AuditEntry e : fx.auditEntries()) {
      if (e.action().equals("change.transitioned")) {
        transitions.computeIfAbsent(e.subject(), k -> new java.util.ArrayList<>()).addAll(GateFixture.steps(e.outcome()));
      }
    }
    for (TrackedChange tracked : changes) {
      Change change = tracked.change();
      Decision decision = change.decision();
      String id = change.id().value();
      assertThat(tracked.problem()).as("no port refused anything for %s", id).isEmpty();
      assertThat(tracked.sync()).isEqualTo(TrackedChange.Sync.SYNCED);
      assertThat(fx.records.read(change.externalKey().orElseThrow()).get().state())
          .as("the ITSM record follows %s", id).isEqualTo(change.state());

      Set<ChangeState> allowed = switch (decision.outcome()) {
        case APPROVED -> EnumSet.of(ChangeState.SCHEDULED, ChangeState.IMPLEMENT, ChangeState.REVIEW, ChangeState.CLOSED);
        case REJECTED -> EnumSet.of(ChangeState.CANCELED);
        case PENDING -> EnumSet.of(ChangeState.NEW, ChangeState.ASSESS, ChangeState.AUTHORIZE);
      };
      assertThat(allowed).as("state of %s fits its decision %s", id, decision.outcome()).contains(change.state());

      ChangeState walked = ChangeState.NEW;
      for (String step : transitions.getOrDefault(id, List.of())) {
        String[] parts = step.split(" -> ");
        assertThat(ChangeState.valueOf(parts[0])).isEqualTo(walked);
        ChangeState next = ChangeState.valueOf(parts[1]);
        assertThat(ChangeLifecycle.allows(change.type(), walked, next))
            .as("audited move %s of %s %s is legal", step, change.type(), id).isTrue();
        walked = next;
      }
      assertThat(walked).as("the audit trail ends where %s is", id).isEqualTo(change.state());

      Optional<GateReply> finalReply = fx.replies.finalReply(change.id());
      if (decision.isPending()) {
        assertThat(finalReply).as("no final answer while %s is pending", id).isEmpty();
      } else if (!(decision.outcome() == Decision.Outcome.REJECTED && finalReply.isEmpty())) {
        // A change withdrawn after approval keeps the approval it was answered with.
        assertThat(finalReply.orElseThrow().outcome()).isIn(decision.outcome(), Decision.Outcome.APPROVED);
      }
      if (decision.outcome() == Decision.Outcome.APPROVED) {
        assertThat(finalReply.orElseThrow().outcome()).isEqualTo(Decision.Outcome.APPROVED);
      }

      if (change.type() == ChangeType.EMERGENCY) {
        assertThat(change.retrospectiveReviewRequired()).isTrue();
        if (change.state() == ChangeState.CLOSED) {
          assertThat(fx.auditOf(id, "change.reviewed")).as("%s closed only after its review", id).hasSize(1);
        }
      }
      tracked.approvals().ifPresent(approvals -> {
        boolean byVotes = decision.outcome() == Decision.Outcome.APPROVED
            && !decision.decidedBy().equals(Actor.system("memory"));
        if (byVotes) {
          assertThat(approvals.approvalCount()).as("%s approved with its quorum", id)
              .isGreaterThanOrEqualTo(approvals.authority().quorum());
        }
        assertThat(approvals.votes()).noneMatch(v -> v.actor().equals(change.request().requester()));
        assertThat(approvals.votes().stream().map(v -> v.actor()).distinct().count()).isEqualTo(approvals.votes().size());
      });
    }
    assertThat(fx.audit.verify().get().intact()).isTrue();
  }
}
