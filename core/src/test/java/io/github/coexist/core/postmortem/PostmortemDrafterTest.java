package io.github.coexist.core.postmortem;

import static io.github.coexist.core.support.Results.right;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.change.ChangeState;
import io.github.coexist.core.delivery.Deployment;
import io.github.coexist.core.delivery.DeploymentLog;
import io.github.coexist.core.error.CoexistError;
import io.github.coexist.core.incident.Alert;
import io.github.coexist.core.incident.Incident;
import io.github.coexist.core.incident.IncidentDesk;
import io.github.coexist.core.incident.KeptIncident;
import io.github.coexist.core.incident.NewIncident;
import io.github.coexist.core.incident.TestChanges;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ChangeId;
import io.github.coexist.core.kernel.DeploymentId;
import io.github.coexist.core.kernel.IncidentId;
import io.github.coexist.core.problem.NewProblem;
import io.github.coexist.core.problem.Problem;
import io.github.coexist.core.problem.ProblemManager;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.support.Latest;
import io.github.coexist.core.kernel.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PostmortemDrafterTest {
  private static final Actor ALICE = Actor.person("alice");
  private static final Actor BOB = Actor.person("bob");
  private final ManualClock clock = ManualClock.atMondayMorning();
  private final InMemoryServiceDirectory services = InMemoryServiceDirectory.of(
      Service.builder().id(ServiceId.of("web")).owner(TeamId.of("team-web")).addDependsOn(ServiceId.of("shop")).build(),
      Service.builder().id(ServiceId.of("shop")).owner(TeamId.of("team-shop")).addDependsOn(ServiceId.of("payments")).build(),
      Service.of("payments", "team-pay"));
  private final DeploymentLog log = new DeploymentLog();
  private final TestChanges changes = new TestChanges();
  private final AtomicInteger ids = new AtomicInteger();
  private final Latest<IncidentId, KeptIncident> kept = new Latest<>(k -> k.incident().id());
  private final IncidentDesk desk = deskBuilder().keeper(kept).build();
  private final PostmortemDrafter drafter = PostmortemDrafter.builder(clock, desk, services).deployments(log)
      .changes(changes).build();


  private IncidentDesk.Builder deskBuilder() {
    return IncidentDesk.builder(clock, services).deployments(log).changes(changes).changeLinks(changes)
        .ids(() -> IncidentId.of("INC-" + ids.incrementAndGet()));
  }

  @Test
  @DisplayName("drafts hold no state of their own: a desk restored after a restart gives the same draft")
  void sameDraftAfterRestore() {
    Incident incident = brokenByPayments();
    Postmortem before = right(drafter.draft(incident.id()));
    IncidentDesk restored = deskBuilder().build();
    restored.restore(kept.shuffled(2));

    Postmortem after = right(PostmortemDrafter.builder(clock, restored, services).deployments(log).changes(changes)
        .build().draft(incident.id()));

    assertThat(after).isEqualTo(before);
  }

  private static String section(String markdown, String heading) {
    int start = markdown.indexOf("## " + heading);
    int end = markdown.indexOf("\n## ", start + 3);
    return end < 0 ? markdown.substring(start) : markdown.substring(start, end);
  }

  /** A payments deployment under change C1 (no security scan, no rollback plan) breaks shop 40 minutes later. */
  private Incident brokenByPayments() {
    Instant deployedAt = clock.instant().minus(Duration.ofMinutes(40));
    changes.add("C1", "payments", ChangeState.REVIEW, deployedAt.minus(Duration.ofMinutes(5)));
    log.record(new Deployment(DeploymentId.of("d-77"), ServiceId.of("payments"), "production",
        Deployment.Status.SUCCESS, deployedAt, Optional.of(deployedAt.plusSeconds(90)), List.of(),
        Optional.of(ChangeId.of("C1")), Optional.empty(), Optional.empty(), Optional.empty()));
    Incident incident = right(desk.raise(Alert.builder().source("prometheus").dedupKey("CheckoutErrors")
        .service("shop").summary("Checkout error rate above 5%").severity("critical").status("firing")
        .at(clock.instant()).build().get())).incident().orElseThrow();
    clock.advance(Duration.ofMinutes(20));
    right(desk.acknowledge(incident.id(), BOB));
    clock.advance(Duration.ofMinutes(5));
    right(desk.markMajor(incident.id(), BOB));
    right(desk.confirmSuspect(incident.id(), ChangeId.of("C1"), ALICE));
    clock.advance(Duration.ofMinutes(15));
    log.record(new Deployment(DeploymentId.of("d-78"), ServiceId.of("payments"), "production",
        Deployment.Status.SUCCESS, clock.instant(), Optional.of(clock.instant().plusSeconds(60)), List.of(),
        Optional.empty(), Optional.of(incident.id()), Optional.empty(), Optional.empty()));
    clock.advance(Duration.ofMinutes(5));
    right(desk.resolve(incident.id(), "bob rolled back payments", BOB));
    clock.advance(Duration.ofMinutes(30));
    return right(desk.incident(incident.id()));
  }

  @Test
  @DisplayName("the timeline holds the alert, every incident activity, and the deployments and changes around it, in order")
  void timeline() {
    Incident incident = brokenByPayments();
    Postmortem draft = right(drafter.draft(incident.id()));

    assertThat(draft.timeline()).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
    assertThat(draft.timeline()).extracting(TimelineEntry::kind).contains(TimelineEntry.Kind.ALERT,
        TimelineEntry.Kind.INCIDENT, TimelineEntry.Kind.DEPLOYMENT, TimelineEntry.Kind.CHANGE);
    List<TimelineEntry> incidentEntries = draft.timeline().stream()
        .filter(e -> e.kind() == TimelineEntry.Kind.INCIDENT).toList();
    assertThat(incidentEntries).hasSize(incident.activity().size());
    assertThat(incidentEntries).extracting(e -> e.actor().orElseThrow())
        .containsExactlyElementsOf(incident.activity().stream().map(a -> a.actor()).toList());
    assertThat(draft.timeline()).anySatisfy(e -> assertThat(e.text())
        .isEqualTo("deployment d-77 of payments to production started under change C1 (success, took 1 min)"));
    assertThat(draft.timeline()).anySatisfy(e -> assertThat(e.text())
        .isEqualTo("deployment d-78 of payments to production started as a hotfix for INC-1 (success, took 1 min)"));
    assertThat(draft.timeline().get(0).text()).startsWith("change C1 to payments planned to start");
  }

  @Test
  @DisplayName("the causal change's timeline entry names no person, not its requester: blameless")
  void changeEntryNamesNoOne() {
    Incident incident = brokenByPayments();
    Postmortem draft = right(drafter.draft(incident.id()));

    assertThat(draft.timeline()).filteredOn(e -> e.kind() == TimelineEntry.Kind.CHANGE).isNotEmpty()
        .allSatisfy(e -> assertThat(e.actor()).as(e.text()).isEmpty());
  }

  @Test
  @DisplayName("impact gives duration, priority, time to acknowledge and the services that depend on the failed one")
  void impact() {
    Incident incident = brokenByPayments();
    ImpactSummary impact = right(drafter.draft(incident.id())).impact();
    assertThat(impact.duration()).isEqualTo(Duration.ofMinutes(45));
    assertThat(impact.timeToAcknowledge()).contains(Duration.ofMinutes(20));
    assertThat(impact.major()).isTrue();
    assertThat(impact.dependents()).containsExactly(ServiceId.of("web"));
    assertThat(impact.slaBreached()).isTrue();
    assertThat(impact.ongoing()).isFalse();
    assertThat(impact.alertCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("contributing factors come from the facts and are about systems and processes")
  void factors() {
    Incident incident = brokenByPayments();
    Postmortem draft = right(drafter.draft(incident.id()));
    assertThat(draft.contributingFactors()).containsExactly(
        "The confirmed cause is change C1 (deployment d-77) to payments.",
        "The cause lay in payments, which shop depends on: a change there reached shop without being checked against it.",
        "Change C1 went out with tests missing, code review missing, security scan missing.",
        "Change C1 had no rollback plan, so undoing it meant a new change.",
        "The first response took 20 min, beyond the 15 min target: the alert or the on-call route did not reach a responder in time.",
        "1 service depends on shop (web), so its failure reached them too.");
    assertThat(draft.actionItems()).extracting(ActionItem::kind).containsExactly(ActionItem.Kind.PROBLEM,
        ActionItem.Kind.CHANGE, ActionItem.Kind.CHANGE, ActionItem.Kind.IMPROVEMENT);
    assertThat(draft.actionItems().get(1).owner()).contains(TeamId.of("team-payments"));
  }

  @Test
  @DisplayName("no person's name appears in the summary, the contributing factors or the action items")
  void blameless() {
    Incident incident = right(desk.open(NewIncident.builder().title("Bob cannot check out").service("shop")
        .impact(2).urgency(2).reporter(BOB).build().get()));
    right(desk.acknowledge(incident.id(), ALICE));
    right(desk.hold(incident.id(), "waiting for alice", ALICE));
    clock.advance(Duration.ofHours(9));
    right(desk.resume(incident.id(), ALICE));
    right(desk.resolve(incident.id(), "alice fixed it", ALICE));
    right(desk.reopen(incident.id(), "bob says no", BOB));
    Postmortem draft = right(drafter.draft(incident.id()));
    String markdown = draft.toMarkdown();

    for (String blameless : List.of(section(markdown, "Summary"), section(markdown, "Contributing factors"),
        section(markdown, "Action items"))) {
      assertThat(blameless.toLowerCase()).doesNotContain("alice").doesNotContain("bob");
    }
    assertThat(section(markdown, "Timeline")).contains("person:alice").contains("person:bob");
    assertThat(draft.contributingFactors()).contains(
        "The failure was reported by a person, not detected by monitoring: alerting does not cover it.",
        "The incident spent 9 h on hold, waiting on something outside the team.",
        "The first resolution did not hold: the incident was reopened once.");
    assertThat(draft.actionItems()).anySatisfy(a ->
        assertThat(a.title()).isEqualTo("Add an alert on shop that detects 'a responder cannot check out'"));
  }

  @Test
  @DisplayName("the Markdown has every section, escapes table cells, and says when a draft is of an open incident")
  void markdown() {
    Incident incident = right(desk.raise(Alert.builder().source("prometheus").dedupKey("Latency|p99")
        .service("payments").summary("p99 | latency\nhigh").severity("warning").status("firing")
        .at(clock.instant()).build().get())).incident().orElseThrow();
    clock.advance(Duration.ofMinutes(10));
    String markdown = right(drafter.draft(incident.id())).toMarkdown();
    assertThat(markdown).startsWith("# Postmortem: p99 | latency high (INC-1)\n");
    assertThat(markdown).contains("## Summary", "## Impact", "## Timeline (UTC)", "## Contributing factors",
        "## Action items");
    assertThat(markdown).contains("| Resolved | not yet |", "| Duration | 10 min so far |");
    assertThat(markdown).contains("alert prometheus/payments/Latency\\|p99 fired");
    assertThat(markdown).contains("- [ ] Find the cause of 'p99 | latency\nhigh' on payments (problem, owner team-pay)"
        .replace("\n", " "));
    assertThat(markdown).contains("No deployment or change of payments or its dependencies falls in the window");
  }

  @Test
  @DisplayName("an action item becomes a problem linked to the incident")
  void actionToProblem() {
    Incident incident = brokenByPayments();
    ActionItem item = right(drafter.draft(incident.id())).actionItems().get(0);
    NewProblem request = right(item.toProblem(incident, ALICE));
    Problem problem = right(ProblemManager.builder(clock).build().raise(request));
    assertThat(problem.incidents()).containsExactly(incident.id());
    assertThat(problem.title()).isEqualTo(item.title());
    assertThat(problem.signature()).contains(incident.signature());
  }

  @Test
  @DisplayName("an unknown incident is not found")
  void unknown() {
    assertThat(drafter.draft(IncidentId.of("INC-404")).getLeft()).isEqualTo(new CoexistError.NotFound("incident", "INC-404"));
  }
}
