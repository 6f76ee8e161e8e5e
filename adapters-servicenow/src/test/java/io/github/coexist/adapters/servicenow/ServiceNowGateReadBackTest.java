package io.github.coexist.adapters.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coexist.core.Coexist;
import io.github.coexist.core.change.Decision;
import io.github.coexist.core.change.GateReply;
import io.github.coexist.core.change.InMemoryGateReplies;
import io.github.coexist.core.delivery.DeploymentRequest;
import io.github.coexist.core.delivery.PipelineEvidence;
import io.github.coexist.core.gate.GateDecision;
import io.github.coexist.core.gate.GateTick;
import io.github.coexist.core.gate.TrackedChange;
import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.kernel.ManualClock;
import io.github.coexist.core.risk.FactorContribution;
import io.github.coexist.core.risk.RiskAssessment;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.InMemoryServiceDirectory;
import io.github.coexist.core.service.Service;
import io.github.coexist.standins.servicenow.ServiceNowStandIn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The gate on the ServiceNow adapter, against the stand-in: a record the instance refuses reaches
 * the pipeline as a rejection with ServiceNow's reason, and every tick reads all waiting changes
 * back in one Table API query, however many there are.
 */
class ServiceNowGateReadBackTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final StandInAdapter itsm = new StandInAdapter(ServiceNowStandIn.start());
  private final ServiceNowStandIn instance = itsm.instance;
  private final InMemoryGateReplies replies = new InMemoryGateReplies();
  private final Coexist coexist = wire();

  @AfterEach
  void close() {
    coexist.close();
    itsm.close();
  }

  @Test
  @DisplayName("a change the instance's data policy refuses is rejected with ServiceNow's reason, and the pipeline told so")
  void refusedByDataPolicy() {
    instance.addService("payments", "payments-team", 1);
    instance.requireOnInsert("change_request", "u_change_reason");

    GateDecision asked = coexist.gate().decide(request("k-refused")).get();

    TrackedChange tracked = coexist.gate().change(asked.change().id()).orElseThrow();
    assertThat(tracked.change().decision().outcome()).isEqualTo(Decision.Outcome.REJECTED);
    assertThat(tracked.sync()).isEqualTo(TrackedChange.Sync.FAILED);
    assertThat(tracked.problem()).hasValueSatisfying(p -> assertThat(p).contains("u_change_reason"));
    List<GateReply> sent = replies.repliesFor(asked.change().id());
    assertThat(sent).extracting(GateReply::outcome).containsExactly(Decision.Outcome.REJECTED);
    assertThat(sent.get(0).comment()).contains("servicenow refused the change's record")
        .contains("mandatory").contains("u_change_reason").doesNotContain("waiting for")
        .doesNotContain(instance.password());
    assertThat(instance.records("change_request")).isEmpty();
  }

  @Test
  @DisplayName("20 waiting changes are read back with one query per tick, not one read each")
  void oneQueryPerTick() {
    instance.addService("payments", "payments-team", 1);
    List<GateDecision> waiting = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      waiting.add(coexist.gate().decide(request("k-" + i)).get());
    }
    assertThat(waiting).allSatisfy(d -> assertThat(d.outcome()).isEqualTo(Decision.Outcome.PENDING));
    String approved = coexist.gate().change(waiting.get(7).change().id()).orElseThrow()
        .change().externalKey().orElseThrow().id();
    instance.approve(approved);
    int before = instance.requests().size();

    GateTick tick = coexist.gate().tick();

    // Reading back: GETs other than those updating the one change approved (its record is moved on).
    List<String> reads = instance.requests().subList(before, instance.requests().size()).stream()
        .filter(r -> r.startsWith("GET ") && !r.contains("/change_request/" + approved)).toList();
    assertThat(tick.decidedInTool()).isEqualTo(1);
    assertThat(tick.stillWaiting()).isEqualTo(19);
    assertThat(reads).hasSize(1);
    assertThat(reads.get(0)).contains("/api/now/table/change_request?").contains("sys_idIN");
    int quiet = instance.requests().size();
    assertThat(coexist.gate().tick().decidedInTool()).isZero();
    assertThat(instance.requests().size() - quiet).isEqualTo(1);
  }

  private Coexist wire() {
    return Coexist.builder().clock(clock)
        .serviceDirectory(InMemoryServiceDirectory.of(Service.of("payments", "payments-team")))
        .changeRecords(itsm.adapter.changeRecords())
        .gateReplies(replies)
        .riskAssessor(context -> new RiskAssessment(70, RiskLevel.HIGH,
            List.of(new FactorContribution("change-size", 70, 100, "a schema migration")), Optional.empty()))
        .build();
  }

  private static DeploymentRequest request(String key) {
    return DeploymentRequest.builder().idempotencyKey(key).service("payments").environment("production")
        .filesChanged(40).linesChanged(900).evidence(PipelineEvidence.allPassed()).requester(Actor.person("dev"))
        .source("pipeline").build().get();
  }
}
