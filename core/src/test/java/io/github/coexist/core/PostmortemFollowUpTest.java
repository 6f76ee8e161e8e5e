package io.github.coexist.core;

import static io.github.coexist.core.testing.Requests.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentState;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.postmortem.ActionItem;
import io.github.coexist.core.postmortem.ActionPlan;
import io.github.coexist.core.postmortem.InMemoryActionItemRecords;
import io.github.coexist.core.postmortem.PublishedPostmortem;
import io.github.coexist.core.postmortem.TrackedAction;
import io.github.coexist.core.risk.FactorContribution;
import io.github.coexist.core.risk.RiskAssessment;
import io.github.coexist.core.risk.StandardRiskAssessor;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.store.InMemoryStateStore;
import io.github.coexist.core.store.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Postmortems that are followed up: required for P1 and major incidents, tracked actions, overdue as risk. */
class PostmortemFollowUpTest {
  private static final Actor ON_CALL = Actor.person("ana");
  private static final TeamId PLATFORM = TeamId.of("platform");
  private final ManualClock clock = new ManualClock(Instant.parse("2025-03-04T10:00:00Z"));
  private final InMemoryActionItemRecords tickets = new InMemoryActionItemRecords();
  private final List<Coexist> started = new ArrayList<>();

  @AfterEach
  void closeAll() {
    started.forEach(Coexist::close);
  }

  private Coexist start(Coexist.Builder builder) {
    Coexist coexist = builder.clock(clock).riskAssessor(StandardRiskAssessor.defaults())
        .serviceDirectory(InMemoryServiceDirectory.of(Service.of("shop", "shop-team")))
        .actionItemRecords(tickets).build();
    started.add(coexist);
    return coexist;
  }

  private Incident resolved(Coexist coexist, String severity) {
    Incident incident = coexist.incidents().raise(Alert.builder().source("prometheus").dedupKey("shop-" + severity)
        .service("shop").summary("checkout failing").severity(severity).status("firing").at(clock.instant())
        .build().get()).get().incident().orElseThrow();
    coexist.incidents().acknowledge(incident.id(), ON_CALL).get();
    clock.advance(Duration.ofMinutes(30));
    return coexist.incidents().resolve(incident.id(), "rolled back", ON_CALL).get();
  }

  private List<ActionPlan> plans() {
    return List.of(
        new ActionPlan("alert on the checkout error budget burn rate", ActionItem.Kind.IMPROVEMENT, PLATFORM,
            clock.instant().plus(Duration.ofDays(7))),
        new ActionPlan("add a canary stage to the checkout pipeline", ActionItem.Kind.CHANGE, TeamId.of("shop-team"),
            clock.instant().plus(Duration.ofDays(30))));
  }

  private static FactorContribution overdue(RiskAssessment risk) {
    return risk.contributions().stream().filter(c -> c.factor().equals("overdue-actions")).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("a P1 is resolved at once but closes only once its postmortem is published; a P3 needs none")
  void requiredForP1() {
    Coexist coexist = start(Coexist.builder());
    Incident p1 = resolved(coexist, "critical");
    Incident p3 = resolved(coexist, "warning");

    CoexistError held = coexist.incidents().close(p1.id(), ON_CALL).getLeft();
    assertThat(held).isInstanceOf(CoexistError.Conflict.class);
    assertThat(held.message()).contains("P1 closes once its postmortem is published");
    assertThat(coexist.postmortemBook().awaiting()).extracting(Incident::id).containsExactly(p1.id());
    assertThat(coexist.incidents().close(p3.id(), ON_CALL).get().state()).isEqualTo(IncidentState.CLOSED);

    PublishedPostmortem published = coexist.postmortemBook().publish(p1.id(), plans(), ON_CALL).get();

    assertThat(published.actions()).extracting(TrackedAction::id).containsExactly(p1.id() + "-A1", p1.id() + "-A2");
    assertThat(published.actions()).allSatisfy(a -> assertThat(a.ticket()).isPresent());
    assertThat(tickets.tickets()).extracting(TrackedAction::title)
        .containsExactly("alert on the checkout error budget burn rate", "add a canary stage to the checkout pipeline");
    assertThat(coexist.postmortemBook().awaiting()).isEmpty();
    assertThat(coexist.incidents().close(p1.id(), ON_CALL).get().state()).isEqualTo(IncidentState.CLOSED);
    assertThat(coexist.audit().read(1, 1000).get()).filteredOn(e -> e.action().equals("postmortem.published"))
        .singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo(ON_CALL));
  }

  @Test
  @DisplayName("a major incident needs one too; publishing an open incident's, bad plans, or twice is refused")
  void refusals() {
    Coexist coexist = start(Coexist.builder());
    Incident open = coexist.incidents().raise(Alert.builder().source("prometheus").dedupKey("shop-latency")
        .service("shop").summary("slow").severity("warning").status("firing").at(clock.instant()).build().get())
        .get().incident().orElseThrow();
    coexist.incidents().markMajor(open.id(), ON_CALL).get();
    assertThat(coexist.postmortemBook().publish(open.id(), plans(), ON_CALL).getLeft())
        .isInstanceOf(CoexistError.Conflict.class);
    coexist.incidents().resolve(open.id(), "scaled out", ON_CALL).get();
    assertThat(coexist.incidents().close(open.id(), ON_CALL).getLeft().message()).contains("major incident closes");

    CoexistError bad = coexist.postmortemBook().publish(open.id(), List.of(
        new ActionPlan(" ", ActionItem.Kind.CHANGE, PLATFORM, clock.instant().plus(Duration.ofDays(1))),
        new ActionPlan("fix it", ActionItem.Kind.CHANGE, PLATFORM, clock.instant())), ON_CALL).getLeft();
    assertThat(bad).isInstanceOf(CoexistError.InvalidInput.class);
    assertThat(bad.message()).contains("action 1: a title", "action 2: due");
    assertThat(tickets.tickets()).as("nothing was ticketed").isEmpty();

    coexist.postmortemBook().publish(open.id(), List.of(), ON_CALL).get();
    assertThat(coexist.postmortemBook().publish(open.id(), plans(), ON_CALL).getLeft())
        .isInstanceOf(CoexistError.Conflict.class);
  }

  @Test
  @DisplayName("an action item past its due date is risk for its service's changes until it is done")
  void overdueIsRisk() {
    Coexist coexist = start(Coexist.builder());
    Incident p1 = resolved(coexist, "critical");
    PublishedPostmortem published = coexist.postmortemBook().publish(p1.id(), plans(), ON_CALL).get();
    assertThat(overdue(coexist.gate().decide(deploy("k-1", "shop")).get().change().risk()).points()).isZero();

    clock.advance(Duration.ofDays(8));
    assertThat(coexist.postmortemBook().overdue(p1.service())).extracting(TrackedAction::id)
        .containsExactly(p1.id() + "-A1");
    FactorContribution late = overdue(coexist.gate().decide(deploy("k-2", "shop")).get().change().risk());
    assertThat(late.points()).isPositive();
    assertThat(late.reason()).isEqualTo("1 postmortem action item overdue on shop");

    TrackedAction done = coexist.postmortemBook().complete(published.actions().get(0).id(), ON_CALL).get();
    assertThat(done.status()).isEqualTo(TrackedAction.Status.DONE);
    assertThat(tickets.ticket(done.ticket().orElseThrow()).orElseThrow().status()).isEqualTo(TrackedAction.Status.DONE);
    assertThat(overdue(coexist.gate().decide(deploy("k-3", "shop")).get().change().risk()).points()).isZero();
    assertThat(coexist.postmortemBook().complete(done.id(), ON_CALL).getLeft()).isInstanceOf(CoexistError.Conflict.class);
  }

  @Test
  @DisplayName("a published postmortem and its actions are kept across a restart")
  void keptAcrossRestart() {
    StateStore store = new InMemoryStateStore(clock);
    Coexist first = start(Coexist.builder().store(store));
    Incident p1 = resolved(first, "critical");
    first.postmortemBook().publish(p1.id(), plans(), ON_CALL).get();
    assertThat(first.commit().isRight()).isTrue();
    first.close();

    Coexist second = start(Coexist.builder().store(store));
    assertThat(second.postmortemBook().isPublished(p1.id())).isTrue();
    assertThat(second.postmortemBook().postmortem(p1.id()).orElseThrow().actions()).hasSize(2);
    assertThat(second.incidents().close(p1.id(), ON_CALL).isRight()).isTrue();
  }
}
