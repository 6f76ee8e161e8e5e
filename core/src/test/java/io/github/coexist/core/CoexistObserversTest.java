package io.github.coexist.core;

import static io.github.coexist.core.testing.Requests.built;
import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.signal.Signal;
import io.github.coexist.core.signal.SignalObserver;
import io.github.coexist.core.store.InMemoryStateStore;
import io.github.coexist.core.testing.FakeRisk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The observer hooks metrics bind to: signal intake, several change listeners, the KPI engine's services. */
class CoexistObserversTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2025-03-04T10:00:00Z"));

  @Test
  @DisplayName("a signal observer hears each signal kept, duplicated, accepted or refused, with its source and kind")
  void signalIntake() {
    List<String> heard = new ArrayList<>();
    SignalObserver observer = (source, kind, result) -> heard.add(source + " " + kind + " " + result);
    try (Coexist coexist = Coexist.builder().clock(clock).riskAssessor(new FakeRisk())
        .store(new InMemoryStateStore(clock)).signalObserver(observer).build()) {
      coexist.receive("github:d-1", Signal.GateRequested.of(built("k-1", "shop")));
      coexist.receive("github:d-1", Signal.GateRequested.of(built("k-1", "shop")));
      coexist.receive("no-prefix", Signal.GateRequested.of(built("k-2", "shop")));
      coexist.accept(Signal.GateRequested.of(built("k-3", "shop")));
      coexist.accept(new Signal.ApprovalGiven(io.github.coexist.core.kernel.ExternalKey.of("servicenow", "CHG-404"),
          io.github.coexist.core.kernel.Actor.person("ana"), "ok"));
    }
    assertThat(heard).containsExactly(
        "github GateRequested KEPT",
        "github GateRequested DUPLICATE",
        "other GateRequested KEPT",
        "direct GateRequested ACCEPTED",
        "direct ApprovalGiven REFUSED");
  }

  @Test
  @DisplayName("without a store, receive is refused and the observer hears it; one observer that throws does not stop the next")
  void refusedWithoutStore() {
    List<String> heard = new ArrayList<>();
    try (Coexist coexist = Coexist.builder().clock(clock).riskAssessor(new FakeRisk())
        .signalObserver((source, kind, result) -> {
          throw new IllegalStateException("broken observer");
        })
        .signalObserver((source, kind, result) -> heard.add(source + " " + result)).build()) {
      assertThat(coexist.receive("alert:1", Signal.GateRequested.of(built("k-1", "shop")))).isEmpty();
    }
    assertThat(heard).containsExactly("alert REFUSED");
  }

  @Test
  @DisplayName("every change listener added hears every move, in the order added")
  void severalChangeListeners() {
    List<String> heard = new ArrayList<>();
    try (Coexist coexist = Coexist.builder().clock(clock).riskAssessor(new FakeRisk())
        .changeListener(change -> heard.add("first " + change.change().decision().outcome()))
        .changeListener(change -> heard.add("second " + change.change().decision().outcome())).build()) {
      coexist.gate().decide(deploy("k-1", "shop")).get();
    }
    assertThat(heard).contains("first APPROVED", "second APPROVED");
    assertThat(heard.indexOf("first APPROVED")).isLessThan(heard.indexOf("second APPROVED"));
  }

  @Test
  @DisplayName("the KPI engine names the services its facts name and the owners registered")
  void kpiServices() {
    try (Coexist coexist = Coexist.builder().clock(clock).riskAssessor(new FakeRisk()).build()) {
      assertThat(coexist.kpis().services()).isEmpty();
      coexist.register(Service.of("shop", "shop-team")).get();
      Instant at = clock.instant();
      coexist.kpis().add(new Deployment(DeploymentId.of("d-1"), ServiceId.of("cart"), "production",
          Deployment.Status.SUCCESS, at, Optional.of(at), List.of(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty()));
      assertThat(coexist.kpis().services()).containsExactly(ServiceId.of("cart"));
      assertThat(coexist.kpis().owners()).containsEntry(ServiceId.of("shop"), TeamId.of("shop-team"));
    }
  }
}
