package io.github.coexist.core;

import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.gate.GateDecision;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentActivity;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.testing.FakeRisk;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A major incident declared by hand: recorded with who and why, a lockdown until it is resolved. */
class MajorIncidentByHandTest {
  private static final Actor COMMANDER = Actor.person("ana");
  private final ManualClock clock = new ManualClock(Instant.parse("2025-03-04T10:00:00Z"));

  private Coexist coexist() {
    return Coexist.builder().clock(clock).riskAssessor(new FakeRisk())
        .serviceDirectory(InMemoryServiceDirectory.of(Service.of("payments", "payments-team"),
            Service.builder().id(ServiceId.of("shop")).owner(TeamId.of("web")).addDependsOn(ServiceId.of("payments"))
                .build(),
            Service.of("search", "search-team")))
        .build();
  }

  private Incident warning(Coexist coexist) {
    return coexist.incidents().raise(Alert.builder().source("prometheus").dedupKey("payments-latency")
        .service("payments").summary("p99 above 2 s").severity("warning").status("firing").at(clock.instant())
        .build().get()).get().incident().orElseThrow();
  }

  @Test
  @DisplayName("locks the service and its dependents down until resolved, naming who declared it and why")
  void declaredByHand() {
    try (Coexist coexist = coexist()) {
      Incident incident = warning(coexist);
      assertThat(incident.major()).as("a warning on a service that is not tier 1").isFalse();
      assertThat(coexist.gate().decide(deploy("k-0", "shop")).get().outcome()).isEqualTo(Decision.Outcome.APPROVED);

      Incident major = coexist.incidents().declareMajor(incident.id(), COMMANDER, "card payments failing in two regions")
          .get();
      assertThat(major.major()).isTrue();
      assertThat(major.activity()).filteredOn(a -> a.action() == IncidentActivity.Action.MARKED_MAJOR)
          .singleElement().satisfies(a -> {
            assertThat(a.actor()).isEqualTo(COMMANDER);
            assertThat(a.detail()).contains("by hand", "card payments failing in two regions");
          });
      assertThat(coexist.audit().read(1, 1000).get()).filteredOn(e -> e.action().equals("incident.marked-major"))
          .singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo(COMMANDER);
            assertThat(e.inputs()).containsEntry("reason", "card payments failing in two regions");
          });

      GateDecision onService = coexist.gate().decide(deploy("k-1", "payments")).get();
      GateDecision onDependent = coexist.gate().decide(deploy("k-2", "shop")).get();
      GateDecision elsewhere = coexist.gate().decide(deploy("k-3", "search")).get();
      assertThat(onService.outcome()).isEqualTo(Decision.Outcome.PENDING);
      assertThat(onService.decision().reasons()).anySatisfy(r -> assertThat(r).startsWith("locked down: major incident "
          + incident.id() + " open on payments"));
      assertThat(onDependent.outcome()).isEqualTo(Decision.Outcome.PENDING);
      assertThat(elsewhere.outcome()).isEqualTo(Decision.Outcome.APPROVED);

      clock.advance(Duration.ofMinutes(40));
      coexist.incidents().resolve(incident.id(), "failed over to the second acquirer", COMMANDER).get();
      assertThat(coexist.gate().decide(deploy("k-4", "shop")).get().outcome()).as("lifted at resolution")
          .isEqualTo(Decision.Outcome.APPROVED);
    }
  }

  @Test
  @DisplayName("needs a reason, and refuses a resolved incident")
  void refused() {
    try (Coexist coexist = coexist()) {
      Incident incident = warning(coexist);
      assertThat(coexist.incidents().declareMajor(incident.id(), COMMANDER, "  ").getLeft())
          .isInstanceOf(CoexistError.InvalidInput.class);
      assertThat(coexist.incidents().declareMajor(incident.id(), COMMANDER, "x".repeat(501)).getLeft())
          .isInstanceOf(CoexistError.InvalidInput.class);
      coexist.incidents().resolve(incident.id(), "recovered", COMMANDER).get();
      assertThat(coexist.incidents().declareMajor(incident.id(), COMMANDER, "too late").isLeft()).isTrue();
      assertThat(coexist.audit().read(1, 1000).get()).extracting(AuditEntry::action).doesNotContain("incident.marked-major");
    }
  }
}
