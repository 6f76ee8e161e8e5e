package io.github.coexist.core.incident;

import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.DeploymentLog;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.kernel.ManualClock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Shared test data: shop depends on payments, payments on db; a person and sequential ids. */
final class Fixtures {
  static final Actor ALICE = Actor.person("alice");
  static final Actor BOB = Actor.person("bob");

  private Fixtures() {}

  static InMemoryServiceDirectory services() {
    return InMemoryServiceDirectory.of(
        Service.builder().id(ServiceId.of("shop")).owner(TeamId.of("team-shop"))
            .addDependsOn(ServiceId.of("payments")).build(),
        Service.builder().id(ServiceId.of("payments")).owner(TeamId.of("team-pay"))
            .addDependsOn(ServiceId.of("db")).build(),
        Service.of("db", "team-db"),
        Service.of("search", "team-search"));
  }

  static Supplier<IncidentId> sequentialIds() {
    AtomicInteger next = new AtomicInteger();
    return () -> IncidentId.of("INC-" + next.incrementAndGet());
  }

  static IncidentDesk.Builder desk(ManualClock clock) {
    return IncidentDesk.builder(clock, services()).ids(sequentialIds());
  }

  static Alert alert(String key, String status, Instant at) {
    return alert(key, "shop", "critical", status, at);
  }

  static Alert alert(String key, String service, String severity, String status, Instant at) {
    return Alert.builder().source("prometheus").dedupKey(key).service(service).summary(key + " on " + service)
        .severity(severity).status(status).at(at).build().get();
  }

  static NewIncident report(String service, int impact, int urgency) {
    return NewIncident.builder().title("Checkout fails for some users").service(service)
        .impact(impact).urgency(urgency).reporter(ALICE).build().get();
  }

  static Deployment deployment(String id, String service, Instant startedAt, Optional<String> change) {
    return new Deployment(DeploymentId.of(id), ServiceId.of(service), "production", Deployment.Status.SUCCESS,
        startedAt, Optional.of(startedAt.plusSeconds(60)), List.of(), change.map(ChangeId::of),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  static DeploymentLog log(Deployment... deployments) {
    DeploymentLog log = new DeploymentLog();
    for (Deployment d : deployments) {
      log.record(d).get();
    }
    return log;
  }
}
