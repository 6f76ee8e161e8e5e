package io.github.coexist.core.gate;

import static io.github.coexist.core.gate.GateFixture.ALICE;
import static io.github.coexist.core.gate.GateFixture.BOB;
import static io.github.coexist.core.gate.GateFixture.CAROL;
import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.calendar.WindowKind;
import io.github.coexist.core.calendar.WindowOccurrence;
import io.github.coexist.core.change.ApprovalPolicy;
import io.github.coexist.core.change.ChangeModel;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.CloseCode;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.StandardChangeLimits;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.risk.RiskContext;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.service.Tier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Issue 16, cases 1 to 4 and 9: environments, standard-change guardrails, re-runs, lockdown, separation of duties. */
class ChangeControlTest {
  private final GateFixture fx = new GateFixture();
  private final Map<ServiceId, ServiceHealth.OpenWork> open = new ConcurrentHashMap<>();
  private final ChangeGate gate = fx.builder(fx.records, fx.replies)
      .serviceHealth(service -> open.getOrDefault(service, ServiceHealth.OpenWork.NONE)).build();

  private GateDecision decide(io.github.coexist.core.delivery.DeploymentRequest.Builder request) {
    return gate.decide(request).get();
  }

  @Nested
  @DisplayName("environments (case 1)")
  class Environments {
    @Test
    @DisplayName("a production freeze does not hold a staging deployment; a freeze naming staging does")
    void freezeCoversProduction() {
      fx.freeze("weekend", Duration.ofHours(4));
      GateDecision staging = decide(deploy("k-s", "shop").environment("staging"));
      assertThat(staging.outcome()).isEqualTo(Decision.Outcome.APPROVED);
      assertThat(staging.decision().reasons()).noneMatch(r -> r.contains("freeze"));
      assertThat(decide(deploy("k-p", "shop")).decision().reasons()).anyMatch(r -> r.startsWith("held: inside freeze 'weekend'"));

      fx.windows.add(new WindowOccurrence("staging rebuild", WindowKind.FREEZE, fx.now(), fx.now().plus(Duration.ofHours(1)),
          new TreeSet<>(List.of("Staging"))));
      GateDecision held = decide(deploy("k-s2", "shop").environment("staging"));
      assertThat(held.outcome()).isEqualTo(Decision.Outcome.PENDING);
      assertThat(held.decision().reasons()).anyMatch(r -> r.startsWith("held: inside freeze 'staging rebuild'"));
    }

    @Test
    @DisplayName("failed staging changes are not production's history; the same commit's failure is its own evidence")
    void stagingIsEvidenceNotHistory() {
      for (int i = 0; i < 3; i++) {
        GateDecision d = decide(deploy("k-s" + i, "shop").environment("staging"));
        gate.deploymentFinished(d.change().id(), false, fx.now()).get();
      }
      decide(deploy("k-p", "shop"));
      RiskContext production = fx.risk.last();
      assertThat(production.recentChanges().total()).isZero();
      assertThat(production.sameCommitElsewhere()).containsExactly(new RiskContext.CommitRuns("staging", 0, 3));

      decide(deploy("k-p2", "shop").headSha("ffffffffffffffffffffffffffffffffffffffff"));
      assertThat(fx.risk.last().sameCommitElsewhere()).isEmpty();
    }

    @Test
    @DisplayName("a staging change is no conflict for a production change in the same window")
    void conflictsPerEnvironment() {
      decide(deploy("k-s", "shop").environment("staging"));
      GateDecision production = decide(deploy("k-p", "shop"));
      assertThat(production.conflicts().isEmpty()).isTrue();
      GateDecision second = decide(deploy("k-p2", "shop"));
      assertThat(second.conflicts().count()).isEqualTo(1);
    }

    @Test
    @DisplayName("a normal change planned outside its service's maintenance windows goes to its authority; inside one it is approved")
    void maintenanceWindows() {
      fx.windows.add(new WindowOccurrence("tuesday night", WindowKind.MAINTENANCE,
          fx.now().plus(Duration.ofHours(10)), fx.now().plus(Duration.ofHours(14))));
      GateDecision outside = decide(deploy("k-1", "shop"));
      assertThat(outside.outcome()).isEqualTo(Decision.Outcome.PENDING);
      assertThat(outside.decision().authority()).contains("peer");
      assertThat(outside.decision().reasons()).anyMatch(r -> r.startsWith("planned outside the maintenance windows of shop")
          && r.endsWith("so it needs peer"));

      GateDecision inside = decide(deploy("k-2", "shop").plannedStart(fx.now().plus(Duration.ofHours(11))));
      assertThat(inside.outcome()).isEqualTo(Decision.Outcome.APPROVED);
      assertThat(inside.decision().reasons()).anyMatch(r -> r.startsWith("inside maintenance window 'tuesday night'"));

      GateDecision staging = decide(deploy("k-3", "shop").environment("staging"));
      assertThat(staging.outcome()).isEqualTo(Decision.Outcome.APPROVED);
    }
  }

  @Nested
  @DisplayName("standard changes with guardrails (case 2)")
  class Guardrails {
    private ChangeGate templated(StandardChangeLimits limits) {
      ApprovalPolicy policy = GateFixture.policy().toBuilder().limits("config-toggle", limits).build().get();
      fx.directory.register(Service.builder().id(ServiceId.of("core")).owner(TeamId.of("core-team")).tier(Tier.TIER_1).build());
      return fx.builder(fx.records, fx.replies).approvalPolicy(policy)
          .serviceHealth(service -> open.getOrDefault(service, ServiceHealth.OpenWork.NONE)).build();
    }

    @Test
    @DisplayName("a claim at high risk, with an open P1 on the service, is assessed as normal and says why")
    void outsideLimits() {
      ChangeGate g = templated(StandardChangeLimits.DEFAULT);
      fx.level("core", RiskLevel.HIGH);
      open.put(ServiceId.of("core"), new ServiceHealth.OpenWork(1, 0, 1, List.of()));
      GateDecision d = g.decide(deploy("k-1", "core").changeModel("config-toggle").linesChanged(9000)).get();
      assertThat(d.change().type()).isEqualTo(ChangeType.NORMAL);
      assertThat(d.outcome()).isEqualTo(Decision.Outcome.PENDING);
      assertThat(d.decision().authority()).contains("cab");
      assertThat(d.decision().reasons().get(0)).isEqualTo("standard change 'config-toggle' claimed outside its limits: "
          + "high risk (score 65) is above its limit of moderate; 1 open P1/P2 incident on the service: assessed as a normal change");
    }

    @Test
    @DisplayName("repository, size, tier and path limits each put a claim outside")
    void eachLimit() {
      StandardChangeLimits limits = new StandardChangeLimits(new TreeSet<>(List.of("acme/*")), Optional.of(100),
          Optional.empty(), new TreeSet<>(List.of(Tier.TIER_3)), List.of("config/"), RiskLevel.MODERATE, true, 2, 5);
      ChangeGate g = templated(limits);
      GateDecision d = g.decide(deploy("k-1", "core").changeModel("config-toggle").repository("other/app")).get();
      assertThat(d.change().type()).isEqualTo(ChangeType.NORMAL);
      assertThat(d.decision().reasons().get(0)).contains("repository other/app may not claim it (allowed: acme/*)",
          "120 lines changed, more than its limit of 100", "tier 1 is not among its tiers [3]",
          "its changed paths were not reported");
    }

    @Test
    @DisplayName("a claim within its limits is pre-authorised")
    void withinLimits() {
      StandardChangeLimits limits = new StandardChangeLimits(new TreeSet<>(List.of("acme/*")), Optional.of(500),
          Optional.empty(), new TreeSet<>(), List.of("config/"), RiskLevel.MODERATE, true, 2, 5);
      GateDecision d = templated(limits).decide(deploy("k-1", "core").changeModel("config-toggle")
          .repository("acme/app").addPath("config/flags.yaml")).get();
      assertThat(d.change().type()).isEqualTo(ChangeType.STANDARD);
      assertThat(d.outcome()).isEqualTo(Decision.Outcome.APPROVED);
    }

    @Test
    @DisplayName("a template whose changes fail 2 of 5 times is demoted to normal, audited, until re-enabled")
    void demotion() {
      ChangeGate g = templated(StandardChangeLimits.DEFAULT);
      for (int i = 0; i < 2; i++) {
        GateDecision d = g.decide(deploy("k-" + i, "core").changeModel("config-toggle")).get();
        assertThat(d.change().type()).isEqualTo(ChangeType.STANDARD);
        g.deploymentFinished(d.change().id(), false, fx.now()).get();
      }
      assertThat(fx.auditEntries()).filteredOn(e -> e.action().equals("template.demoted")).hasSize(1);
      GateDecision demoted = g.decide(deploy("k-2", "core").changeModel("config-toggle")).get();
      assertThat(demoted.change().type()).isEqualTo(ChangeType.NORMAL);
      assertThat(demoted.decision().reasons().get(0)).contains("template 'config-toggle' is demoted: 2 of its last 2 changes failed");

      assertThat(g.reenableTemplate("config-toggle", CAROL)).isEqualTo(io.vavr.control.Either.right(true));
      assertThat(fx.auditEntries()).filteredOn(e -> e.action().equals("template.re-enabled")).hasSize(1);
      assertThat(g.decide(deploy("k-3", "core").changeModel("config-toggle")).get().change().type())
          .isEqualTo(ChangeType.STANDARD);
      assertThat(g.reenableTemplate("normal", CAROL).getLeft()).isInstanceOf(CoexistError.NotFound.class);
    }
  }

  @Nested
  @DisplayName("re-runs (case 3)")
  class ReRuns {
    @Test
    @DisplayName("a re-run after a failed deployment opens a new change linked to the first, whose success is recorded")
    void rerunAfterFailure() {
      GateDecision first = decide(deploy("k-1", "shop"));
      gate.deploymentFinished(first.change().id(), false, fx.now()).get();

      GateDecision again = decide(deploy("k-1", "shop"));
      assertThat(again.created()).isTrue();
      assertThat(again.change().id()).isNotEqualTo(first.change().id());
      assertThat(again.change().retryOf()).contains(first.change().id());
      assertThat(again.outcome()).isEqualTo(Decision.Outcome.APPROVED);
      assertThat(fx.records.read(again.change().externalKey().orElseThrow()).get()).isNotEqualTo(
          fx.records.read(first.change().externalKey().orElseThrow()).get());

      assertThat(gate.deploymentFinished(IdempotencyKey.of("k-1"), true, fx.now()).get().closeCode())
          .contains(CloseCode.SUCCESSFUL);
      assertThat(gate.change(first.change().id()).orElseThrow().change().closeCode()).contains(CloseCode.UNSUCCESSFUL);
    }

    @Test
    @DisplayName("a redelivery while the change is open answers with it")
    void redeliveryWhileOpen() {
      GateDecision first = decide(deploy("k-1", "shop"));
      GateDecision again = decide(deploy("k-1", "shop"));
      assertThat(again.created()).isFalse();
      assertThat(again.change().id()).isEqualTo(first.change().id());
    }
  }

  @Nested
  @DisplayName("major incident lockdown (case 4)")
  class Lockdowns {
    @Test
    @DisplayName("holds normal changes on the service and its dependents until the major incident is resolved")
    void lockdown() {
      open.put(ServiceId.of("payments"), new ServiceHealth.OpenWork(1, 0, 1, List.of(IncidentId.of("INC-7"))));
      GateDecision onDependent = decide(deploy("k-1", "shop"));
      assertThat(onDependent.outcome()).isEqualTo(Decision.Outcome.PENDING);
      assertThat(onDependent.decision().reasons()).contains("locked down: major incident INC-7 open on payments");
      assertThat(onDependent.decision().waitingFor()).contains("major incident INC-7 on payments to be resolved");
      assertThat(decide(deploy("k-db", "db")).outcome()).isEqualTo(Decision.Outcome.APPROVED);
      assertThat(decide(deploy("k-st", "shop").environment("staging")).outcome()).isEqualTo(Decision.Outcome.APPROVED);

      GateDecision fix = decide(deploy("k-fix", "payments").emergency(true));
      assertThat(fix.decision().authority()).contains("ecab");
      assertThat(fix.decision().reasons()).contains("locked down: major incident INC-7 open on payments, which an emergency may pass");

      assertThat(gate.tick().resumed()).isZero();
      open.clear();
      assertThat(gate.tick().resumed()).isEqualTo(1);
      assertThat(gate.change(onDependent.change().id()).orElseThrow().change().decision().outcome())
          .isEqualTo(Decision.Outcome.APPROVED);
    }

    @Test
    @DisplayName("a change approved by its authority during a lockdown waits, and keeps its approver when it lifts")
    void approvedDuringLockdown() {
      fx.level("shop", RiskLevel.MODERATE);
      GateDecision d = decide(deploy("k-1", "shop"));
      open.put(ServiceId.of("shop"), new ServiceHealth.OpenWork(1, 0, 1, List.of(IncidentId.of("INC-9"))));
      GateDecision voted = gate.approve(d.change().id(), BOB, "ok").get();
      assertThat(voted.outcome()).isEqualTo(Decision.Outcome.PENDING);
      assertThat(voted.decision().reasons()).contains("locked down: major incident INC-9 open on shop");
      open.clear();
      gate.tick();
      assertThat(gate.change(d.change().id()).orElseThrow().change().decision().decidedBy()).isEqualTo(BOB);
      assertThat(gate.change(d.change().id()).orElseThrow().change().state()).isEqualTo(ChangeState.SCHEDULED);
    }
  }

  @Nested
  @DisplayName("separation of duties (case 9)")
  class SeparationOfDuties {
    @Test
    @DisplayName("neither a commit author nor a merger, however spelled, may approve; another person may")
    void authorsAndMergers() {
      fx.level("shop", RiskLevel.MODERATE);
      GateDecision d = decide(deploy("k-1", "shop").requester(Actor.system("github-actions[bot]"))
          .addCommitAuthor(Actor.person("Bob")).addMerger(Actor.person("dave")));
      CoexistError byAuthor = gate.approve(d.change().id(), Actor.person("BOB"), "lgtm").getLeft();
      assertThat(byAuthor).isInstanceOf(CoexistError.Forbidden.class);
      assertThat(byAuthor.message()).contains("wrote commits of change " + d.change().id(), "separation of duties");
      assertThat(gate.approve(d.change().id(), Actor.person("dave"), "lgtm").getLeft().message())
          .contains("merged a pull request of change");
      assertThat(gate.approve(d.change().id(), ALICE, "lgtm").get().outcome()).isEqualTo(Decision.Outcome.APPROVED);
    }
  }
}
