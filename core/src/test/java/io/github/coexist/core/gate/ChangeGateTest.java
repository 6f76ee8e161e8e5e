package io.github.coexist.core.gate;

import static io.github.coexist.core.gate.GateFixture.ALICE;
import static io.github.coexist.core.gate.GateFixture.BOB;
import static io.github.coexist.core.gate.GateFixture.CAROL;
import static io.github.coexist.core.gate.GateFixture.DAVE;
import static io.github.coexist.core.gate.GateFixture.MALLORY;
import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.calendar.WindowOccurrence;
import io.github.coexist.core.change.ApprovalPolicy;
import io.github.coexist.core.change.ApprovalStatus;
import io.github.coexist.core.change.Change;
import io.github.coexist.core.change.ChangeModel;
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
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.risk.RiskContext;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.ServiceId;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChangeGateTest {
  private final GateFixture fx = new GateFixture();
  private final ChangeGate gate = fx.gate();

  private GateDecision decide(String key, String service) {
    return gate.decide(deploy(key, service)).get();
  }

  private Change current(GateDecision decision) {
    return gate.change(decision.change().id()).orElseThrow().change();
  }

  private GateReply lastReply(GateDecision decision) {
    List<GateReply> replies = fx.replies.repliesFor(decision.change().id());
    return replies.get(replies.size() - 1);
  }

  @Nested
  @DisplayName("deciding")
  class Deciding {
    @Test
    @DisplayName("a low-risk normal change with passing evidence is approved and scheduled at once")
    void autoApproved() {
      GateDecision d = decide("k-1", "shop");
      assertThat(d.outcome()).isEqualTo(Decision.Outcome.APPROVED);
      assertThat(d.created()).isTrue();
      assertThat(d.change().type()).isEqualTo(ChangeType.NORMAL);
      assertThat(d.change().state()).isEqualTo(ChangeState.SCHEDULED);
      assertThat(d.decision().policyVersion()).isEqualTo("policy-1");
      assertThat(d.decision().decidedBy()).isEqualTo(Actor.COEXIST);
      assertThat(d.change().assignmentGroup().value()).isEqualTo("web");
      assertThat(fx.transitions(d.change().id().value()))
          .containsExactly("NEW -> ASSESS", "ASSESS -> AUTHORIZE", "AUTHORIZE -> SCHEDULED");
    }

    @Test
    @DisplayName("the pipeline gets one final reply naming the change and its ITSM key and the top risk factors")
    void replyNamesChangeAndFactors() {
      GateDecision d = decide("k-1", "shop");
      GateReply reply = fx.replies.finalReply(d.change().id()).orElseThrow();
      assertThat(reply.outcome()).isEqualTo(Decision.Outcome.APPROVED);
      assertThat(reply.externalKey().orElseThrow().display()).isEqualTo("CHG0001001");
      assertThat(reply.comment()).startsWith("CHG0001001 (change " + d.change().id() + ") approved")
          .contains("change-size +12: 120 lines in 4 files").contains("policy-1");
      assertThat(reply.source()).isEqualTo("github");
      assertThat(reply.replyTo()).containsEntry("run", "42");
      assertThat(fx.replies.repliesFor(d.change().id())).hasSize(1);
    }

    @Test
    @DisplayName("a moderate-risk change waits for the change manager, with an expiry")
    void moderatePending() {
      fx.level("shop", RiskLevel.MODERATE);
      GateDecision d = decide("k-1", "shop");
      assertThat(d.outcome()).isEqualTo(Decision.Outcome.PENDING);
      assertThat(d.change().state()).isEqualTo(ChangeState.AUTHORIZE);
      assertThat(d.waitingFor()).contains("0 of 1 change-manager approval");
      assertThat(d.decision().authority()).contains("change-manager");
      assertThat(d.decision().expiresAt()).contains(fx.now().plus(Duration.ofHours(48)));
      GateReply progress = lastReply(d);
      assertThat(progress.isFinal()).isFalse();
      assertThat(progress.comment()).contains("waiting for 0 of 1 change-manager approval");
      assertThat(fx.records.read(d.change().externalKey().orElseThrow()).get().approval())
          .isEqualTo(ApprovalStatus.REQUESTED);
    }

    @Test
    @DisplayName("failed pipeline evidence is rejected and the change canceled")
    void failedEvidence() {
      GateDecision d = gate.decide(deploy("k-1", "shop").evidence(
          PipelineEvidence.of(EvidenceStatus.FAILED, EvidenceStatus.PASSED, EvidenceStatus.PASSED))).get();
      assertThat(d.outcome()).isEqualTo(Decision.Outcome.REJECTED);
      assertThat(d.change().state()).isEqualTo(ChangeState.CANCELED);
      assertThat(fx.transitions(d.change().id().value())).containsExactly("NEW -> ASSESS", "ASSESS -> CANCELED");
      assertThat(fx.replies.finalReply(d.change().id()).orElseThrow().outcome()).isEqualTo(Decision.Outcome.REJECTED);
    }

    @Test
    @DisplayName("a standard change goes from New straight to Scheduled")
    void standard() {
      ChangeGate withTemplate = ChangeGate.builder().clock(fx.clock).riskAssessor(fx.risk)
          .auditTrail(fx.audit).changeRecords(fx.records).gateReplies(fx.replies)
          .approvalPolicy(GateFixture.policy().toBuilder().model(ChangeModel.standard("config-toggle", "tests")).build().get())
          .build();
      fx.level("shop", RiskLevel.MODERATE);
      GateDecision d = withTemplate.decide(deploy("k-1", "shop").changeModel("config-toggle")).get();
      assertThat(d.outcome()).isEqualTo(Decision.Outcome.APPROVED);
      assertThat(d.change().type()).isEqualTo(ChangeType.STANDARD);
      assertThat(d.change().model()).isEqualTo("config-toggle");
      assertThat(fx.transitions(d.change().id().value())).containsExactly("NEW -> SCHEDULED");
    }

    @Test
    @DisplayName("an unknown service is still decided, assigned to nobody, with no service in the risk context")
    void unknownService() {
      GateDecision d = decide("k-1", "ghost");
      assertThat(d.outcome()).isEqualTo(Decision.Outcome.APPROVED);
      assertThat(d.change().assignmentGroup()).isEqualTo(ChangeGate.UNASSIGNED);
      assertThat(fx.risk.last().service()).isEmpty();
    }

    @Test
    @DisplayName("the request, its decision with every input and the policy version, and the walk are audited")
    void audited() {
      GateDecision d = decide("k-1", "shop");
      List<AuditEntry> entries = fx.auditEntries();
      assertThat(entries).extracting(AuditEntry::action).containsExactly("change.requested", "change.transitioned");
      AuditEntry requested = entries.get(0);
      assertThat(requested.subject()).isEqualTo(d.change().id().value());
      assertThat(requested.policyVersion()).contains("policy-1");
      assertThat(requested.actor()).isEqualTo(ALICE);
      assertThat(requested.outcome()).isEqualTo("approved");
      assertThat(requested.inputs()).containsEntry("service", "shop").containsEntry("environment", "production")
          .containsEntry("idempotency-key", "k-1").containsEntry("source", "github")
          .containsEntry("risk.score", "12").containsEntry("risk.level", "low")
          .containsEntry("evidence", "tests=passed review=passed security-scan=passed")
          .containsEntry("requester", "person:alice").containsEntry("model", "normal").containsEntry("type", "normal");
      assertThat(requested.inputs().get("risk.factors")).startsWith("change-size +12");
      assertThat(entries.get(1).outcome()).isEqualTo("NEW -> ASSESS -> AUTHORIZE -> SCHEDULED");
      assertThat(entries.get(1).actor()).isEqualTo(Actor.COEXIST);
      assertThat(fx.audit.verify().get().intact()).isTrue();
    }
  }

  @Nested
  @DisplayName("bad input")
  class BadInput {
    @Test
    @DisplayName("lists every problem at once: no service, negative sizes, blank key, unknown environment")
    void everyProblem() {
      CoexistError error = gate.decide(deploy(" ", null).environment("moon").filesChanged(-1).linesChanged(-5))
          .getLeft();
      assertThat(error).isInstanceOfSatisfying(CoexistError.InvalidInput.class, e -> assertThat(e.problems())
          .containsExactlyInAnyOrder(
              "idempotency key is required",
              "service is required",
              "files changed must not be negative, was -1",
              "lines changed must not be negative, was -5",
              "environment 'moon' is not a known environment"));
      assertThat(gate.changes()).isEmpty();
      assertThat(fx.records.size()).isZero();
    }

    @Test
    @DisplayName("a built request for an unknown environment is refused too")
    void builtRequest() {
      CoexistError error = gate.decide(deploy("k-1", "shop").environment("moon").build().get()).getLeft();
      assertThat(((CoexistError.InvalidInput) error).problems())
          .containsExactly("environment 'moon' is not a known environment");
    }
  }

  @Nested
  @DisplayName("idempotency")
  class Idempotency {
    @Test
    @DisplayName("the same key again returns the same change, not created again, without a second reply")
    void sameKey() {
      GateDecision first = decide("k-1", "shop");
      GateDecision again = decide("k-1", "shop");
      assertThat(again.created()).isFalse();
      assertThat(again.change()).isEqualTo(first.change());
      assertThat(fx.records.size()).isEqualTo(1);
      assertThat(fx.replies.replies()).hasSize(1);
      assertThat(gate.byKey(IdempotencyKey.of("k-1")).orElseThrow().change().id()).isEqualTo(first.change().id());
    }

    @Test
    @DisplayName("sixteen threads deciding one key create one change and one record")
    void concurrent() throws Exception {
      int threads = 16;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        for (int round = 0; round < 20; round++) {
          String key = "race-" + round;
          CountDownLatch start = new CountDownLatch(1);
          List<Future<GateDecision>> futures = new ArrayList<>();
          for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
              start.await();
              return gate.decide(deploy(key, "shop")).get();
            }));
          }
          start.countDown();
          Set<ChangeId> ids = new HashSet<>();
          int created = 0;
          for (Future<GateDecision> f : futures) {
            GateDecision d = f.get(10, TimeUnit.SECONDS);
            ids.add(d.change().id());
            created += d.created() ? 1 : 0;
          }
          assertThat(ids).hasSize(1);
          assertThat(created).isEqualTo(1);
          assertThat(fx.auditOf(ids.iterator().next().value(), "change.requested")).hasSize(1);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(fx.records.size()).isEqualTo(20);
      assertThat(gate.changes()).hasSize(20);
      assertThat(fx.audit.verify().get().intact()).isTrue();
    }

    @Test
    @DisplayName("the same key for another service is a conflict")
    void keyReusedForAnotherService() {
      decide("k-1", "shop");
      assertThat(gate.decide(deploy("k-1", "payments")).getLeft()).isInstanceOf(CoexistError.Conflict.class);
    }
  }

  @Nested
  @DisplayName("risk context")
  class Context {
    @Test
    @DisplayName("carries the service, its blast radius and dependencies, and its open incidents")
    void graph() {
      fx.openWork = new ServiceHealth.OpenWork(2, 1);
      decide("k-1", "payments");
      RiskContext context = fx.risk.last();
      assertThat(context.service().orElseThrow().owner().value()).isEqualTo("payments-team");
      assertThat(context.blastRadius()).containsExactly(ServiceId.of("mobile"), ServiceId.of("shop"));
      assertThat(context.dependencies()).containsExactly(ServiceId.of("db"));
      assertThat(context.openIncidents()).isEqualTo(2);
      assertThat(context.openProblems()).isEqualTo(1);
      assertThat(context.assessedAt()).isEqualTo(fx.now());
    }

    @Test
    @DisplayName("counts the service's changes closed in the last 30 days, and the failed ones")
    void recentChanges() {
      GateDecision one = decide("k-1", "shop");
      gate.deploymentFinished(one.change().id(), false, fx.now());
      fx.clock.advance(Duration.ofDays(1));
      GateDecision two = decide("k-2", "shop");
      gate.deploymentFinished(two.change().id(), true, fx.now());
      fx.clock.advance(Duration.ofDays(29).plusMinutes(1));
      decide("k-3", "shop");
      assertThat(fx.risk.last().recentChanges()).isEqualTo(new RiskContext.RecentChanges(Duration.ofDays(30), 1, 0));
      assertThat(fx.risk.seen().get(1).recentChanges().total()).isEqualTo(1);
      assertThat(fx.risk.seen().get(1).recentChanges().failed()).isEqualTo(1);
    }

    @Test
    @DisplayName("reports changes planned in the same window on the service or its dependencies as conflicts, not on its dependents")
    void conflicts() {
      GateDecision onDb = decide("k-db", "db");
      GateDecision onShop = decide("k-shop", "shop");
      decide("k-mobile", "mobile");
      GateDecision later = gate.decide(deploy("k-later", "payments").plannedStart(fx.now().plus(Duration.ofHours(3)))).get();
      GateDecision d = decide("k-pay", "payments");
      assertThat(GateFixture.names(d.conflicts())).containsExactly(onDb.change().id().value());
      assertThat(GateFixture.names(fx.risk.last().overlapping())).containsExactly(onDb.change().id().value());
      assertThat(d.decision().reasons()).anyMatch(r -> r.startsWith("conflicts with change " + onDb.change().id() + " on db"));
      // shop depends on db through payments: a transitive dependency conflicts too.
      assertThat(GateFixture.names(onShop.conflicts())).containsExactly(onDb.change().id().value());
      assertThat(GateFixture.names(later.conflicts())).isEmpty();
    }

    @Test
    @DisplayName("a change whose window has passed or that has closed no longer conflicts")
    void pastChangesDoNotConflict() {
      GateDecision first = decide("k-1", "shop");
      gate.deploymentFinished(first.change().id(), true, fx.now());
      assertThat(decide("k-2", "shop").conflicts().count()).isZero();
      fx.clock.advance(Duration.ofMinutes(31));
      assertThat(decide("k-3", "shop").conflicts().count()).isZero();
    }
  }

  @Nested
  @DisplayName("approvals")
  class Approvals {
    private GateDecision pendingOnCab() {
      fx.level("shop", RiskLevel.HIGH);
      return decide("k-1", "shop");
    }

    @Test
    @DisplayName("count towards the quorum; a duplicate vote counts once; the quorum approves and schedules")
    void quorum() {
      ChangeId id = pendingOnCab().change().id();
      GateDecision one = gate.approve(id, BOB, "fine").get();
      assertThat(one.outcome()).isEqualTo(Decision.Outcome.PENDING);
      assertThat(one.waitingFor()).contains("1 of 2 cab approvals");
      GateDecision again = gate.approve(id, BOB, "still fine").get();
      assertThat(again.waitingFor()).contains("1 of 2 cab approvals");
      GateDecision two = gate.approve(id, CAROL, "").get();
      assertThat(two.outcome()).isEqualTo(Decision.Outcome.APPROVED);
      assertThat(two.change().state()).isEqualTo(ChangeState.SCHEDULED);
      assertThat(two.decision().decidedBy()).isEqualTo(new Actor(Actor.Kind.GROUP, "cab"));
      assertThat(two.decision().reasons()).last().asString().isEqualTo("approved by bob, carol (2 of 2 cab approvals)");
      assertThat(two.decision().policyVersion()).isEqualTo("policy-1");
      assertThat(fx.replies.finalReply(id).orElseThrow().outcome()).isEqualTo(Decision.Outcome.APPROVED);
      assertThat(fx.auditOf(id.value(), "change.voted")).extracting(AuditEntry::actor).containsExactly(BOB, BOB, CAROL);
      assertThat(fx.records.read(two.change().externalKey().orElseThrow()).get().approval()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    @DisplayName("refuse a non-member and the requester with Forbidden, counting nothing")
    void forbidden() {
      ChangeId id = pendingOnCab().change().id();
      assertThat(gate.approve(id, MALLORY, "").getLeft()).isInstanceOf(CoexistError.Forbidden.class);
      assertThat(gate.approve(id, ALICE, "mine").getLeft()).isInstanceOfSatisfying(CoexistError.Forbidden.class,
          e -> assertThat(e.message()).contains("cannot approve it"));
      assertThat(gate.change(id).orElseThrow().approvals().orElseThrow().votes()).isEmpty();
    }

    @Test
    @DisplayName("one rejection rejects and cancels the change")
    void rejection() {
      ChangeId id = pendingOnCab().change().id();
      gate.approve(id, BOB, "").get();
      GateDecision d = gate.reject(id, DAVE, "not during the sale").get();
      assertThat(d.outcome()).isEqualTo(Decision.Outcome.REJECTED);
      assertThat(d.change().state()).isEqualTo(ChangeState.CANCELED);
      assertThat(d.decision().reasons()).last().asString().isEqualTo("rejected by dave: not during the sale");
      assertThat(fx.replies.finalReply(id).orElseThrow().outcome()).isEqualTo(Decision.Outcome.REJECTED);
    }

    @Test
    @DisplayName("a vote agreeing with a decision already made is harmless; a contradicting one is a conflict")
    void afterDecision() {
      ChangeId id = pendingOnCab().change().id();
      gate.approve(id, BOB, "").get();
      gate.approve(id, CAROL, "").get();
      assertThat(gate.approve(id, DAVE, "").get().outcome()).isEqualTo(Decision.Outcome.APPROVED);
      assertThat(gate.reject(id, DAVE, "").getLeft()).isInstanceOf(CoexistError.Conflict.class);
    }

    @Test
    @DisplayName("a change approved by policy takes no votes")
    void noAuthority() {
      ChangeId id = decide("k-1", "shop").change().id();
      assertThat(gate.approve(id, BOB, "").getLeft()).isInstanceOf(CoexistError.Conflict.class);
    }

    @Test
    @DisplayName("an unknown change is not found")
    void unknown() {
      assertThat(gate.approve(ChangeId.of("nope"), BOB, "").getLeft()).isInstanceOf(CoexistError.NotFound.class);
    }

    @Test
    @DisplayName("expire at their expiry: the change is rejected on the next tick and the pipeline told")
    void expiry() {
      ChangeId id = pendingOnCab().change().id();
      gate.approve(id, BOB, "").get();
      fx.clock.advance(Duration.ofHours(8).minusSeconds(1));
      assertThat(gate.tick().expired()).isZero();
      assertThat(gate.change(id).orElseThrow().change().decision().isPending()).isTrue();
      fx.clock.advance(Duration.ofSeconds(1));
      GateTick tick = gate.tick();
      assertThat(tick.expired()).isEqualTo(1);
      assertThat(tick.stillWaiting()).isZero();
      Change change = gate.change(id).orElseThrow().change();
      assertThat(change.state()).isEqualTo(ChangeState.CANCELED);
      assertThat(change.decision().outcome()).isEqualTo(Decision.Outcome.REJECTED);
      assertThat(change.decision().reasons()).last().asString().contains("the request expired");
      assertThat(fx.replies.finalReply(id).orElseThrow().outcome()).isEqualTo(Decision.Outcome.REJECTED);
    }

    @Test
    @DisplayName("a vote after the expiry, before any tick, expires the change instead of counting")
    void voteAfterExpiry() {
      ChangeId id = pendingOnCab().change().id();
      fx.clock.advance(Duration.ofHours(9));
      assertThat(gate.approve(id, BOB, "").getLeft()).isInstanceOf(CoexistError.Conflict.class);
      assertThat(gate.change(id).orElseThrow().change().state()).isEqualTo(ChangeState.CANCELED);
    }

    @Test
    @DisplayName("an approval given in the ITSM tool is read back on the next tick")
    void approvedInTool() {
      GateDecision d = pendingOnCab();
      fx.records.setApproval(d.change().externalKey().orElseThrow(), ApprovalStatus.APPROVED);
      assertThat(gate.tick().decidedInTool()).isEqualTo(1);
      Change change = current(d);
      assertThat(change.state()).isEqualTo(ChangeState.SCHEDULED);
      assertThat(change.decision().decidedBy()).isEqualTo(Actor.system("memory"));
      assertThat(change.decision().reasons()).last().asString().isEqualTo("approved in memory (CHG0001001)");
    }

    @Test
    @DisplayName("a rejection given in the ITSM tool cancels the change on the next tick")
    void rejectedInTool() {
      GateDecision d = pendingOnCab();
      fx.records.setApproval(d.change().externalKey().orElseThrow(), ApprovalStatus.REJECTED);
      gate.tick();
      assertThat(current(d).state()).isEqualTo(ChangeState.CANCELED);
    }
  }

  @Nested
  @DisplayName("freezes")
  class Freezes {
    @Test
    @DisplayName("hold a normal change until the freeze ends, then decide it")
    void holdsNormal() {
      WindowOccurrence freeze = fx.freeze("quarter-end", Duration.ofHours(2));
      GateDecision d = decide("k-1", "shop");
      assertThat(d.outcome()).isEqualTo(Decision.Outcome.PENDING);
      assertThat(d.change().state()).isEqualTo(ChangeState.ASSESS);
      assertThat(d.waitingFor()).contains("the freeze 'quarter-end' to end at " + freeze.end());
      assertThat(gate.tick().resumed()).isZero();
      fx.clock.set(freeze.end());
      assertThat(gate.tick().resumed()).isEqualTo(1);
      Change change = current(d);
      assertThat(change.state()).isEqualTo(ChangeState.SCHEDULED);
      assertThat(change.plannedStart()).isEqualTo(freeze.end());
      assertThat(fx.replies.finalReply(d.change().id()).orElseThrow().outcome()).isEqualTo(Decision.Outcome.APPROVED);
    }

    @Test
    @DisplayName("hold a standard change in New")
    void holdsStandard() {
      ChangeGate withTemplate = ChangeGate.builder().clock(fx.clock).riskAssessor(fx.risk).calendar(fx.calendar())
          .approvalPolicy(GateFixture.policy().toBuilder().model(ChangeModel.standard("toggle")).build().get())
          .build();
      fx.freeze("weekend", Duration.ofHours(2));
      GateDecision d = withTemplate.decide(deploy("k-1", "shop").changeModel("toggle")).get();
      assertThat(d.outcome()).isEqualTo(Decision.Outcome.PENDING);
      assertThat(d.change().state()).isEqualTo(ChangeState.NEW);
    }

    @Test
    @DisplayName("let an emergency pass to its authority, flagged for a retrospective review")
    void emergencyPasses() {
      fx.freeze("quarter-end", Duration.ofHours(2));
      GateDecision d = gate.decide(deploy("k-1", "shop").emergency(true)).get();
      assertThat(d.change().type()).isEqualTo(ChangeType.EMERGENCY);
      assertThat(d.change().state()).isEqualTo(ChangeState.AUTHORIZE);
      assertThat(d.decision().authority()).contains("ecab");
      assertThat(d.change().retrospectiveReviewRequired()).isTrue();
      assertThat(d.decision().reasons()).anyMatch(r -> r.contains("which an emergency may pass"));
      assertThat(gate.approve(d.change().id(), CAROL, "go").get().outcome()).isEqualTo(Decision.Outcome.APPROVED);
    }

    @Test
    @DisplayName("a change approved in the ITSM tool during a freeze is not asked for again when the freeze ends")
    void approvedInToolDuringFreeze() {
      fx.level("shop", RiskLevel.HIGH);
      GateDecision d = decide("k-1", "shop");
      WindowOccurrence freeze = fx.freeze("incident-freeze", Duration.ofHours(1));
      fx.records.setApproval(d.change().externalKey().orElseThrow(), ApprovalStatus.APPROVED);
      gate.tick();
      assertThat(current(d).decision().waitingFor()).contains("the freeze 'incident-freeze' to end at " + freeze.end());
      fx.clock.set(freeze.end());
      assertThat(gate.tick().resumed()).isEqualTo(1);
      assertThat(current(d).state()).isEqualTo(ChangeState.SCHEDULED);
      assertThat(current(d).decision().outcome()).isEqualTo(Decision.Outcome.APPROVED);
      assertThat(current(d).decision().decidedBy()).as("the tool approved, not coexist")
          .isEqualTo(Actor.system("memory"));
    }

    @Test
    @DisplayName("hold a change the authority approves during a freeze that began after it was asked")
    void approvalDuringFreeze() {
      fx.level("shop", RiskLevel.HIGH);
      ChangeId id = decide("k-1", "shop").change().id();
      WindowOccurrence freeze = fx.freeze("incident-freeze", Duration.ofHours(1));
      gate.approve(id, BOB, "").get();
      GateDecision held = gate.approve(id, CAROL, "").get();
      assertThat(held.outcome()).isEqualTo(Decision.Outcome.PENDING);
      assertThat(held.change().state()).isEqualTo(ChangeState.AUTHORIZE);
      assertThat(held.waitingFor()).contains("the freeze 'incident-freeze' to end at " + freeze.end());
      assertThat(gate.approve(id, DAVE, "").get().outcome()).isEqualTo(Decision.Outcome.PENDING);
      fx.clock.set(freeze.end());
      gate.tick();
      assertThat(gate.change(id).orElseThrow().change().state()).isEqualTo(ChangeState.SCHEDULED);
      assertThat(gate.change(id).orElseThrow().change().decision().decidedBy()).as("the quorum approved, not coexist")
          .isNotEqualTo(Actor.COEXIST);
    }
  }

  @Nested
  @DisplayName("deployment outcome")
  class Outcome {
    @Test
    @DisplayName("a successful deployment moves the change through Implement and Review to Closed successful")
    void success() {
      ChangeId id = decide("k-1", "shop").change().id();
      assertThat(gate.deploymentStarted(id, fx.now()).get().state()).isEqualTo(ChangeState.IMPLEMENT);
      Change closed = gate.deploymentFinished(id, true, fx.now()).get();
      assertThat(closed.state()).isEqualTo(ChangeState.CLOSED);
      assertThat(closed.closeCode()).contains(CloseCode.SUCCESSFUL);
      assertThat(fx.transitions(id.value())).endsWith("SCHEDULED -> IMPLEMENT", "IMPLEMENT -> REVIEW", "REVIEW -> CLOSED");
      assertThat(fx.records.read(closed.externalKey().orElseThrow()).get().closeCode()).contains(CloseCode.SUCCESSFUL);
    }

    @Test
    @DisplayName("the change listener hears each move in order: decided, implementing, closed")
    void listenerHearsEveryMove() {
      ChangeId id = decide("k-1", "shop").change().id();
      gate.deploymentStarted(id, fx.now()).get();
      gate.deploymentFinished(id, true, fx.now()).get();
      assertThat(fx.heard).extracting(t -> t.change().id()).containsOnly(id);
      assertThat(fx.heard).extracting(t -> t.change().state()).containsSubsequence(
          ChangeState.SCHEDULED, ChangeState.IMPLEMENT, ChangeState.CLOSED);
      assertThat(fx.heard.get(fx.heard.size() - 1)).isEqualTo(gate.change(id).orElseThrow());
    }

    @Test
    @DisplayName("a finished change is forgotten on the first tick after its retention; until then its key answers with it")
    void retention() {
      GateDecision first = decide("k-1", "shop");
      gate.deploymentFinished(first.change().id(), true, fx.now()).get();
      GateDecision pending = decide("k-2", "payments");
      fx.clock.advance(Duration.ofDays(89));
      assertThat(gate.tick().forgotten()).isZero();
      assertThat(gate.byKey(IdempotencyKey.of("k-1")).orElseThrow().change().id()).isEqualTo(first.change().id());
      fx.clock.advance(Duration.ofDays(2));
      assertThat(gate.tick().forgotten()).isEqualTo(1);
      assertThat(gate.change(first.change().id())).isEmpty();
      assertThat(gate.change(pending.change().id())).isPresent();
      assertThat(decide("k-1", "shop").change().id()).isNotEqualTo(first.change().id());
    }

    @Test
    @DisplayName("a change confirmed as an incident's cause is reclassified successful with issues and counts as failed")
    void causedIncidentAfterClosing() {
      ChangeId id = decide("k-1", "shop").change().id();
      gate.deploymentFinished(id, true, fx.now()).get();
      Change linked = gate.incidentCaused(id, IncidentId.of("INC-7"), ALICE).get();
      assertThat(linked.state()).isEqualTo(ChangeState.CLOSED);
      assertThat(linked.closeCode()).contains(CloseCode.SUCCESSFUL_WITH_ISSUES);
      assertThat(linked.closeNotes().orElseThrow()).endsWith("caused incident INC-7");
      assertThat(fx.records.read(linked.externalKey().orElseThrow()).get().closeCode())
          .contains(CloseCode.SUCCESSFUL_WITH_ISSUES);
      assertThat(fx.auditOf(id.value(), "change.caused-incident")).hasSize(1);
      assertThat(gate.incidentCaused(id, IncidentId.of("INC-7"), ALICE).get()).isEqualTo(linked);
      assertThat(fx.auditOf(id.value(), "change.caused-incident")).hasSize(1);
      decide("k-2", "shop");
      assertThat(fx.risk.last().recentChanges().failed()).isEqualTo(1);
    }

    @Test
    @DisplayName("a change linked to an incident while deploying closes successful with issues when its deployment succeeds")
    void causedIncidentWhileDeploying() {
      ChangeId id = decide("k-1", "shop").change().id();
      gate.deploymentStarted(id, fx.now()).get();
      assertThat(gate.incidentCaused(id, IncidentId.of("INC-8"), ALICE).get().closeCode()).isEmpty();
      assertThat(gate.deploymentFinished(id, true, fx.now()).get().closeCode()).contains(CloseCode.SUCCESSFUL_WITH_ISSUES);
      assertThat(gate.incidentCaused(ChangeId.of("ch-404"), IncidentId.of("INC-8"), ALICE).getLeft())
          .isInstanceOf(io.github.coexist.core.error.CoexistError.NotFound.class);
    }

    @Test
    @DisplayName("a failed deployment closes the change unsuccessful; a finish without a start walks through Implement")
    void failure() {
      Change closed = gate.deploymentFinished(IdempotencyKey.of(decide("k-1", "shop").change().idempotencyKey().value()),
          false, fx.now()).get();
      assertThat(closed.closeCode()).contains(CloseCode.UNSUCCESSFUL);
      assertThat(fx.transitions(closed.id().value())).contains("SCHEDULED -> IMPLEMENT");
    }

    @Test
    @DisplayName("repeated reports are harmless; a contradicting one is a conflict")
    void repeats() {
      ChangeId id = decide("k-1", "shop").change().id();
      gate.deploymentStarted(id, fx.now()).get();
      assertThat(gate.deploymentStarted(id, fx.now()).get().state()).isEqualTo(ChangeState.IMPLEMENT);
      gate.deploymentFinished(id, true, fx.now()).get();
      assertThat(gate.deploymentFinished(id, true, fx.now()).get().state()).isEqualTo(ChangeState.CLOSED);
      assertThat(gate.deploymentFinished(id, false, fx.now()).getLeft()).isInstanceOf(CoexistError.Conflict.class);
    }

    @Test
    @DisplayName("deploying a change that is not authorised is an illegal transition")
    void notAuthorised() {
      fx.level("shop", RiskLevel.HIGH);
      ChangeId id = decide("k-1", "shop").change().id();
      assertThat(gate.deploymentStarted(id, fx.now()).getLeft()).isInstanceOfSatisfying(
          CoexistError.IllegalTransition.class, e -> assertThat(e.reason()).contains("waiting for 0 of 2 cab approvals"));
      assertThat(gate.deploymentFinished(id, true, fx.now()).getLeft()).isInstanceOf(CoexistError.IllegalTransition.class);
      assertThat(gate.deploymentStarted(IdempotencyKey.of("nope"), fx.now()).getLeft()).isInstanceOf(CoexistError.NotFound.class);
    }

    @Test
    @DisplayName("an emergency change waits in Review for its retrospective review by the emergency authority, not by its approver")
    void retrospective() {
      ChangeId id = gate.decide(deploy("k-1", "shop").emergency(true)).get().change().id();
      gate.approve(id, DAVE, "restore checkout").get();
      Change inReview = gate.deploymentFinished(id, true, fx.now()).get();
      assertThat(inReview.state()).isEqualTo(ChangeState.REVIEW);
      assertThat(gate.closeRetrospective(id, ALICE, CloseCode.SUCCESSFUL, "").getLeft()).isInstanceOf(CoexistError.Forbidden.class);
      assertThat(gate.closeRetrospective(id, MALLORY, CloseCode.SUCCESSFUL, "").getLeft()).isInstanceOf(CoexistError.Forbidden.class);
      assertThat(gate.closeRetrospective(id, DAVE, CloseCode.SUCCESSFUL, "").getLeft())
          .as("the approver does not review their own approval").isInstanceOf(CoexistError.Forbidden.class);
      Change closed = gate.closeRetrospective(id, CAROL, CloseCode.SUCCESSFUL_WITH_ISSUES, "alerting was late").get();
      assertThat(closed.state()).isEqualTo(ChangeState.CLOSED);
      assertThat(closed.closeCode()).contains(CloseCode.SUCCESSFUL_WITH_ISSUES);
      assertThat(closed.closeNotes()).contains("alerting was late");
      assertThat(fx.auditOf(id.value(), "change.reviewed")).singleElement()
          .satisfies(e -> assertThat(e.actor()).isEqualTo(CAROL));
      assertThat(gate.deploymentFinished(id, true, fx.now()).get().state()).isEqualTo(ChangeState.CLOSED);
    }

    @Test
    @DisplayName("a retrospective before the deployment, or of a normal change, is refused")
    void retrospectiveRefused() {
      ChangeId emergency = gate.decide(deploy("k-1", "shop").emergency(true)).get().change().id();
      assertThat(gate.closeRetrospective(emergency, CAROL, CloseCode.SUCCESSFUL, "").getLeft())
          .isInstanceOf(CoexistError.IllegalTransition.class);
      ChangeId normal = decide("k-2", "shop").change().id();
      assertThat(gate.closeRetrospective(normal, CAROL, CloseCode.SUCCESSFUL, "").getLeft())
          .isInstanceOf(CoexistError.Conflict.class);
    }
  }

  @Nested
  @DisplayName("withdrawal")
  class Withdrawal {
    @Test
    @DisplayName("by the requester cancels a pending change and tells the pipeline")
    void byRequester() {
      fx.level("shop", RiskLevel.HIGH);
      ChangeId id = decide("k-1", "shop").change().id();
      GateDecision d = gate.withdraw(id, ALICE).get();
      assertThat(d.change().state()).isEqualTo(ChangeState.CANCELED);
      assertThat(d.decision().reasons()).last().asString().isEqualTo("withdrawn by alice");
      assertThat(fx.replies.finalReply(id).orElseThrow().outcome()).isEqualTo(Decision.Outcome.REJECTED);
      assertThat(gate.withdraw(id, ALICE).get().change().state()).isEqualTo(ChangeState.CANCELED);
      assertThat(gate.tick().stillWaiting()).isZero();
    }

    @Test
    @DisplayName("by a stranger is forbidden; after the deployment started it is an illegal transition")
    void refused() {
      ChangeId id = decide("k-1", "shop").change().id();
      assertThat(gate.withdraw(id, MALLORY).getLeft()).isInstanceOf(CoexistError.Forbidden.class);
      gate.deploymentStarted(id, fx.now()).get();
      assertThat(gate.withdraw(id, ALICE).getLeft()).isInstanceOf(CoexistError.IllegalTransition.class);
    }
  }

  @Nested
  @DisplayName("tools that are down")
  class Outages {
    @Test
    @DisplayName("a transient ITSM failure keeps the record pending and the tick retries it")
    void transientSync() {
      Flaky.Records flaky = new Flaky.Records(fx.records).failWith(new CoexistError.Unavailable("503"));
      ChangeGate g = fx.gate(flaky, fx.replies);
      GateDecision d = g.decide(deploy("k-1", "shop")).get();
      assertThat(d.outcome()).isEqualTo(Decision.Outcome.APPROVED);
      assertThat(g.change(d.change().id()).orElseThrow().sync()).isEqualTo(TrackedChange.Sync.PENDING);
      assertThat(fx.records.size()).isZero();
      assertThat(g.tick().retried()).isZero();
      flaky.recover();
      assertThat(g.tick().retried()).isEqualTo(1);
      TrackedChange tracked = g.change(d.change().id()).orElseThrow();
      assertThat(tracked.sync()).isEqualTo(TrackedChange.Sync.SYNCED);
      assertThat(fx.records.read(tracked.change().externalKey().orElseThrow()).get().state())
          .isEqualTo(ChangeState.SCHEDULED);
      assertThat(g.byExternalKey(tracked.change().externalKey().orElseThrow())).isPresent();
    }

    @Test
    @DisplayName("a refusal by the ITSM tool is shown on the read side, not dropped")
    void refusedSync() {
      Flaky.Records flaky = new Flaky.Records(fx.records).failWith(new CoexistError.Forbidden("no ACL"));
      ChangeGate g = fx.gate(flaky, fx.replies);
      GateDecision d = g.decide(deploy("k-1", "shop")).get();
      TrackedChange tracked = g.change(d.change().id()).orElseThrow();
      assertThat(tracked.sync()).isEqualTo(TrackedChange.Sync.FAILED);
      assertThat(tracked.problem()).hasValueSatisfying(p -> assertThat(p).contains("no ACL"));
    }

    @Test
    @DisplayName("a reply the pipeline could not take is retried on the tick")
    void transientReply() {
      Flaky.Replies flaky = new Flaky.Replies(fx.replies);
      flaky.failure.set(new CoexistError.RateLimited(java.util.Optional.empty(), "429"));
      ChangeGate g = fx.gate(fx.records, flaky);
      GateDecision d = g.decide(deploy("k-1", "shop")).get();
      assertThat(g.change(d.change().id()).orElseThrow().replyPending()).isTrue();
      flaky.failure.set(null);
      g.tick();
      assertThat(fx.replies.finalReply(d.change().id())).isPresent();
      assertThat(g.change(d.change().id()).orElseThrow().replyPending()).isFalse();
    }

    @Test
    @DisplayName("while the ITSM tool cannot be read, a pending change stays pending")
    void readFails() {
      Flaky.Records flaky = new Flaky.Records(fx.records);
      ChangeGate g = fx.gate(flaky, fx.replies);
      fx.level("shop", RiskLevel.HIGH);
      GateDecision d = g.decide(deploy("k-1", "shop")).get();
      fx.records.setApproval(d.change().externalKey().orElseThrow(), ApprovalStatus.APPROVED);
      flaky.failWith(new CoexistError.Unavailable("timeout"));
      assertThat(g.tick().decidedInTool()).isZero();
      flaky.recover();
      assertThat(g.tick().decidedInTool()).isEqualTo(1);
    }
  }

  @Nested
  @DisplayName("policy and read side")
  class PolicyAndReads {
    @Test
    @DisplayName("a new policy decides from then on, and the change of policy is audited")
    void newPolicy() {
      GateDecision before = decide("k-1", "shop");
      ApprovalPolicy strict = gate.policy().toBuilder().version("policy-2").noAutoApproval().build().get();
      gate.usePolicy(strict, DAVE);
      GateDecision after = decide("k-2", "shop");
      assertThat(before.decision().policyVersion()).isEqualTo("policy-1");
      assertThat(after.decision().policyVersion()).isEqualTo("policy-2");
      assertThat(after.outcome()).isEqualTo(Decision.Outcome.PENDING);
      assertThat(fx.auditEntries()).anyMatch(e -> e.action().equals("policy.changed")
          && e.policyVersion().equals(java.util.Optional.of("policy-2")) && e.actor().equals(DAVE));
    }

    @Test
    @DisplayName("changes() lists every change oldest first")
    void listing() {
      decide("k-1", "shop");
      decide("k-2", "db");
      assertThat(gate.changes()).extracting(t -> t.change().idempotencyKey().value()).containsExactly("k-1", "k-2");
      assertThat(gate.change(ChangeId.of("missing"))).isEmpty();
    }

    @Test
    @DisplayName("a gate needs a clock and a risk assessor")
    void requiredParts() {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChangeGate.builder().build())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("a clock").hasMessageContaining("a risk assessor");
    }

    @Test
    @DisplayName("the comment stays within what a pipeline accepts")
    void commentLength() {
      Either<CoexistError, GateDecision> d = gate.decide(deploy("k-1", "shop").summary("x".repeat(5000))
          .changeModel("m".repeat(3000)));
      assertThat(fx.replies.finalReply(d.get().change().id()).orElseThrow().comment()).hasSizeLessThanOrEqualTo(1000);
    }
  }
}
