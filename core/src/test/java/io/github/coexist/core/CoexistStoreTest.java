package io.github.coexist.core;

import static io.github.coexist.core.testing.Requests.built;
import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.change.ApprovalPolicy;
import io.github.coexist.core.change.ChangeModel;
import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.change.ChangeType;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.InMemoryChangeRecords;
import io.github.coexist.core.change.InMemoryGateReplies;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.kpi.KpiQuery;
import io.github.coexist.core.kpi.KpiReport;
import io.github.coexist.core.kpi.KpiScope;
import io.github.coexist.core.kpi.TimeWindow;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.IdempotencyKey;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.store.Inbox;
import io.github.coexist.core.store.InMemoryStateStore;
import io.github.coexist.core.store.StateStore;
import io.github.coexist.core.testing.FakeRisk;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link Coexist} with a {@link StateStore}: what it did is there after a restart, signals
 * received are processed once, and with two instances on one store only the lease holder writes.
 */
class CoexistStoreTest {
  private static final Instant T0 = Instant.parse("2025-03-04T10:00:00Z");
  private static final Duration TTL = Duration.ofSeconds(10);
  private final ManualClock clock = new ManualClock(T0);
  private final StateStore store = new InMemoryStateStore(clock);
  private final InMemoryChangeRecords itsm = new InMemoryChangeRecords();
  private final InMemoryGateReplies pipeline = new InMemoryGateReplies();
  private final List<Coexist> started = new ArrayList<>();

  @AfterEach
  void closeAll() {
    started.forEach(Coexist::close);
  }

  private Coexist start(String instance) {
    Coexist coexist = Coexist.builder().clock(clock).store(store).instance(instance).leaseTtl(TTL)
        .riskAssessor(new FakeRisk().level("vault", RiskLevel.HIGH))
        .changeRecords(itsm).gateReplies(pipeline)
        .build();
    coexist.register(Service.of("shop", "shop-team"));
    coexist.register(Service.of("vault", "vault-team"));
    started.add(coexist);
    return coexist;
  }

  /** An instance whose policy has the standard change template {@code config-toggle}. */
  private Coexist startTemplated() {
    Coexist coexist = Coexist.builder().clock(clock).store(store).instance("a").leaseTtl(TTL)
        .riskAssessor(new FakeRisk())
        .approvalPolicy(ApprovalPolicy.defaults().toBuilder()
            .model(ChangeModel.standard("config-toggle", ChangeModel.TESTS)).build().get())
        .changeRecords(itsm).gateReplies(pipeline)
        .build();
    coexist.register(Service.of("shop", "shop-team"));
    started.add(coexist);
    return coexist;
  }

  private static ChangeId templated(Coexist coexist, String key) {
    return coexist.accept(Signal.GateRequested.of(deploy(key, "shop").changeModel("config-toggle").build().get()))
        .getOrElseThrow(e -> new AssertionError(e.message())).change().orElseThrow();
  }

  private static ChangeId gate(Coexist coexist, String key, String service) {
    return coexist.accept(Signal.GateRequested.of(built(key, service)))
        .getOrElseThrow(e -> new AssertionError(e.message())).change().orElseThrow();
  }

  @Nested
  @DisplayName("after a restart on the same store")
  class Restart {
    @Test
    @DisplayName("a CAB change pending with one of two votes gets its second vote, is approved, and the pipeline hears it")
    void pendingVotesCount() {
      Coexist first = start("a");
      ChangeId change = gate(first, "k-1", "vault");
      assertThat(first.gate().approve(change, Actor.person("carol"), "fine").isRight()).isTrue();
      assertThat(first.commit().isRight()).isTrue();
      first.close();

      Coexist second = start("a");
      assertThat(second.gate().change(change).orElseThrow().change().state()).isEqualTo(ChangeState.AUTHORIZE);
      assertThat(second.gate().approve(change, Actor.person("dave"), "also fine").get().change().decision().outcome())
          .isEqualTo(Decision.Outcome.APPROVED);
      assertThat(second.commit().isRight()).isTrue();
      assertThat(pipeline.finalReply(change).orElseThrow().outcome()).isEqualTo(Decision.Outcome.APPROVED);
    }

    @Test
    @DisplayName("a standard change template re-enabled after its demotion is still enabled, and counts afresh")
    void reenabledTemplateKept() {
      Coexist first = startTemplated();
      for (int i = 0; i < 2; i++) {
        ChangeId change = templated(first, "k-" + i);
        assertThat(first.gate().change(change).orElseThrow().change().type()).isEqualTo(ChangeType.STANDARD);
        clock.advance(Duration.ofMinutes(5));
        assertThat(first.gate().deploymentFinished(change, false, clock.instant()).isRight()).isTrue();
      }
      assertThat(first.gate().templateDemotion("config-toggle")).isPresent();
      clock.advance(Duration.ofMinutes(5));
      assertThat(first.gate().reenableTemplate("config-toggle", Actor.person("carol")).get()).isTrue();
      assertThat(first.commit().isRight()).isTrue();
      first.close();

      Coexist second = startTemplated();
      assertThat(second.gate().templateDemotion("config-toggle")).isEmpty();
      ChangeId after = templated(second, "k-2");
      assertThat(second.gate().change(after).orElseThrow().change().type()).isEqualTo(ChangeType.STANDARD);
      clock.advance(Duration.ofMinutes(5));
      second.gate().deploymentFinished(after, false, clock.instant()).get();
      assertThat(second.gate().templateDemotion("config-toggle")).as("one failure since the re-enabling").isEmpty();
      ChangeId again = templated(second, "k-3");
      clock.advance(Duration.ofMinutes(5));
      second.gate().deploymentFinished(again, false, clock.instant()).get();
      assertThat(second.gate().templateDemotion("config-toggle")).as("two failures since").isPresent();
    }

    @Test
    @DisplayName("a redelivered gate request reuses its change, and new changes get new ids")
    void idsGoOn() {
      Coexist first = start("a");
      ChangeId one = gate(first, "k-1", "shop");
      first.close();

      Coexist second = start("a");
      assertThat(gate(second, "k-1", "shop")).isEqualTo(one);
      ChangeId two = gate(second, "k-2", "shop");
      assertThat(two).isNotEqualTo(one);
      assertThat(itsm.size()).isEqualTo(2);
    }

    @Test
    @DisplayName("services, deployments, incidents and the KPIs are as they were, and the incident's suspect is found")
    void everythingIsBack() {
      Coexist first = start("a");
      ChangeId change = gate(first, "k-1", "shop");
      first.accept(Signal.DeploymentReported.of(new Deployment(DeploymentId.of("d-1"), ServiceId.of("shop"),
          "production", Deployment.Status.SUCCESS, T0, Optional.of(T0.plusSeconds(60)), List.of(),
          Optional.of(change), Optional.empty(), Optional.of("acme/shop"), Optional.of("abc123")))).get();
      clock.advance(Duration.ofMinutes(10));
      IncidentId incident = first.accept(new Signal.AlertRaised(Alert.builder().source("prometheus")
          .dedupKey("shop-5xx").service("shop").summary("errors").severity("critical").status("firing")
          .at(clock.instant()).build().get())).get().incident().orElseThrow();
      KpiQuery lastHours = KpiQuery.of(TimeWindow.of(T0.minusSeconds(3600), T0.plusSeconds(7200)).get(),
          KpiScope.organisation());
      KpiReport before = first.kpis().query(lastHours);
      first.close();

      Coexist second = Coexist.builder().clock(clock).store(store).instance("a").leaseTtl(TTL)
          .changeRecords(itsm).gateReplies(pipeline).build();
      started.add(second);
      assertThat(second.services().find(ServiceId.of("shop")).get()).isPresent();
      assertThat(second.incidents().incident(incident).isRight()).isTrue();
      assertThat(second.incidents().suspects(incident).get()).anySatisfy(s -> assertThat(s.change()).contains(change));
      assertThat(second.kpis().query(lastHours)).isEqualTo(before);
      assertThat(second.accept(new Signal.AlertRaised(Alert.builder().source("prometheus").dedupKey("shop-5xx")
          .service("shop").summary("errors").severity("critical").status("firing").at(clock.instant()).build().get()))
          .get().incident()).as("the alert folds into the incident it opened before the restart").contains(incident);
    }

    @Test
    @DisplayName("a restart between a pull request's merge and its deployment gives the same lead time")
    void leadTimeAcrossRestart() {
      StateStore other = new InMemoryStateStore(clock);
      Coexist never = Coexist.builder().clock(clock).store(other).instance("n").build();
      started.add(never);
      Coexist first = start("a");
      Signal merged = new Signal.PullRequestMerged("acme/shop", 7, Actor.person("dev"), "head7",
          Optional.of("merge7"), T0, List.of(new io.github.coexist.core.delivery.Commit("c1", T0.minusSeconds(7200)),
          new io.github.coexist.core.delivery.Commit("c2", T0.minusSeconds(3600))), List.of());
      first.accept(merged).get();
      never.accept(merged).get();
      first.close();
      clock.advance(Duration.ofHours(2));

      Coexist second = start("a");
      for (Coexist coexist : List.of(second, never)) {
        Instant now = clock.instant();
        coexist.accept(Signal.DeploymentReported.of(new Deployment(DeploymentId.of("d-1"), ServiceId.of("shop"),
            "production", Deployment.Status.SUCCESS, now, Optional.of(now.plusSeconds(60)), List.of(),
            Optional.empty(), Optional.empty(), Optional.of("acme/shop"), Optional.of("merge7")))).get();
      }
      KpiQuery day = KpiQuery.of(TimeWindow.of(T0.minusSeconds(86_400), T0.plusSeconds(86_400)).get(),
          KpiScope.organisation());
      assertThat(second.kpis().query(day)).isEqualTo(never.kpis().query(day));
      assertThat(second.deployments().find(DeploymentId.of("d-1")).orElseThrow().commits()).hasSize(2);
    }

    @Test
    @DisplayName("a deployment in progress at a restart is a suspect after it, and its finish counts once in the KPIs")
    void deploymentInProgressAcrossRestart() {
      Coexist first = start("a");
      ChangeId change = gate(first, "k-1", "shop");
      Deployment started = new Deployment(DeploymentId.of("d-1"), ServiceId.of("shop"), "production",
          Deployment.Status.IN_PROGRESS, T0, Optional.empty(), List.of(), Optional.of(change), Optional.empty(),
          Optional.of("acme/shop"), Optional.of("abc123"));
      first.accept(Signal.DeploymentReported.of(started)).get();
      first.close();

      Coexist second = start("a");
      assertThat(second.deployments().find(DeploymentId.of("d-1"))).contains(started);
      clock.advance(Duration.ofMinutes(5));
      IncidentId incident = second.accept(new Signal.AlertRaised(Alert.builder().source("prometheus")
          .dedupKey("shop-5xx").service("shop").summary("errors").severity("critical").status("firing")
          .at(clock.instant()).build().get())).get().incident().orElseThrow();
      assertThat(second.incidents().suspects(incident).get()).anySatisfy(s -> assertThat(s.change()).contains(change));
      KpiQuery day = KpiQuery.of(TimeWindow.of(T0.minusSeconds(86_400), T0.plusSeconds(86_400)).get(),
          KpiScope.organisation());
      assertThat(second.kpis().query(day).toString()).as("an unfinished deployment is no KPI fact")
          .isEqualTo(first.kpis().query(day).toString());
    }

    @Test
    @DisplayName("the audit trail goes on and verifies")
    void auditGoesOn() {
      Coexist first = start("a");
      gate(first, "k-1", "shop");
      long before = store.audit().last().get().orElseThrow().sequence();
      first.close();
      Coexist second = start("a");
      gate(second, "k-2", "shop");
      assertThat(second.audit().verify().get()).satisfies(verified -> {
        assertThat(verified.intact()).isTrue();
        assertThat(verified.entriesChecked()).isGreaterThan(before);
      });
    }

    @Test
    @DisplayName("a decision's audit entries are in the store's trail once the decision returns, committed with it")
    void auditCommittedWithTheDecision() {
      Coexist coexist = start("a");
      gate(coexist, "k-1", "shop");
      assertThat(store.audit().last().get()).isEqualTo(coexist.audit().store().last().get()).isPresent();
      assertThat(coexist.storeStatus().orElseThrow().unsaved()).isZero();
    }

    @Test
    @DisplayName("an audit store other than the store's own is refused: the trail is committed with the state")
    void foreignAuditStore() {
      Coexist.Builder builder = Coexist.builder().clock(clock).store(store)
          .auditStore(new io.github.coexist.core.audit.InMemoryAuditStore());
      org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(builder::build)
          .withMessageContaining("audit");
      Coexist own = Coexist.builder().clock(clock).store(store).auditStore(store.audit()).build();
      started.add(own);
    }
  }

  @Nested
  @DisplayName("the inbox")
  class InboxTests {
    @Test
    @DisplayName("keeps a signal once per delivery key, and a tick processes it once")
    void processedOnce() {
      Coexist coexist = start("a");
      Signal signal = Signal.GateRequested.of(built("k-1", "shop"));
      assertThat(coexist.receive("github:d-1", signal).get()).isInstanceOf(Inbox.Receipt.Recorded.class);
      assertThat(coexist.receive("github:d-1", signal).get()).isInstanceOf(Inbox.Receipt.Duplicate.class);
      assertThat(coexist.storeStatus().orElseThrow().inboxBacklog()).isEqualTo(1);

      assertThat(coexist.tick().signalsProcessed()).isEqualTo(1);
      assertThat(coexist.tick().signalsProcessed()).isZero();
      assertThat(coexist.gate().byKey(IdempotencyKey.of("k-1"))).isPresent();
      assertThat(coexist.storeStatus().orElseThrow().inboxBacklog()).isZero();
    }

    @Test
    @DisplayName("a signal received but not processed before a crash is processed after the restart")
    void survivesCrash() {
      Coexist first = start("a");
      first.receive("github:d-1", Signal.GateRequested.of(built("k-1", "shop")));
      // A crash: nothing is closed, the lease is not released; the restart waits for it to expire.
      started.remove(first);
      clock.advance(TTL.plusSeconds(1));

      Coexist second = start("b");
      assertThat(second.tick().signalsProcessed()).isEqualTo(1);
      assertThat(second.gate().byKey(IdempotencyKey.of("k-1"))).isPresent();
    }

    @Test
    @DisplayName("a signal that trips a bug is set aside, and the signals behind it are processed")
    void poisonSetAside() {
      Coexist coexist = Coexist.builder().clock(clock).store(store).instance("a").leaseTtl(TTL)
          .riskAssessor(context -> {
            if (context.request().service().value().equals("broken")) {
              throw new IllegalStateException("a risk factor with a bug");
            }
            return new FakeRisk().assess(context);
          })
          .changeRecords(itsm).gateReplies(pipeline).build();
      started.add(coexist);
      coexist.register(Service.of("broken", "shop-team"));
      coexist.register(Service.of("shop", "shop-team"));
      coexist.receive("github:d-1", Signal.GateRequested.of(built("k-1", "broken")));
      coexist.receive("github:d-2", Signal.GateRequested.of(built("k-2", "shop")));

      assertThat(coexist.tick().signalsProcessed()).as("the poisoned signal is not processed").isEqualTo(1);
      assertThat(coexist.gate().byKey(IdempotencyKey.of("k-2"))).isPresent();
      StoreStatus status = coexist.storeStatus().orElseThrow();
      assertThat(status.inboxBacklog()).isZero();
      assertThat(status.deadLetters()).as("set aside as a dead letter, for an operator to find").isEqualTo(1);
      assertThat(coexist.receive("github:d-1", Signal.GateRequested.of(built("k-1", "broken"))).get())
          .as("still kept: its delivery is a duplicate").isInstanceOf(Inbox.Receipt.Duplicate.class);
      assertThat(coexist.tick().signalsProcessed()).isZero();
    }

    @Test
    @DisplayName("without a store is refused: accept is the way in")
    void needsAStore() {
      Coexist memory = Coexist.builder().clock(clock).build();
      started.add(memory);
      assertThat(memory.receive("github:d-1", Signal.GateRequested.of(built("k-1", "shop"))).getLeft())
          .isInstanceOf(CoexistError.InvalidInput.class);
    }
  }

  @Nested
  @DisplayName("two instances on one store")
  class TwoInstances {
    @Test
    @DisplayName("the standby refuses to process, applies what the holder committed, and takes over when the holder leaves")
    void standbyTakesOver() {
      Coexist holder = start("a");
      Coexist standby = start("b");
      assertThat(holder.storeStatus().orElseThrow().holdsLease()).isTrue();
      assertThat(standby.storeStatus().orElseThrow().holdsLease()).isFalse();
      assertThat(standby.storeStatus().orElseThrow().lease().orElseThrow().holder()).isEqualTo("a");

      assertThat(standby.accept(Signal.GateRequested.of(built("k-1", "shop"))).getLeft())
          .isInstanceOf(CoexistError.Unavailable.class);
      standby.receive("github:d-1", Signal.GateRequested.of(built("k-1", "shop")));
      assertThat(standby.tick().standby()).isTrue();
      assertThat(holder.tick().signalsProcessed()).isEqualTo(1);
      ChangeId change = holder.gate().byKey(IdempotencyKey.of("k-1")).orElseThrow().change().id();

      standby.tick();
      assertThat(standby.gate().change(change)).isPresent();

      holder.close();
      assertThat(standby.tick().standby()).isFalse();
      assertThat(gate(standby, "k-2", "shop")).isNotEqualTo(change);
      assertThat(standby.audit().verify().get().intact()).isTrue();
    }

    @Test
    @DisplayName("when the holder dies without giving the lease up, the standby ticking every lease time to live "
        + "takes over within two tick intervals and processes what it kept meanwhile")
    void standbyTakesOverFromDeadHolder() {
      Duration tick = TTL; // as serve sets it: the lease lasts one tick interval
      Coexist holder = start("a");
      Coexist standby = start("b");
      clock.advance(tick.dividedBy(2));
      assertThat(holder.tick().standby()).isFalse(); // renewed: it lasts until half a tick from now plus one
      standby.receive("github:d-9", Signal.GateRequested.of(built("k-9", "shop")));
      // The holder dies here: it never ticks, renews or gives the lease up again.
      clock.advance(tick.dividedBy(2));
      assertThat(standby.tick().standby()).as("one tick after: the lease has not expired yet").isTrue();
      clock.advance(tick);
      assertThat(standby.tick().standby()).as("two ticks after: taken over").isFalse();
      assertThat(standby.storeStatus().orElseThrow().lease().orElseThrow().holder()).isEqualTo("b");
      assertThat(standby.gate().byKey(IdempotencyKey.of("k-9"))).as("the delivery kept by the standby").isPresent();
      assertThat(standby.audit().verify().get().intact()).isTrue();
    }

    @Test
    @DisplayName("an instance that holds the lease again chains its audit entries to those its successor appended")
    void auditChainsAcrossHolders() {
      Coexist a = start("a");
      gate(a, "k-1", "shop");
      clock.advance(TTL.plusSeconds(1));
      Coexist b = start("b");
      gate(b, "k-2", "shop");
      long afterB = store.audit().last().get().orElseThrow().sequence();
      b.close();
      assertThat(a.tick().standby()).as("a finds its lease taken since: it stands by").isTrue();
      assertThat(a.tick().standby()).as("then takes the free lease").isFalse();

      gate(a, "k-3", "shop");
      assertThat(store.audit().last().get().orElseThrow().sequence()).isGreaterThan(afterB);
      assertThat(a.audit().verify().get().intact()).isTrue();
    }

    @Test
    @DisplayName("a holder whose lease expired and was taken cannot commit over its successor")
    void fenced() {
      Coexist holder = start("a");
      clock.advance(TTL.plusSeconds(1));
      Coexist successor = start("b");
      assertThat(successor.storeStatus().orElseThrow().holdsLease()).isTrue();

      assertThat(holder.accept(Signal.GateRequested.of(built("k-1", "shop"))).getLeft())
          .isInstanceOf(CoexistError.Conflict.class);
      StoreStatus stale = holder.storeStatus().orElseThrow();
      assertThat(stale.holdsLease()).isFalse();
      assertThat(stale.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("restart"));
      assertThat(holder.tick().standby()).as("a diverged instance never writes again").isTrue();

      successor.tick();
      assertThat(successor.gate().byKey(IdempotencyKey.of("k-1"))).isEmpty();
    }
  }
}
