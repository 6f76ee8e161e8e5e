package io.github.coexist.core.gate;

import io.github.coexist.core.audit.AuditEntry;
import io.github.coexist.core.audit.AuditTrail;
import io.github.coexist.core.audit.InMemoryAuditStore;
import io.github.coexist.core.calendar.ChangeCalendar;
import io.github.coexist.core.calendar.WindowKind;
import io.github.coexist.core.calendar.WindowOccurrence;
import io.github.coexist.core.change.ApprovalPolicy;
import io.github.coexist.core.change.ChangeAuthority;
import io.github.coexist.core.change.ChangeModel;
import io.github.coexist.core.change.ChangeRecords;
import io.github.coexist.core.change.GateReplies;
import io.github.coexist.core.change.InMemoryChangeRecords;
import io.github.coexist.core.change.InMemoryGateReplies;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.core.service.ServiceId;
import io.github.coexist.core.service.TeamId;
import io.github.coexist.core.testing.FakeRisk;
import io.github.coexist.core.kernel.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A gate on in-memory ports, with every part reachable for assertions. */
final class GateFixture {
  static final Actor ALICE = Actor.person("alice");
  static final Actor BOB = Actor.person("bob");
  static final Actor CAROL = Actor.person("carol");
  static final Actor DAVE = Actor.person("dave");
  static final Actor MALLORY = Actor.person("mallory");

  final ManualClock clock = new ManualClock(java.time.Instant.parse("2025-03-04T10:00:00Z"));
  final FakeRisk risk = new FakeRisk();
  final InMemoryChangeRecords records = new InMemoryChangeRecords();
  final InMemoryGateReplies replies = new InMemoryGateReplies();
  final InMemoryAuditStore auditStore = new InMemoryAuditStore();
  final AuditTrail audit = new AuditTrail(auditStore, clock);
  final List<WindowOccurrence> windows = new CopyOnWriteArrayList<>();
  final InMemoryServiceDirectory directory = InMemoryServiceDirectory.of(
      Service.builder().id(ServiceId.of("shop")).owner(TeamId.of("web")).addDependsOn(ServiceId.of("payments")).build(),
      Service.builder().id(ServiceId.of("payments")).owner(TeamId.of("payments-team")).addDependsOn(ServiceId.of("db")).build(),
      Service.of("db", "dba"),
      Service.builder().id(ServiceId.of("mobile")).owner(TeamId.of("apps")).addDependsOn(ServiceId.of("payments")).build());
  volatile ServiceHealth.OpenWork openWork = ServiceHealth.OpenWork.NONE;

  /** The default policy with a named CAB of three (quorum two) and a named ECAB. */
  static ApprovalPolicy policy() {
    return ApprovalPolicy.defaults().toBuilder()
        .version("policy-1")
        .authority(ChangeAuthority.of("cab", 2, Duration.ofHours(8), BOB, CAROL, DAVE))
        .authority(ChangeAuthority.of("ecab", 1, Duration.ofHours(1), CAROL, DAVE))
        .model(ChangeModel.standard("config-toggle", ChangeModel.TESTS))
        .build().get();
  }

  /** Every published state of every change, in order. */
  final List<TrackedChange> heard = new java.util.concurrent.CopyOnWriteArrayList<>();

  ChangeGate gate() {
    return gate(records, replies);
  }

  ChangeGate gate(ChangeRecords changeRecords, GateReplies gateReplies) {
    return builder(changeRecords, gateReplies).build();
  }

  /** A builder of the fixture's gate on these ports, for a test to add to. */
  ChangeGate.Builder builder(ChangeRecords changeRecords, GateReplies gateReplies) {
    return ChangeGate.builder()
        .clock(clock)
        .riskAssessor(risk)
        .approvalPolicy(policy())
        .changeRecords(changeRecords)
        .gateReplies(gateReplies)
        .auditTrail(audit)
        .calendar(calendar())
        .serviceDirectory(directory)
        .serviceHealth(service -> openWork)
        .listener(heard::add);
  }

  ChangeCalendar calendar() {
    return (service, from, to) -> windows.stream().filter(w -> w.overlaps(from, to)).toList();
  }

  /** A freeze from now for {@code length}. */
  WindowOccurrence freeze(String name, Duration length) {
    WindowOccurrence freeze = new WindowOccurrence(name, WindowKind.FREEZE, clock.instant(), clock.instant().plus(length));
    windows.add(freeze);
    return freeze;
  }

  GateFixture level(String service, RiskLevel level) {
    risk.level(service, level);
    return this;
  }

  List<AuditEntry> auditEntries() {
    return audit.read(1, Integer.MAX_VALUE).get().asJava();
  }

  List<AuditEntry> auditOf(String changeId, String action) {
    return auditEntries().stream().filter(e -> e.subject().equals(changeId) && e.action().equals(action)).toList();
  }

  /** The one-step transitions the trail recorded for a change, as "FROM -> TO", in order. */
  List<String> transitions(String changeId) {
    return auditOf(changeId, "change.transitioned").stream().flatMap(e -> steps(e.outcome()).stream()).toList();
  }

  /** The steps of one audited walk such as "NEW -> ASSESS -> AUTHORIZE", as "FROM -> TO". */
  static List<String> steps(String walk) {
    String[] states = walk.split(" -> ");
    List<String> steps = new java.util.ArrayList<>();
    for (int i = 1; i < states.length; i++) {
      steps.add(states[i - 1] + " -> " + states[i]);
    }
    return steps;
  }

  Instant now() {
    return clock.instant();
  }

  static Set<String> names(io.github.coexist.core.risk.RiskContext.Overlaps overlaps) {
    return Set.copyOf(overlaps.nearest().stream().map(io.github.coexist.core.risk.RiskContext.Overlap::changeId).toList());
  }
}
